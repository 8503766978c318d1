package cluster

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// louvain runs gonum's Louvain (community.Modularize) on g at resolution
// res and returns a community label per node. It is the reference Leiden
// is tested and benchmarked against: correct, but its local move rescans
// every member of every candidate community, so it grows worse than
// quadratically (research/algorithms.md §2.3).
func louvain(g *Graph, res float64, seed uint64) []int {
	return louvainGonum(toGonum(g), g.n, res, seed)
}

// toGonum builds a gonum weighted undirected graph with every node, in
// node order. The self weight is 0: gonum reads Weight(u,u) as a self loop.
func toGonum(g *Graph) *simple.WeightedUndirectedGraph {
	gg := simple.NewWeightedUndirectedGraph(0, 0)
	for i := 0; i < g.n; i++ {
		gg.AddNode(simple.Node(i))
	}
	for _, e := range g.Edges() {
		gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(e.U), simple.Node(e.V), e.Weight))
	}
	return gg
}

func louvainGonum(gg graph.Undirected, n int, res float64, seed uint64) []int {
	of := make([]int, n)
	if n == 0 {
		return of
	}
	// A fresh source per run: a reused source would make the result
	// depend on what ran before.
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	reduced := community.Modularize(gg, res, src)
	for c, nodes := range reduced.Communities() {
		for _, nd := range nodes {
			of[nd.ID()] = c
		}
	}
	return of
}
