package main

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/retry"
	gwv1 "sigs.k8s.io/gateway-api/apis/v1"
	gwv1a2 "sigs.k8s.io/gateway-api/apis/v1alpha2"
	gwclient "sigs.k8s.io/gateway-api/pkg/client/clientset/versioned"
)

// Keys and labels exactly as the Determined master writes them.
const (
	portAnnotationPrefix = "determined.ai/det-gateway-port-"
	jobNameAnnotation    = "determined.ai/job-name"
	allocLabel           = "determined"
)

type clients struct {
	kube kubernetes.Interface
	gw   gwclient.Interface
	// conflicts counts 409s retried by RetryOnConflict (for the churn report).
	conflicts atomic.Int64
}

func newClients(c *common) (*clients, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = c.kubeconfig
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules,
		&clientcmd.ConfigOverrides{CurrentContext: c.context}).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("loading kubeconfig: %w", err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	kube, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	gw, err := gwclient.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	return &clients{kube: kube, gw: gw}, nil
}

// pickNFreePorts mirrors gateway_service.go: every listener's port counts as
// used (Determined's or not); scan upward from lo to hi inclusive.
func pickNFreePorts(gw *gwv1.Gateway, lo, hi, n int) ([]int, error) {
	used := map[int]bool{}
	for _, l := range gw.Spec.Listeners {
		used[int(l.Port)] = true
	}
	var ports []int
	for p := lo; p <= hi && len(ports) < n; p++ {
		if !used[p] {
			ports = append(ports, p)
		}
	}
	if len(ports) < n {
		return nil, fmt.Errorf("not enough free ports in range %d-%d", lo, hi)
	}
	return ports, nil
}

// addListeners gets the Gateway, picks ports and appends listeners plus
// annotations with a full Update, retried on 409 Conflict with a re-Get.
func (cl *clients) addListeners(ctx context.Context, ns, name string, lo, hi, n int, alloc string) ([]int, error) {
	var ports []int
	attempt := 0
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if attempt++; attempt > 1 {
			cl.conflicts.Add(1)
		}
		gw, err := cl.gw.GatewayV1().Gateways(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return fmt.Errorf("getting gateway with name '%s': %w", name, err)
		}
		ports, err = pickNFreePorts(gw, lo, hi, n)
		if err != nil {
			return err
		}
		if gw.Annotations == nil {
			gw.Annotations = map[string]string{}
		}
		from := gwv1.NamespacesFromAll
		for _, p := range ports {
			gw.Spec.Listeners = append(gw.Spec.Listeners, gwv1.Listener{
				Name:          gwv1.SectionName(listenerName(p)),
				Port:          gwv1.PortNumber(p),
				Protocol:      gwv1.TCPProtocolType,
				AllowedRoutes: &gwv1.AllowedRoutes{Namespaces: &gwv1.RouteNamespaces{From: &from}},
			})
			gw.Annotations[portAnnotationPrefix+strconv.Itoa(p)] = alloc
		}
		_, err = cl.gw.GatewayV1().Gateways(ns).Update(ctx, gw, metav1.UpdateOptions{})
		if err != nil {
			return fmt.Errorf("updating gateway with name '%s': %w", name, err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("adding %d listeners to gateway: %w", n, err)
	}
	return ports, nil
}

// freeListeners removes the listeners annotated with alloc (or whose port is
// in ports) and their annotations, like freePorts in request_workers.go.
func (cl *clients) freeListeners(ctx context.Context, ns, name, alloc string) ([]int, error) {
	var freed []int
	attempt := 0
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if attempt++; attempt > 1 {
			cl.conflicts.Add(1)
		}
		freed = nil
		gw, err := cl.gw.GatewayV1().Gateways(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return fmt.Errorf("getting gateway with name '%s': %w", name, err)
		}
		drop := map[int]bool{}
		for k, v := range gw.Annotations {
			if p, ok := strings.CutPrefix(k, portAnnotationPrefix); ok && v == alloc {
				if port, err := strconv.Atoi(p); err == nil {
					drop[port] = true
					freed = append(freed, port)
				}
				delete(gw.Annotations, k)
			}
		}
		if len(drop) == 0 {
			return nil
		}
		kept := gw.Spec.Listeners[:0]
		for _, l := range gw.Spec.Listeners {
			if !drop[int(l.Port)] {
				kept = append(kept, l)
			}
		}
		gw.Spec.Listeners = kept
		_, err = cl.gw.GatewayV1().Gateways(ns).Update(ctx, gw, metav1.UpdateOptions{})
		return err
	})
	sort.Ints(freed)
	return freed, err
}

