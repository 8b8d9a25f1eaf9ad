package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// allocResult is the ground truth of one allocation.
type allocResult struct {
	Alloc       string   `json:"alloc"`
	Job         string   `json:"job"`
	Gateway     string   `json:"gateway"`
	Namespace   string   `json:"namespace"`
	Ports       []int    `json:"ports"`
	Listeners   []string `json:"listeners"`
	Annotations []string `json:"annotations"`
	Services    []string `json:"services"`
	Routes      []string `json:"routes"`
	Leaked      string   `json:"leaked,omitempty"`
}

type allocOpts struct {
	common
	rng, alloc, job, leak string
	ports, proxyPort      int
}

func runAlloc(args []string) (any, error) {
	var o allocOpts
	fs := flag.NewFlagSet("alloc", flag.ContinueOnError)
	o.register(fs)
	fs.StringVar(&o.rng, "range", "32768-65535", "gateway port range A-B (inclusive)")
	fs.IntVar(&o.ports, "ports", 1, "number of proxied ports")
	fs.StringVar(&o.alloc, "alloc", "", "allocation ID (default: random)")
	fs.StringVar(&o.job, "job", "", "job name (default: derived from the allocation ID)")
	fs.IntVar(&o.proxyPort, "proxy-port", 8080, "task-side proxy port (Service/backend port)")
	fs.StringVar(&o.leak, "leak", "", "stop half way like a crashed master: after-listeners | after-service")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if o.leak != "" && o.leak != "after-listeners" && o.leak != "after-service" {
		return nil, fmt.Errorf("--leak must be after-listeners or after-service, got %q", o.leak)
	}
	cl, err := newClients(&o.common)
	if err != nil {
		return nil, err
	}
	ctx, cancel := contextFor(&o.common)
	defer cancel()
	return cl.alloc(ctx, &o)
}

func (cl *clients) alloc(ctx context.Context, o *allocOpts) (*allocResult, error) {
	gwNS, gwName, err := o.gatewayRef()
	if err != nil {
		return nil, err
	}
	lo, hi, err := parseRange(o.rng)
	if err != nil {
		return nil, err
	}
	if o.ports < 1 {
		return nil, fmt.Errorf("--ports must be >= 1")
	}
	r := &allocResult{Alloc: o.alloc, Job: o.job, Gateway: o.gateway, Namespace: o.namespace,
		Listeners: []string{}, Annotations: []string{}, Services: []string{}, Routes: []string{}}
	if r.Alloc == "" {
		r.Alloc = randomAlloc()
	}
	if r.Job == "" {
		r.Job = defaultJob(r.Alloc)
	}
	r.Ports, err = cl.addListeners(ctx, gwNS, gwName, lo, hi, o.ports, r.Alloc)
	if err != nil {
		return nil, err
	}
	for _, p := range r.Ports {
		r.Listeners = append(r.Listeners, listenerName(p))
		r.Annotations = append(r.Annotations, portAnnotationPrefix+strconv.Itoa(p))
	}
	if o.leak == "after-listeners" {
		r.Leaked = o.leak
		return r, nil
	}
	for i, p := range r.Ports {
		name := fmt.Sprintf("%s-%d", r.Job, i)
		if err := cl.createService(ctx, o.namespace, name, r.Job, r.Alloc, o.proxyPort); err != nil {
			return r, fmt.Errorf("creating service %s/%s: %w", o.namespace, name, err)
		}
		r.Services = append(r.Services, name)
		if o.leak == "after-service" {
			r.Leaked = o.leak
			return r, nil
		}
		if err := cl.createTCPRoute(ctx, o.namespace, name, r.Job, r.Alloc, gwNS, gwName, p, o.proxyPort); err != nil {
			return r, fmt.Errorf("creating tcproute %s/%s: %w", o.namespace, name, err)
		}
		r.Routes = append(r.Routes, name)
	}
	return r, nil
}

type freeResult struct {
	Alloc     string   `json:"alloc"`
	Ports     []int    `json:"ports"`
	Listeners []string `json:"listeners"`
	Services  []string `json:"services"`
	Routes    []string `json:"routes"`
}

func runFree(args []string) (any, error) {
	var c common
	var alloc string
	fs := flag.NewFlagSet("free", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&alloc, "alloc", "", "allocation ID to free (required)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if alloc == "" {
		return nil, fmt.Errorf("--alloc is required")
	}
	cl, err := newClients(&c)
	if err != nil {
		return nil, err
	}
	ctx, cancel := contextFor(&c)
	defer cancel()
	return cl.free(ctx, &c, alloc)
}

