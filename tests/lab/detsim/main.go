// Command detsim does, against a real API server, what the Determined 0.38
// master's Kubernetes RM does on the Gateway for a proxied task
// (master/internal/rm/kubernetesrm: gateway_service.go, spec.go, request_workers.go):
// it appends det-<port> TCP listeners plus determined.ai/det-gateway-port-<port>
// annotations to a Gateway with a full Update (PUT) wrapped in
// retry.RetryOnConflict(retry.DefaultRetry), then creates one ClusterIP Service
// and one v1alpha2 TCPRoute per port. It uses the same libraries the master
// uses (client-go and the sigs.k8s.io/gateway-api v1.0.0 typed clientset) and
// prints its ground truth as JSON on stdout.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

const usage = `usage: detsim <command> [flags]

commands:
  alloc  --gateway NS/NAME --range A-B --ports N --namespace NS [--alloc ID] [--job NAME]
         [--proxy-port P] [--leak after-listeners|after-service]
  free   --gateway NS/NAME --namespace NS --alloc ID
  churn  --gateway NS/NAME --range A-B --namespace NS --rate R --duration D
         [--ports N] [--workers W] [--hold D] [--abandon-every N] [--strict]

common flags: --kubeconfig PATH --context NAME --timeout D
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	var out any
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "alloc":
		out, err = runAlloc(args)
	case "free":
		out, err = runFree(args)
	case "churn":
		out, err = runChurn(args)
	case "-h", "--help", "help":
		fmt.Print(usage)
		return
	default:
		err = fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
	if out != nil {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "detsim:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// common holds the flags every command takes.
type common struct {
	kubeconfig, context, gateway, namespace string
	timeout                                 time.Duration
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.kubeconfig, "kubeconfig", "", "path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)")
	fs.StringVar(&c.context, "context", "", "kubeconfig context to use")
	fs.StringVar(&c.gateway, "gateway", "projectcontour/contour", "Gateway as NAMESPACE/NAME")
	fs.StringVar(&c.namespace, "namespace", "default", "namespace of the task's Services and TCPRoutes")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "overall timeout")
}

func (c *common) gatewayRef() (ns, name string, err error) {
	ns, name, ok := strings.Cut(c.gateway, "/")
	if !ok || ns == "" || name == "" {
		return "", "", fmt.Errorf("--gateway must be NAMESPACE/NAME, got %q", c.gateway)
	}
	return ns, name, nil
}

func parseRange(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if ok {
		_, err = fmt.Sscanf(a+" "+b, "%d %d", &lo, &hi)
	}
	if !ok || err != nil || lo < 1 || hi > 65535 || lo > hi {
		return 0, 0, fmt.Errorf("--range must be A-B with 1 <= A <= B <= 65535, got %q", s)
	}
	return lo, hi, nil
}

func contextFor(c *common) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), c.timeout)
}
