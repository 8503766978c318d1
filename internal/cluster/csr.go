package cluster

// csr is the compact graph the Leiden mover works on: node v's neighbours
// are adj[off[v]:off[v+1]] with weights wt[...]. Every undirected edge is
// stored in both directions; there are no self loops, because the weight
// inside an aggregate node never changes when that node moves.
//
// Arrays instead of gonum's graph types: a move looks at every neighbour
// of a node, and over a million edges a map lookup per neighbour is what
// makes gonum's Louvain slow (research/algorithms.md §2.3).
type csr struct {
	off []int
	adj []int32
	wt  []float64
	// nw is the node weight the objective charges for: the degree (sum
	// of incident weights, internal weight counted twice) for modularity,
	// the number of original nodes for CPM.
	nw []float64
}

func (c *csr) len() int { return len(c.nw) }

// newCSR builds the level-0 graph from g's canonical edges.
func newCSR(g *Graph, cpm bool) *csr {
	raw := g.canonical()
	n := g.n
	deg := make([]int, n+1)
	for _, e := range raw {
		deg[int(e.key>>32)]++
		deg[int(uint32(e.key))]++
	}
	c := &csr{off: make([]int, n+1), adj: make([]int32, 2*len(raw)), wt: make([]float64, 2*len(raw)),
		nw: make([]float64, n)}
	for v := 0; v < n; v++ {
		c.off[v+1] = c.off[v] + deg[v]
	}
	pos := deg[:n]
	copy(pos, c.off[:n])
	for _, e := range raw {
		u, v := int(e.key>>32), int(uint32(e.key))
		c.adj[pos[u]], c.wt[pos[u]] = int32(v), e.w
		pos[u]++
		c.adj[pos[v]], c.wt[pos[v]] = int32(u), e.w
		pos[v]++
	}
	for v := 0; v < n; v++ {
		if cpm {
			c.nw[v] = 1
			continue
		}
		for i := c.off[v]; i < c.off[v+1]; i++ {
			c.nw[v] += c.wt[i]
		}
	}
	return c
}

// aggregate collapses each group of nodes (of[v] in 0..k-1, every group
// non-empty) into one node. Edges between groups are summed, edges inside
// a group are dropped (see csr). Neighbour lists come out in the order
// the groups' members are met, which is deterministic.
func (c *csr) aggregate(of []int32, k int) *csr {
	n := c.len()
	// Members of each group, by counting sort, in node order.
	start := make([]int, k+1)
	for _, g := range of {
		start[g+1]++
	}
	for i := 0; i < k; i++ {
		start[i+1] += start[i]
	}
	members := make([]int32, n)
	fill := append([]int(nil), start[:k]...)
	for v, g := range of {
		members[fill[g]] = int32(v)
		fill[g]++
	}

	// Never more entries than c has: size once, never copy.
	a := &csr{off: make([]int, k+1), nw: make([]float64, k),
		adj: make([]int32, 0, len(c.adj)), wt: make([]float64, 0, len(c.wt))}
	acc := make([]float64, k)
	seen := make([]bool, k)
	var touched []int32
	for g := 0; g < k; g++ {
		for _, v := range members[start[g]:start[g+1]] {
			a.nw[g] += c.nw[v]
			for i := c.off[v]; i < c.off[v+1]; i++ {
				h := of[c.adj[i]]
				if int(h) == g {
					continue
				}
				if !seen[h] {
					seen[h] = true
					touched = append(touched, h)
				}
				acc[h] += c.wt[i]
			}
		}
		for _, h := range touched {
			a.adj = append(a.adj, h)
			a.wt = append(a.wt, acc[h])
			acc[h], seen[h] = 0, false
		}
		touched = touched[:0]
		a.off[g+1] = len(a.adj)
	}
	return a
}