func (cl *clients) free(ctx context.Context, c *common, alloc string) (*freeResult, error) {
	gwNS, gwName, err := c.gatewayRef()
	if err != nil {
		return nil, err
	}
	r := &freeResult{Alloc: alloc, Ports: []int{}, Listeners: []string{}, Services: []string{}, Routes: []string{}}
	svcs, routes, err := cl.deleteByLabel(ctx, c.namespace, alloc)
	r.Services, r.Routes = orEmpty(svcs), orEmpty(routes)
	if err != nil {
		return r, err
	}
	ports, err := cl.freeListeners(ctx, gwNS, gwName, alloc)
	if err != nil {
		return r, fmt.Errorf("freeing gateway ports: %w", err)
	}
	r.Ports = orEmpty(ports)
	for _, p := range r.Ports {
		r.Listeners = append(r.Listeners, listenerName(p))
	}
	return r, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// churnResult: conflicts_retried counts 409s RetryOnConflict absorbed;
// retry_exhausted counts operations that still failed with 409 after
// retry.DefaultRetry (5 tries) - what the master does then: alloc fails, or
// free fails and leaks the listeners (leaked_allocs, cleaned up at the end
// like the master's startup reconciliation would). abandoned_allocs stopped
// after their listeners or Service on purpose (--abandon-every, a crashed master) and are
// never freed: a pruner's work. lost_listeners counts listeners of a live
// allocation (routes made, not yet being freed) that were gone from the
// Gateway when the allocation came to free them: someone else removed them.
type churnResult struct {
	Allocs         int      `json:"allocs"`
	Frees          int      `json:"frees"`
	Abandoned      []string `json:"abandoned_allocs"`
	LostListeners  int      `json:"lost_listeners"`
	LostAllocs     []string `json:"lost_allocs"`
	Conflicts      int64    `json:"conflicts_retried"`
	RetryExhausted int      `json:"retry_exhausted"`
	NoFreePorts    int      `json:"no_free_ports"`
	Errors         []string `json:"errors"`
	LeakedAllocs   []string `json:"leaked_allocs"`
	LeftoverAllocs []string `json:"leftover_allocs"`
	DuplicatePorts []int    `json:"duplicate_ports"`
	Listeners      int      `json:"listeners_after"`
}

func runChurn(args []string) (any, error) {
	var o allocOpts
	var rate float64
	var dur, hold time.Duration
	var workers int
	var strict bool
	fs := flag.NewFlagSet("churn", flag.ContinueOnError)
	o.register(fs)
	fs.StringVar(&o.rng, "range", "40000-40063", "gateway port range A-B (inclusive)")
	fs.IntVar(&o.ports, "ports", 1, "ports per allocation")
	fs.IntVar(&o.proxyPort, "proxy-port", 8080, "task-side proxy port")
	fs.Float64Var(&rate, "rate", 5, "allocations started per second (all workers together)")
	fs.DurationVar(&dur, "duration", 5*time.Second, "how long to churn (max 10m)")
	fs.DurationVar(&hold, "hold", 200*time.Millisecond, "max time an allocation is held before it is freed")
	fs.IntVar(&workers, "workers", 4, "concurrent simulated masters")
	fs.BoolVar(&strict, "strict", false, "also fail when a 409 survived retry.DefaultRetry")
	var abandonEvery int
	fs.IntVar(&abandonEvery, "abandon-every", 0, "every Nth allocation stops after its listeners (or, every other time, its Service) and is never freed (0: none)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if rate <= 0 || dur <= 0 || dur > 10*time.Minute || workers < 1 {
		return nil, fmt.Errorf("need --rate > 0, 0 < --duration <= 10m, --workers >= 1")
	}
	if o.timeout < dur+time.Minute {
		o.timeout = dur + time.Minute
	}
	gwNS, gwName, err := o.gatewayRef()
	if err != nil {
		return nil, err
	}
	ctx, cancel := contextFor(&o.common)
	defer cancel()
	res := &churnResult{Errors: []string{}, LeakedAllocs: []string{}, LeftoverAllocs: []string{}, DuplicatePorts: []int{},
		Abandoned: []string{}, LostAllocs: []string{}}
	var mu sync.Mutex
	prefix := fmt.Sprintf("churn%06x-", rand.Uint32()&0xffffff)
	ticks := make(chan int)
	go func() { // bounded rate limiter
		defer close(ticks)
		t := time.NewTicker(time.Duration(float64(time.Second) / rate))
		defer t.Stop()
		stop := time.After(dur)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-t.C:
				ticks <- i
			}
		}
	}()
	var conflicts int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		cl, err := newClients(&o.common) // each worker is its own "master"
		if err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { mu.Lock(); conflicts += cl.conflicts.Load(); mu.Unlock() }()
			for i := range ticks {
				ao := o
				ao.alloc = prefix + strconv.Itoa(i)
				ao.job = ""
				abandon := abandonEvery > 0 && i%abandonEvery == abandonEvery-1
				if abandon { // alternately before and after the Service, as a master may crash
					ao.leak = []string{"after-listeners", "after-service"}[(i/abandonEvery)%2]
				}
				made, err := cl.alloc(ctx, &ao)
				mu.Lock()
				switch {
				case err == nil && abandon:
					res.Allocs++
					res.Abandoned = append(res.Abandoned, ao.alloc)
					mu.Unlock()
					continue
				case err == nil:
					res.Allocs++
				case strings.Contains(err.Error(), "not enough free ports"):
					res.NoFreePorts++
				case apierrors.IsConflict(err):
					res.RetryExhausted++
				default:
					res.Errors = append(res.Errors, err.Error())
				}
				mu.Unlock()
				time.Sleep(time.Duration(rand.Int63n(int64(hold) + 1)))
				if err == nil {
					if lost, lerr := cl.missingListeners(ctx, gwNS, gwName, made); lerr != nil {
						mu.Lock()
						res.Errors = append(res.Errors, "checking listeners: "+lerr.Error())
						mu.Unlock()
					} else if lost > 0 {
						mu.Lock()
						res.LostListeners += lost
						res.LostAllocs = append(res.LostAllocs, ao.alloc)
						mu.Unlock()
					}
				}
				if _, err := cl.free(ctx, &o.common, ao.alloc); err != nil {
					mu.Lock()
					if apierrors.IsConflict(err) {
						res.RetryExhausted++
						res.LeakedAllocs = append(res.LeakedAllocs, ao.alloc)
					} else {
						res.Errors = append(res.Errors, "free: "+err.Error())
					}
					mu.Unlock()
				} else {
					mu.Lock()
					res.Frees++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	res.Conflicts = conflicts
	cl, err := newClients(&o.common)
	if err != nil {
		return res, err
	}
	// Clean up what failed frees leaked, patiently (no other writer is left
	// but Contour's status updates).
	for _, a := range res.LeakedAllocs {
		for try := 0; ; try++ {
			if _, err := cl.free(ctx, &o.common, a); err == nil || try == 50 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// Audit the Gateway afterwards: nothing of ours may be left, no port twice.
	gw, err := cl.gw.GatewayV1().Gateways(gwNS).Get(ctx, gwName, metav1.GetOptions{})
	if err != nil {
		return res, err
	}
	seen := map[int]bool{}
	for _, l := range gw.Spec.Listeners {
		if seen[int(l.Port)] {
			res.DuplicatePorts = append(res.DuplicatePorts, int(l.Port))
		}
		seen[int(l.Port)] = true
	}
	abandoned := map[string]bool{}
	for _, a := range res.Abandoned {
		abandoned[a] = true
	}
	for k, v := range gw.Annotations {
		if strings.HasPrefix(k, portAnnotationPrefix) && strings.HasPrefix(v, prefix) && !abandoned[v] {
			res.LeftoverAllocs = append(res.LeftoverAllocs, v)
		}
	}
	res.Listeners = len(gw.Spec.Listeners)
	if len(res.Errors) > 0 || len(res.LeftoverAllocs) > 0 || len(res.DuplicatePorts) > 0 || res.LostListeners > 0 || (strict && res.RetryExhausted > 0) {
		return res, fmt.Errorf("churn found %d errors, %d leftover allocations, %d duplicate ports, %d lost listeners, %d exhausted retries",
			len(res.Errors), len(res.LeftoverAllocs), len(res.DuplicatePorts), res.LostListeners, res.RetryExhausted)
	}
	return res, nil
}
