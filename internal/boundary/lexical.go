package boundary

import (
	"math"
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// NameAffinity is the most a shared name adds between two service packages:
// the affinity of one reference. Structure decides; names break ties.
//
// A team names its folders after its business: internal/handler/booking,
// internal/service/booking and internal/store/booking are one context
// spread over layers, pkg/forum/api and pkg/forum/store another. The
// software-clustering literature finds that adding such lexical evidence
// to the structural one gives decompositions closer to the architects'
// (Bavota et al., "Using structural and semantic measures to improve
// software modularization", EMSE 2013; Corazza et al., "LINSEN", 2016),
// and here it helps most where structure alone is weakest: small contexts
// of two or three packages, which modularity tends to fold into a
// neighbour (see cluster/auto.go), and a context whose layers only meet
// through the kernel.
const NameAffinity = 1.0

// addNameAffinity links the service packages (node i is services[i]) whose
// paths share business words: path segments below the module, lower-cased,
// without the technical ones (naming.go), weighed by tf-idf so that a word
// most packages share says little. The link is NameAffinity times the
// cosine of the two packages' word vectors.
func addNameAffinity(g *analyze.Graph, cg *cluster.Graph, services []analyze.PkgID) {
	words := make([][]string, len(services))
	df := map[string]int{}
	for i, id := range services {
		words[i] = pathStems(g.Module, g.Packages[id].Path)
		for _, w := range words[i] {
			df[w]++
		}
	}
	n := float64(len(services))
	idf := func(w string) float64 { return math.Log(n / float64(df[w])) }
	norm := make([]float64, len(services))
	holders := map[string][]int{}
	for i, ws := range words {
		for _, w := range ws {
			norm[i] += idf(w) * idf(w)
			holders[w] = append(holders[w], i)
		}
		norm[i] = math.Sqrt(norm[i])
	}
	dot := map[[2]int]float64{}
	for w, is := range holders {
		x := idf(w) * idf(w)
		for a := range is {
			for b := a + 1; b < len(is); b++ {
				dot[[2]int{is[a], is[b]}] += x
			}
		}
	}
	pairs := make([][2]int, 0, len(dot))
	for p := range dot {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	for _, p := range pairs {
		if x := dot[p]; x > 0 {
			cg.Add(p[0], p[1], NameAffinity*x/(norm[p[0]]*norm[p[1]]))
		}
	}
}
