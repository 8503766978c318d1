package cluster_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

// recoveryNoise are the cross-community edge fractions of the recovery
// table. With 12 communities, 1 − 1/12 ≈ 0.92 would be no structure at all.
var recoveryNoise = []float64{0.1, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8}

// recoveryGraph is a small planted monolith: 12 contexts of 20..60 units,
// call-count weights, and a 3-unit shared kernel used by half the code
// (left out of the comparison, as the kernel is no service).
func recoveryGraph(noise float64, seed uint64) synth.PlantedConfig {
	return synth.PlantedConfig{
		Communities: 12, Size: 40, Spread: 0.5, Degree: 12, Noise: noise,
		Kernel: 3, KernelReach: 0.5, MaxWeight: 3, Seed: seed,
	}
}

// TestRecovery checks that Leiden recovers planted contexts at least as
// well as gonum's Louvain at every noise level (mean MoJoFM over several
// graphs), with no disconnected community. Run with -v for the table.
func TestRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of clustering")
	}
	const graphs = 16
	var table strings.Builder
	fmt.Fprintf(&table, "\n%6s  %14s  %14s  %14s  %14s  %s\n", "noise", "Leiden MoJoFM", "Louvain MoJoFM", "Leiden ARI", "Louvain ARI", "disconnected L/V")
	for _, noise := range recoveryNoise {
		var fm, ari [2]float64
		var disc [2]int
		for seed := range uint64(graphs) {
			g, truth := planted(t, recoveryGraph(noise, seed))
			for i, alg := range []string{"leiden", "louvain"} {
				p, err := cluster.Cluster(g, cluster.Options{Algorithm: alg, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				c := cluster.CompareAssignments(p.Of, truth)
				fm[i] += c.MoJoFM / graphs
				ari[i] += c.ARI / graphs
				disc[i] += cluster.Disconnected(g, p)
			}
		}
		fmt.Fprintf(&table, "%6.2f  %14.1f  %14.1f  %14.3f  %14.3f  %d/%d\n", noise, fm[0], fm[1], ari[0], ari[1], disc[0], disc[1])
		if fm[0] < fm[1]-1 {
			t.Errorf("noise %.2f: Leiden mean MoJoFM %.1f < Louvain's %.1f", noise, fm[0], fm[1])
		}
		if disc[0] != 0 {
			t.Errorf("noise %.2f: Leiden left %d disconnected communities", noise, disc[0])
		}
	}
	t.Log(table.String())
}
