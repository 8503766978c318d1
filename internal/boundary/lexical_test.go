package boundary

import (
	"math"
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// TestNameAffinity: packages of one context spread over layers are linked
// by their shared business word, at most with the weight of one reference;
// technical words (handler, store, jobs) link nothing, and a word most
// packages share weighs less than a rare one.
func TestNameAffinity(t *testing.T) {
	paths := []string{
		"internal/handler/booking", "internal/service/booking", "internal/store/booking", // 0-2
		"internal/handler/rooms", "internal/store/rooms", // 3-4
		"jobs/noshow", "jobs/calendar", // 5-6: only "jobs" in common, technical
		"internal/booking/frontdesk", // 7: booking and a word of its own
	}
	g := &analyze.Graph{Module: "example.com/m"}
	var services []analyze.PkgID
	for i, p := range paths {
		g.Packages = append(g.Packages, &analyze.Package{ID: analyze.PkgID(i), Path: "example.com/m/" + p})
		services = append(services, analyze.PkgID(i))
	}
	cg := cluster.NewGraph(len(paths))
	addNameAffinity(g, cg, services)
	w := map[[2]int]float64{}
	for _, e := range cg.Edges() {
		w[[2]int{e.U, e.V}] = e.Weight
	}
	for _, p := range [][2]int{{0, 1}, {0, 2}, {1, 2}, {3, 4}} {
		if math.Abs(w[p]-NameAffinity) > 1e-9 {
			t.Errorf("%s – %s: weight %v, want %v (same business words)", paths[p[0]], paths[p[1]], w[p], NameAffinity)
		}
	}
	if x := w[[2]int{0, 7}]; x <= 0 || x >= NameAffinity {
		t.Errorf("handler/booking – booking/frontdesk: weight %v, want between 0 and %v", x, NameAffinity)
	}
	for _, p := range [][2]int{{0, 3}, {2, 4}, {5, 6}, {3, 7}} {
		if x, ok := w[p]; ok {
			t.Errorf("%s – %s linked (%v): no business word in common", paths[p[0]], paths[p[1]], x)
		}
	}
}
