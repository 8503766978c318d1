package cluster_test

import (
	"testing"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

func TestFixed(t *testing.T) {
	g, truth := planted(t, synth.PlantedConfig{Communities: 6, Size: 20, Degree: 10, Noise: 0.15, Seed: 5})
	byTruth := map[int][]int{}
	for v, c := range truth {
		byTruth[c] = append(byTruth[c], v)
	}
	fixed := map[int]int{}
	// Planted contexts 0 and 1: half of each pinned to one label, so
	// they must end up together.
	for _, c := range []int{0, 1} {
		for _, v := range byTruth[c][:10] {
			fixed[v] = 100
		}
	}
	// Planted context 2: pinned to two labels, so it must be split.
	for i, v := range byTruth[2][:12] {
		fixed[v] = 200 + i%2
	}
	for _, seed := range []uint64{1, 2, 3} {
		p, err := cluster.Cluster(g, cluster.Options{Seed: seed, Fixed: fixed, Runs: 2})
		if err != nil {
			t.Fatal(err)
		}
		labelComm := map[int]int{} // fixed label → its community
		commLabel := map[int]int{} // community → the fixed label in it
		for v, l := range fixed {
			c := p.Of[v]
			if prev, ok := labelComm[l]; ok && prev != c {
				t.Errorf("seed %d: label %d split over communities %d and %d", seed, l, prev, c)
			}
			labelComm[l] = c
			if prev, ok := commLabel[c]; ok && prev != l {
				t.Errorf("seed %d: community %d holds labels %d and %d", seed, c, prev, l)
			}
			commLabel[c] = l
		}
		// The free rest of contexts 0 and 1 joins their pinned halves.
		for _, c := range []int{0, 1} {
			for _, v := range byTruth[c][10:] {
				if p.Of[v] != labelComm[100] {
					t.Errorf("seed %d: free node %d of context %d not with label 100", seed, v, c)
				}
			}
		}
		// Untouched contexts are still found.
		for _, c := range []int{3, 4, 5} {
			for _, v := range byTruth[c] {
				if p.Of[v] != p.Of[byTruth[c][0]] || commLabel[p.Of[v]] != 0 {
					t.Errorf("seed %d: context %d not recovered intact and free", seed, c)
					break
				}
			}
		}
	}
}

func TestServices(t *testing.T) {
	g, _ := planted(t, synth.PlantedConfig{Communities: 10, Size: 30, Degree: 10, Noise: 0.2, Seed: 3})
	for _, tc := range []struct {
		services int
		reached  bool
	}{{10, true}, {5, true}, {20, true}, {1, true}, {1000, false}} {
		p, err := cluster.Cluster(g, cluster.Options{Services: tc.services, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.Target != tc.services || p.Reached != tc.reached {
			t.Errorf("Services %d: Target %d Reached %v (%d communities at γ %g), want Reached %v",
				tc.services, p.Target, p.Reached, len(p.Communities), p.Resolution, tc.reached)
		}
		if p.Reached && len(p.Communities) != tc.services {
			t.Errorf("Services %d: Reached with %d communities", tc.services, len(p.Communities))
		}
		if !p.Reached && len(p.Communities) != g.Len() {
			t.Errorf("Services %d on %d nodes: closest should be all singletons, got %d", tc.services, g.Len(), len(p.Communities))
		}
	}

	// Two components and an isolated node: one service cannot be had,
	// and the isolated node never counts.
	g = cluster.NewGraph(7)
	for _, e := range [][2]int{{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}} {
		g.Add(e[0], e[1], 1)
	}
	p, err := cluster.Cluster(g, cluster.Options{Services: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Reached || len(p.Communities) != 3 {
		t.Errorf("Services 1 on two triangles: Reached %v with %d communities, want false with 2 + the isolated node", p.Reached, len(p.Communities))
	}
	p, err = cluster.Cluster(g, cluster.Options{Services: 2, Runs: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Reached || p.Runs != 3 {
		t.Errorf("Services 2 Runs 3 on two triangles: Reached %v Runs %d", p.Reached, p.Runs)
	}
}

// TestServicesMinSize: six planted communities plus six separate pairs
// of nodes, the fragments a symbol graph is full of. Counting the pairs,
// six services cannot be had (at least 6 pairs + 1); with MinSize 3 they
// are not counted and six is found.
func TestServicesMinSize(t *testing.T) {
	p, err := synth.NewPlanted(synth.PlantedConfig{Communities: 6, Size: 20, Degree: 8, Noise: 0.2, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	g := cluster.NewGraph(p.N + 12)
	for _, e := range p.Edges {
		g.Add(e.U, e.V, e.W)
	}
	for i := p.N; i < p.N+12; i += 2 {
		g.Add(i, i+1, 1)
	}
	q, err := cluster.Cluster(g, cluster.Options{Services: 6, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if q.Reached {
		t.Errorf("Services 6 counting the pairs: Reached with %d communities", len(q.Communities))
	}
	q, err = cluster.Cluster(g, cluster.Options{Services: 6, MinSize: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	big := 0
	for _, m := range q.Communities {
		if len(m) >= 3 {
			big++
		}
	}
	if !q.Reached || big != 6 {
		t.Errorf("Services 6 MinSize 3: Reached %v with %d communities of 3 or more, want 6", q.Reached, big)
	}
}

func TestStability(t *testing.T) {
	// Easy: every seed agrees.
	g, _ := planted(t, synth.PlantedConfig{Communities: 5, Size: 30, Degree: 12, Noise: 0.05, Seed: 1})
	p, err := cluster.Cluster(g, cluster.Options{Runs: 4, Seed: 10})
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs != 4 || len(p.Confidence) != g.Len() || p.Agreement != 1 {
		t.Errorf("easy graph: Runs %d, %d confidences, Agreement %v", p.Runs, len(p.Confidence), p.Agreement)
	}
	for v, c := range p.Confidence {
		if c != 1 {
			t.Errorf("easy graph: node %d confidence %v, want 1", v, c)
		}
	}

	// Hard: some nodes are undecided, and the best run is returned.
	g, _ = planted(t, synth.PlantedConfig{Communities: 8, Size: 25, Degree: 8, Noise: 0.55, Seed: 2})
	p, err = cluster.Cluster(g, cluster.Options{Runs: 6, Seed: 10})
	if err != nil {
		t.Fatal(err)
	}
	low := 0
	for _, c := range p.Confidence {
		if c < 1.0/6 || c > 1 {
			t.Fatalf("confidence %v out of [1/6, 1]", c)
		}
		if c < 1 {
			low++
		}
	}
	if low == 0 || p.Agreement >= 1 {
		t.Errorf("hard graph: %d nodes below 1, Agreement %v; want some doubt", low, p.Agreement)
	}
	for seed := uint64(10); seed < 16; seed++ {
		q, err := cluster.Cluster(g, cluster.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if q.Quality > p.Quality {
			t.Errorf("seed %d alone reaches Q %v > the best of 6 runs %v", seed, q.Quality, p.Quality)
		}
		if seed == p.Seed && q.Quality != p.Quality {
			t.Errorf("best run's seed %d alone gives Q %v, not %v", seed, q.Quality, p.Quality)
		}
	}
}
