package cluster_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/decompose-dev/decompose/internal/cluster"
)

// TestMeasure checks every metric on a six-unit example worked out by
// hand. Communities A = {0,1,2}, B = {3,4}, C = {5}; arcs
//
//	0→1 ×3, 1→0, 1→2, 2→3 ×2, 3→4, 4→3, 4→5 ×5, 5→0, and a self arc 0→0.
//
// Connected pairs: {0,1} {1,2} inside A, {3,4} inside B; {2,3} A–B, {4,5}
// B–C, {0,5} A–C across.
func TestMeasure(t *testing.T) {
	arcs := []cluster.Arc{
		{0, 1, 2}, {0, 1, 1}, // parallel arcs sum to 3
		{1, 0, 1}, {1, 2, 1}, {2, 3, 2}, {3, 4, 1}, {4, 3, 1}, {4, 5, 5}, {5, 0, 1},
		{0, 0, 1}, // self arc: only SM's μ_A sees it
	}
	of := []int{7, 7, 7, 3, 3, 9} // any labels
	got := cluster.Measure(6, arcs, of, cluster.MetricOptions{})

	w := func(vol float64) float64 { return 1 + math.Log(vol) }
	want := cluster.Metrics{
		// Undirected weights {0,1}=4 {1,2}=1 {2,3}=2 {3,4}=2 {4,5}=5 {0,5}=1,
		// m = 15; A: e=5, K=13; B: e=2, K=11; C: e=0, K=6.
		Modularity: 7.0/15 - (13*13+11*11+6*6)/900.0,
		// scoh: A (2 pairs + self arc of 0, not A's last) 3/9, B 1/4, C 0;
		// scop: AB 1/(2·3·2), BC 1/(2·2·1), AC 1/(2·3·1), summing to 1/2;
		// SM = (1/3)(1/3+1/4) − 2/(3·2)·2·(1/2).
		SM:  -5.0 / 36,
		ICP: (w(2) + w(5) + w(1)) / (w(3) + w(1) + w(1) + w(2) + w(1) + w(1) + w(5) + w(1)),
		IFN: 3.0 / 3,
		NED: 1 - 3.0/6, // only A has 3..30 units
		// μ'_A = 3 (0→1, 1→0, 1→2), ε_A = 1; μ'_B = 2, ε_B = 1; C has no μ'.
		MQ:     6.0/7 + 4.0/5,
		NEDMin: 3, NEDMax: 30,
		Communities: []cluster.CommunityMetrics{
			{Size: 3, Internal: 5, Out: 2, In: 1, Crossing: 3.0 / 8, Cohesion: 1.0 / 3, Coupling: 1.0/12 + 1.0/6},
			{Size: 2, Internal: 2, Out: 5, In: 2, Crossing: 7.0 / 9, Cohesion: 1.0 / 4, Coupling: 1.0/12 + 1.0/4},
			{Size: 1, Internal: 0, Out: 1, In: 5, Crossing: 1, Cohesion: 0, Coupling: 1.0/4 + 1.0/6},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("Measure (-want +got):\n%s", diff)
	}
	if math.Abs(want.ICP-0.46509019320398726) > 1e-12 {
		t.Errorf("hand ICP %v drifted from the value computed independently", want.ICP)
	}

	// NED bounds are inclusive and configurable.
	got = cluster.Measure(6, arcs, of, cluster.MetricOptions{NEDMin: 2, NEDMax: 3})
	if math.Abs(got.NED-1.0/6) > 1e-12 {
		t.Errorf("NED 2..3 = %v, want 1/6", got.NED)
	}
	got = cluster.Measure(6, arcs, of, cluster.MetricOptions{NEDMin: 10, NEDMax: 20})
	if got.NED != 1 {
		t.Errorf("NED with no community in range = %v, want 1", got.NED)
	}
}

func TestMeasureDegenerate(t *testing.T) {
	// One community: no coupling term; no arcs: ICP 0.
	m := cluster.Measure(3, nil, []int{0, 0, 0}, cluster.MetricOptions{})
	if m.SM != 0 || m.ICP != 0 || m.IFN != 0 || m.MQ != 0 || m.NED != 0 || len(m.Communities) != 1 {
		t.Errorf("three units, no arcs, one community: %+v", m)
	}
	m = cluster.Measure(2, []cluster.Arc{{0, 1, 1}}, []int{0, 0}, cluster.MetricOptions{})
	// μ = 1 pair over N² = 4.
	if m.SM != 0.25 || m.ICP != 0 {
		t.Errorf("one pair, one community: SM %v ICP %v, want 0.25 0", m.SM, m.ICP)
	}
}
