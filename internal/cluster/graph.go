package cluster

import (
	"cmp"
	"slices"
	"sync"
)

// Graph is an undirected weighted graph of nodes 0..N-1. Parallel edges
// are summed; self loops are ignored.
//
// Add only appends: the edges are sorted and merged the first time they
// are read, because a map of a million edges costs several times more
// than one sort. Add must not be called concurrently with anything else;
// reads (Edges, Cluster, Modularity) may run concurrently with each other.
type Graph struct {
	n int

	mu     sync.Mutex
	raw    []rawEdge // in Add order until canonical
	canon  bool      // raw is sorted by key and merged
	nAdded uint32
}

// rawEdge is one Add call: key packs (U<<32 | V) with U < V, so sorting
// the keys sorts by (U, V); seq keeps parallel edges in Add order, so
// that their weights are summed in the order the caller gave them.
type rawEdge struct {
	key uint64
	seq uint32
	w   float64
}

// NewGraph returns an empty graph with n nodes.
func NewGraph(n int) *Graph {
	return &Graph{n: n, canon: true}
}

// Len is the number of nodes.
func (g *Graph) Len() int { return g.n }

// Add adds weight w to the undirected edge u–v. Self loops and
// non-positive weights are ignored. It panics if u or v is not a node of
// g, since that is a bug in the caller, never bad input.
func (g *Graph) Add(u, v int, w float64) {
	if u < 0 || v < 0 || u >= g.n || v >= g.n {
		panic("cluster: edge node out of range")
	}
	if u == v || !(w > 0) {
		return
	}
	if u > v {
		u, v = v, u
	}
	g.raw = append(g.raw, rawEdge{key: uint64(u)<<32 | uint64(v), seq: g.nAdded, w: w})
	g.nAdded++
	g.canon = false
}

// Edge is one undirected edge with U < V.
type Edge struct {
	U, V   int
	Weight float64
}

// Edges returns the edges sorted by (U, V), so that every consumer sees
// them in the same order. The slice is the caller's.
func (g *Graph) Edges() []Edge {
	raw := g.canonical()
	out := make([]Edge, len(raw))
	for i, e := range raw {
		out[i] = Edge{U: int(e.key >> 32), V: int(uint32(e.key)), Weight: e.w}
	}
	return out
}

// NumEdges is the number of distinct undirected edges.
func (g *Graph) NumEdges() int { return len(g.canonical()) }

// canonical sorts and merges the edges once and returns them; the result
// must not be modified.
func (g *Graph) canonical() []rawEdge {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.canon {
		return g.raw
	}
	slices.SortFunc(g.raw, func(a, b rawEdge) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	out := g.raw[:0]
	for _, e := range g.raw {
		if k := len(out) - 1; k >= 0 && out[k].key == e.key {
			out[k].w += e.w
			continue
		}
		out = append(out, e)
	}
	// seq only orders parallel edges; after merging, later Adds must
	// still sort after every merged edge with the same key.
	for i := range out {
		out[i].seq = 0
	}
	g.raw = slices.Clip(out)
	g.canon = true
	return g.raw
}
