package cluster_test

import (
	"testing"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

// benchGraphs are planted graphs with a mean degree of 20, as in the
// gonum timings of research/algorithms.md §2.3, so the figures compare:
// clear structure (20 % of the edges cross communities), and noisy (50 %),
// where the algorithms part ways in quality, and Louvain in time too.
var benchGraphs = []struct {
	name string
	cfg  synth.PlantedConfig
	// louvain is false where gonum's Louvain would not finish in a
	// benchmark's lifetime.
	louvain bool
}{
	{"10k", synth.PlantedConfig{Communities: 10, Size: 100, Spread: 0.3, Degree: 20, Noise: 0.2, Seed: 1}, true},
	{"100k", synth.PlantedConfig{Communities: 20, Size: 500, Spread: 0.3, Degree: 20, Noise: 0.2, Seed: 1}, true},
	{"1M", synth.PlantedConfig{Communities: 100, Size: 1000, Spread: 0.3, Degree: 20, Noise: 0.2, Seed: 1}, false},
	{"10k-noisy", synth.PlantedConfig{Communities: 10, Size: 100, Spread: 0.3, Degree: 20, Noise: 0.5, Seed: 1}, true},
	{"100k-noisy", synth.PlantedConfig{Communities: 20, Size: 500, Spread: 0.3, Degree: 20, Noise: 0.5, Seed: 1}, true},
	{"1M-noisy", synth.PlantedConfig{Communities: 100, Size: 1000, Spread: 0.3, Degree: 20, Noise: 0.5, Seed: 1}, false},
}

// BenchmarkCluster runs Leiden and gonum's Louvain on the same graphs.
// Besides ns/op it reports the modularity reached (Q), the number of
// communities, how many are disconnected, and MoJoFM against the planted
// communities; scripts/bench-cluster.sh puts them side by side.
//
// Louvain is skipped at 1M edges: its local move rescans every member of
// each candidate community, which grows worse than quadratically (80–100 s
// at 200k edges already, research/algorithms.md §2.3; about 3 minutes on
// 100k-noisy, where its communities grow large), so it would take hours.
func BenchmarkCluster(b *testing.B) {
	for _, alg := range []string{"leiden", "louvain"} {
		for _, bg := range benchGraphs {
			b.Run(alg+"/"+bg.name, func(b *testing.B) {
				if alg == "louvain" && !bg.louvain {
					b.Skip("gonum's Louvain is worse than quadratic: hours at 1M edges")
				}
				g, truth := planted(b, bg.cfg)
				edges := g.NumEdges() // merges the edges outside the timer
				var p *cluster.Partition
				b.ResetTimer()
				for b.Loop() {
					var err error
					p, err = cluster.Cluster(g, cluster.Options{Algorithm: alg, Seed: 1})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(edges), "edges")
				b.ReportMetric(p.Modularity, "Q")
				b.ReportMetric(float64(len(p.Communities)), "communities")
				b.ReportMetric(float64(cluster.Disconnected(g, p)), "disconnected")
				b.ReportMetric(cluster.CompareAssignments(p.Of, truth).MoJoFM, "MoJoFM")
			})
		}
	}
}

// BenchmarkAutoResolution measures what choosing the resolution costs on
// graphs the size of a large codebase's packages (the level it runs at):
// up to 9 steps of AutoRuns runs each, against one run at γ = 1.
//
//	go test -run '^$' -bench AutoResolution ./internal/cluster/
func BenchmarkAutoResolution(b *testing.B) {
	for _, bg := range []struct {
		name string
		cfg  synth.PlantedConfig
	}{
		{"500-nodes", synth.PlantedConfig{Communities: 25, Size: 20, Spread: 0.5, Degree: 6, Noise: 0.3, Seed: 1}},
		{"2000-nodes", synth.PlantedConfig{Communities: 80, Size: 25, Spread: 0.5, Degree: 6, Noise: 0.3, Seed: 1}},
	} {
		for _, auto := range []bool{false, true} {
			name := bg.name + "/fixed"
			if auto {
				name = bg.name + "/auto"
			}
			b.Run(name, func(b *testing.B) {
				g, truth := planted(b, bg.cfg)
				g.NumEdges()
				var p *cluster.Partition
				b.ResetTimer()
				for b.Loop() {
					var err error
					p, err = cluster.Cluster(g, cluster.Options{Seed: 1, AutoResolution: auto})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(p.Resolution, "resolution")
				b.ReportMetric(cluster.CompareAssignments(p.Of, truth).MoJoFM, "MoJoFM")
			})
		}
	}
}