// missingListeners counts the listeners of a live allocation that are no
// longer on the Gateway as it made them (det-<port> with its annotation).
func (cl *clients) missingListeners(ctx context.Context, ns, name string, a *allocResult) (int, error) {
	gw, err := cl.gw.GatewayV1().Gateways(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return 0, err
	}
	present := map[int]bool{}
	for _, l := range gw.Spec.Listeners {
		present[int(l.Port)] = string(l.Name) == listenerName(int(l.Port))
	}
	missing := 0
	for _, p := range a.Ports {
		if !present[p] || gw.Annotations[portAnnotationPrefix+strconv.Itoa(p)] != a.Alloc {
			missing++
		}
	}
	return missing, nil
}

func listenerName(port int) string { return "det-" + strconv.Itoa(port) }

func (cl *clients) createService(ctx context.Context, ns, name, job, alloc string, port int) error {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{
			Name: name, Namespace: ns,
			Labels:      map[string]string{allocLabel: alloc},
			Annotations: map[string]string{jobNameAnnotation: job},
		},
		Spec: corev1.ServiceSpec{
			Type:     corev1.ServiceTypeClusterIP,
			Selector: map[string]string{allocLabel: alloc},
			Ports: []corev1.ServicePort{{
				Protocol: corev1.ProtocolTCP, Port: int32(port), TargetPort: intstr.FromInt(port),
			}},
		},
	}
	_, err := cl.kube.CoreV1().Services(ns).Create(ctx, svc, metav1.CreateOptions{})
	return err
}

func (cl *clients) createTCPRoute(ctx context.Context, ns, name, job, alloc, gwNS, gwName string, gwPort, port int) error {
	pns, sec, pp, bp := gwv1.Namespace(gwNS), gwv1.SectionName(listenerName(gwPort)), gwv1.PortNumber(gwPort), gwv1.PortNumber(port)
	kind := gwv1.Kind("Service")
	route := &gwv1a2.TCPRoute{
		ObjectMeta: metav1.ObjectMeta{
			Name: name, Namespace: ns,
			Labels:      map[string]string{allocLabel: alloc},
			Annotations: map[string]string{jobNameAnnotation: job},
		},
		Spec: gwv1a2.TCPRouteSpec{
			CommonRouteSpec: gwv1.CommonRouteSpec{ParentRefs: []gwv1.ParentReference{{
				Namespace: &pns, Name: gwv1.ObjectName(gwName), Port: &pp, SectionName: &sec,
			}}},
			Rules: []gwv1a2.TCPRouteRule{{BackendRefs: []gwv1.BackendRef{{
				BackendObjectReference: gwv1.BackendObjectReference{Kind: &kind, Name: gwv1.ObjectName(name), Port: &bp},
			}}}},
		},
	}
	_, err := cl.gw.GatewayV1alpha2().TCPRoutes(ns).Create(ctx, route, metav1.CreateOptions{})
	return err
}

// deleteByLabel deletes the Services and TCPRoutes labelled determined=<alloc>.
func (cl *clients) deleteByLabel(ctx context.Context, ns, alloc string) (svcs, routes []string, err error) {
	sel := metav1.ListOptions{LabelSelector: allocLabel + "=" + alloc}
	rl, err := cl.gw.GatewayV1alpha2().TCPRoutes(ns).List(ctx, sel)
	if err != nil {
		return nil, nil, fmt.Errorf("listing TCPRoutes for namespace %s: %w", ns, err)
	}
	for _, r := range rl.Items {
		if err := cl.gw.GatewayV1alpha2().TCPRoutes(ns).Delete(ctx, r.Name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			return svcs, routes, err
		}
		routes = append(routes, r.Name)
	}
	sl, err := cl.kube.CoreV1().Services(ns).List(ctx, sel)
	if err != nil {
		return svcs, routes, fmt.Errorf("listing services for namespace %s: %w", ns, err)
	}
	for _, s := range sl.Items {
		if err := cl.kube.CoreV1().Services(ns).Delete(ctx, s.Name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			return svcs, routes, err
		}
		svcs = append(svcs, s.Name)
	}
	sort.Strings(svcs)
	sort.Strings(routes)
	return svcs, routes, nil
}

func randomAlloc() string {
	return fmt.Sprintf("%08x-%04x.1", rand.Uint32(), rand.Uint32()&0xffff)
}

// defaultJob follows spec.go's det-<8 chars of cluster id>-<task> shape.
func defaultJob(alloc string) string {
	s := strings.ToLower(alloc)
	s = strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			return r
		}
		return '-'
	}, s)
	if len(s) > 20 {
		s = s[:20]
	}
	return "det-detsim0-" + strings.Trim(s, "-")
}
