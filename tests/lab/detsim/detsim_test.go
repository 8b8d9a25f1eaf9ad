package main

import (
	"reflect"
	"testing"

	gwv1 "sigs.k8s.io/gateway-api/apis/v1"
)

func gatewayWithPorts(ports ...int) *gwv1.Gateway {
	gw := &gwv1.Gateway{}
	for _, p := range ports {
		gw.Spec.Listeners = append(gw.Spec.Listeners, gwv1.Listener{Port: gwv1.PortNumber(p)})
	}
	return gw
}

func TestPickNFreePorts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		used    []int
		lo, hi  int
		n       int
		want    []int
		wantErr bool
	}{
		{"every listener counts, lowest first", []int{52335, 52337}, 52335, 52340, 2, []int{52336, 52338}, false},
		{"inclusive upper bound", []int{10, 11}, 10, 12, 1, []int{12}, false},
		{"not enough", []int{10, 11}, 10, 12, 2, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := pickNFreePorts(gatewayWithPorts(tc.used...), tc.lo, tc.hi, tc.n)
			if (err != nil) != tc.wantErr || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, %v; want %v (err %v)", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	if lo, hi, err := parseRange("32768-65535"); err != nil || lo != 32768 || hi != 65535 {
		t.Fatalf("got %d %d %v", lo, hi, err)
	}
	for _, bad := range []string{"", "5", "9-3", "0-10", "1-70000", "a-b"} {
		if _, _, err := parseRange(bad); err == nil {
			t.Errorf("parseRange(%q) accepted", bad)
		}
	}
}

func TestDefaultJobIsDNSLabel(t *testing.T) {
	if got := defaultJob("ABC.def_1.2"); got != "det-detsim0-abc-def-1-2" {
		t.Fatalf("got %q", got)
	}
}
