package cluster_test

import (
	"reflect"
	"testing"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

// ringOfCliques is the resolution limit's textbook case (Fortunato and
// Barthélemy 2007): n cliques of k nodes in a ring, each joined to the
// next by one edge. With n > k(k−1)+2, modularity at γ = 1 scores
// neighbouring cliques merged in pairs above the cliques themselves.
func ringOfCliques(n, k int) (*cluster.Graph, []int) {
	g := cluster.NewGraph(n * k)
	truth := make([]int, n*k)
	for c := range n {
		for i := range k {
			truth[c*k+i] = c
			for j := i + 1; j < k; j++ {
				g.Add(c*k+i, c*k+j, 1)
			}
		}
		g.Add(c*k, ((c+1)%n)*k+1, 1)
	}
	return g, truth
}

func TestAutoResolutionRingOfCliques(t *testing.T) {
	g, truth := ringOfCliques(30, 5) // 30 > 5·4+2
	fixed, err := cluster.Cluster(g, cluster.Options{Seed: 1, Resolution: 1, Runs: 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed.Communities) >= 30 {
		t.Fatalf("γ = 1 finds %d communities: the ring no longer shows the resolution limit", len(fixed.Communities))
	}
	p, err := cluster.Cluster(g, cluster.Options{Seed: 1, AutoResolution: true})
	if err != nil {
		t.Fatal(err)
	}
	if c := cluster.CompareAssignments(p.Of, truth); c.MoJoFM != 100 {
		t.Errorf("auto resolution %.3g: %d communities, MoJoFM %.1f; want the 30 cliques", p.Resolution, len(p.Communities), c.MoJoFM)
	}
	if !p.Auto || !p.Firm || p.Stability < cluster.AutoStable || p.Resolution <= 1 || p.Resolution >= 2 {
		t.Errorf("auto = %v, firm = %v, stability %v at resolution %v; want a firm choice between 1 and 2", p.Auto, p.Firm, p.Stability, p.Resolution)
	}
	if p.Runs != cluster.AutoRuns || p.Confidence == nil {
		t.Errorf("%d runs, confidence %v; want %d runs with confidences", p.Runs, p.Confidence != nil, cluster.AutoRuns)
	}
}

func TestAutoResolutionKeepsClearStructure(t *testing.T) {
	// Communities well above the resolution limit: γ = 1 is firm already.
	g, truth := planted(t, synth.PlantedConfig{Communities: 6, Size: 20, Degree: 10, Noise: 0.1, Seed: 3})
	p, err := cluster.Cluster(g, cluster.Options{Seed: 1, AutoResolution: true, Runs: 10})
	if err != nil {
		t.Fatal(err)
	}
	if p.Resolution != 1 || !p.Firm || p.Runs != 10 {
		t.Errorf("resolution %v, firm %v, %d runs; want 1, firm, 10 runs (Runs above AutoRuns is kept)", p.Resolution, p.Firm, p.Runs)
	}
	if c := cluster.CompareAssignments(p.Of, truth); c.MoJoFM < 99 {
		t.Errorf("MoJoFM %.1f, want the planted communities", c.MoJoFM)
	}
	q, err := cluster.Cluster(g, cluster.Options{Seed: 1, AutoResolution: true, Runs: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Error("two identical calls differ")
	}
}

func TestAutoResolutionNoStructure(t *testing.T) {
	// Noise only: no step is firm, and the standard γ = 1 is kept.
	g, _ := planted(t, synth.PlantedConfig{Communities: 1, Size: 120, Degree: 6, Seed: 4})
	p, err := cluster.Cluster(g, cluster.Options{Seed: 1, AutoResolution: true})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Auto || p.Firm || p.Resolution != 1 || p.Stability >= cluster.AutoStable {
		t.Errorf("auto %v, firm %v, resolution %v, stability %v; want γ = 1 kept, not firm", p.Auto, p.Firm, p.Resolution, p.Stability)
	}
}
