package cluster_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

// planted builds a cluster.Graph from a generated planted graph.
func planted(t testing.TB, cfg synth.PlantedConfig) (*cluster.Graph, []int) {
	t.Helper()
	p, err := synth.NewPlanted(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g := cluster.NewGraph(p.N)
	for _, e := range p.Edges {
		g.Add(e.U, e.V, e.W)
	}
	return g, p.Truth
}

// gonumQ is gonum's modularity of p: the independent check of the one
// Cluster reports.
func gonumQ(g *cluster.Graph, p *cluster.Partition, res float64) float64 {
	gg := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range g.Len() {
		gg.AddNode(simple.Node(i))
	}
	for _, e := range g.Edges() {
		gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(e.U), simple.Node(e.V), e.Weight))
	}
	comms := make([][]graph.Node, len(p.Communities))
	for c, members := range p.Communities {
		for _, v := range members {
			comms[c] = append(comms[c], simple.Node(v))
		}
	}
	return community.Q(gg, comms, res)
}

var testGraphs = []synth.PlantedConfig{
	{Communities: 8, Size: 25, Degree: 8, Noise: 0.2, Seed: 1},
	{Communities: 12, Size: 40, Spread: 0.5, Degree: 10, Noise: 0.4, MaxWeight: 5, Seed: 2},
	{Communities: 20, Size: 30, Degree: 6, Noise: 0.6, Kernel: 3, KernelReach: 0.5, Seed: 3},
	{Communities: 5, Size: 200, Degree: 4, Noise: 0.1, Seed: 4}, // sparse: many loose nodes
}

func TestLeidenModularityMatchesGonum(t *testing.T) {
	for i, cfg := range testGraphs {
		for _, res := range []float64{0.5, 1, 2} {
			t.Run(fmt.Sprintf("graph%d/res%g", i, res), func(t *testing.T) {
				g, _ := planted(t, cfg)
				p, err := cluster.Cluster(g, cluster.Options{Resolution: res, Seed: 7})
				if err != nil {
					t.Fatal(err)
				}
				if want := gonumQ(g, p, res); math.Abs(p.Modularity-want) > 1e-9 {
					t.Errorf("Modularity = %.12f, gonum's Q = %.12f", p.Modularity, want)
				}
				if p.Quality != p.Modularity || p.Objective != "modularity" || p.Resolution != res {
					t.Errorf("Quality %g, Objective %q, Resolution %g", p.Quality, p.Objective, p.Resolution)
				}
			})
		}
	}
}

func TestLeidenCommunitiesConnected(t *testing.T) {
	for i, cfg := range testGraphs {
		for seed := range uint64(5) {
			g, _ := planted(t, cfg)
			for _, obj := range []string{"modularity", "cpm"} {
				p, err := cluster.Cluster(g, cluster.Options{Objective: obj, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				if d := cluster.Disconnected(g, p); d != 0 {
					t.Errorf("graph%d seed %d %s: %d of %d communities disconnected", i, seed, obj, d, len(p.Communities))
				}
			}
		}
	}
}

func TestLeidenDeterministic(t *testing.T) {
	for i, cfg := range testGraphs {
		g1, _ := planted(t, cfg)
		g2, _ := planted(t, cfg) // rebuilt: nothing may depend on the instance
		opts := cluster.Options{Seed: 42, Runs: 3}
		p1, err := cluster.Cluster(g1, opts)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := cluster.Cluster(g2, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(p1, p2); diff != "" {
			t.Errorf("graph%d: same seed, different partitions (-first +second):\n%s", i, diff)
		}
	}
}

// TestLeidenAtLeastLouvain checks that Leiden's modularity is not worse
// than gonum's Louvain's on the same graphs (it is usually higher: the
// refinement lets later levels undo what Louvain cannot).
func TestLeidenAtLeastLouvain(t *testing.T) {
	for i, cfg := range testGraphs {
		g, _ := planted(t, cfg)
		var ql, qv float64
		for seed := range uint64(3) {
			l, err := cluster.Cluster(g, cluster.Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			v, err := cluster.Cluster(g, cluster.Options{Algorithm: "louvain", Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			ql += l.Modularity / 3
			qv += v.Modularity / 3
		}
		t.Logf("graph%d: mean Q Leiden %.4f, Louvain %.4f", i, ql, qv)
		if ql < qv-0.005 {
			t.Errorf("graph%d: Leiden's mean Q %.4f is below Louvain's %.4f", i, ql, qv)
		}
	}
}

func TestCPM(t *testing.T) {
	g, truth := planted(t, synth.PlantedConfig{Communities: 6, Size: 30, Degree: 10, Noise: 0.1, Seed: 9})
	p, err := cluster.Cluster(g, cluster.Options{Objective: "cpm", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c := cluster.CompareAssignments(p.Of, truth); c.ARI < 0.9 {
		t.Errorf("CPM at the default γ (density %g): ARI %g with the planted truth, want ≥ 0.9", p.Resolution, c.ARI)
	}
	// γ above every edge weight: nothing is worth joining.
	p, err = cluster.Cluster(g, cluster.Options{Objective: "cpm", Resolution: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Communities) != g.Len() {
		t.Errorf("CPM γ=10 on unit weights: %d communities, want %d singletons", len(p.Communities), g.Len())
	}
}

func TestClusterEdgeCases(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		g := cluster.NewGraph(n) // no edges
		p, err := cluster.Cluster(g, cluster.Options{Runs: 2, Services: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Of) != n || len(p.Communities) != n || p.Modularity != 0 {
			t.Errorf("n=%d without edges: %+v", n, p)
		}
	}
	// Two disjoint triangles and an isolated node.
	g := cluster.NewGraph(7)
	for _, e := range [][2]int{{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}} {
		g.Add(e[0], e[1], 1)
	}
	g.Add(2, 2, 5)  // self loop: ignored
	g.Add(0, 1, -1) // non-positive: ignored
	for _, alg := range []string{"leiden", "louvain"} {
		p, err := cluster.Cluster(g, cluster.Options{Algorithm: alg})
		if err != nil {
			t.Fatal(err)
		}
		want := []int{0, 0, 0, 1, 1, 1, 2}
		if diff := cmp.Diff(want, p.Of); diff != "" {
			t.Errorf("%s: Of (-want +got):\n%s", alg, diff)
		}
		if math.Abs(p.Modularity-0.5) > 1e-12 {
			t.Errorf("%s: Q = %g, want 0.5", alg, p.Modularity)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	g := cluster.NewGraph(3)
	for _, opts := range []cluster.Options{
		{Algorithm: "kmeans"},
		{Objective: "mq"},
		{Resolution: -1},
		{Randomness: -1},
		{Services: -2},
		{Runs: -1},
		{MinSize: -1},
		{Algorithm: "louvain", Objective: "cpm"},
		{Algorithm: "louvain", Fixed: map[int]int{0: 1}},
		{Fixed: map[int]int{3: 1}},
		{AutoResolution: true, Objective: "cpm"},
		{AutoResolution: true, Services: 2},
	} {
		if _, err := cluster.Cluster(g, opts); err == nil {
			t.Errorf("Cluster(%+v) = nil error", opts)
		}
	}
}
