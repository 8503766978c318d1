package cluster

import (
	"math"
	"math/rand/v2"
)

// This file is the Leiden algorithm of Traag, Waltman & van Eck, "From
// Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep.
// 9:5233 (2019), written from Algorithm A.2 of the paper's supplement:
//
//	repeat
//	    P ← MoveNodesFast(G, P)
//	    done ← every community of P is one node of G
//	    if not done:
//	        P_ref ← RefinePartition(G, P)
//	        G ← AggregateGraph(G, P_ref), its nodes starting in P
//	until done
//
// and that whole pass is repeated from its own result until a pass
// changes nothing ("iterate until stable"), or Options.Passes passes.
//
// Both objectives have the same shape, so one mover serves both: moving
// node v, of weight w_v, into community C (which does not contain v)
// gains
//
//	gain(v, C) = e(v, C) − λ · w_v · W_C
//
// where e(v, C) is the edge weight between v and C and W_C the summed node
// weight of C. For modularity w_v is the degree k_v and λ = γ/2m, so the
// gain is m·ΔQ; for CPM w_v is the number of original nodes and λ = γ.
// Gains are in edge-weight units: that is the scale the refinement's
// randomness θ applies to, as in igraph's cluster_leiden.

// leiden is one run: its random source and the objective's constants.
type leiden struct {
	rng    *rand.Rand
	passes int     // most passes; < 0: until stable
	lambda float64 // γ/2m (modularity) or γ (CPM)
	theta  float64 // refinement randomness θ, > 0
	eps    float64 // a gain must exceed this to count as an improvement
}

// newLeiden prepares a run. A fresh PCG per run makes a run depend only
// on its seed, never on what ran before in the process.
func newLeiden(base *csr, cpm bool, resolution, theta float64, passes int, seed uint64) *leiden {
	var total float64 // 2m: the node weights sum to twice the edge weight
	for _, w := range base.wt {
		total += w
	}
	l := &leiden{
		rng:    rand.New(rand.NewPCG(seed, 0x6c656964656e)), // "leiden"
		theta:  theta,
		passes: passes,
	}
	if cpm {
		l.lambda = resolution
	} else if total > 0 {
		l.lambda = resolution / total
	}
	if len(base.wt) > 0 {
		l.eps = 1e-10 * total / float64(len(base.wt)) // relative to the mean edge weight
	}
	return l
}

// run clusters base and returns a community per node, numbered in order
// of first appearance. fixed[v] is v's fixed label (0..L-1) or -1 when v is
// free; fixed may be nil.
func (l *leiden) run(base *csr, fixed []int32) []int32 {
	n := base.len()
	comm := make([]int32, n)
	first := map[int32]int32{} // fixed label → the node whose community it joins
	for v := range comm {
		comm[v] = int32(v)
		if fixed != nil && fixed[v] >= 0 {
			if c, ok := first[fixed[v]]; ok {
				comm[v] = c
			} else {
				first[fixed[v]] = int32(v)
			}
		}
	}
	renumber(comm)
	if len(base.adj) == 0 {
		return comm
	}
	// A pass that changes the partition has made at least one move
	// that gains more than eps, so the quality grows strictly and the
	// loop ends even without a bound.
	for i := 0; l.passes < 0 || i < l.passes; i++ {
		next := l.pass(base, comm, fixed)
		same := equal(next, comm)
		comm = next
		if same {
			break
		}
	}
	return comm
}

// pass is one run of Algorithm A.2 starting from the partition comm of
// base; it returns the new partition of base's nodes, renumbered.
func (l *leiden) pass(base *csr, comm, fixed []int32) []int32 {
	g := base
	comm = append([]int32(nil), comm...)
	toAgg := make([]int32, base.len()) // base node → node of g
	for v := range toAgg {
		toAgg[v] = int32(v)
	}
	for {
		l.moveNodes(g, comm, fixed)
		k := renumber(comm)
		if k == g.len() {
			break
		}
		ref, nr := l.refine(g, comm, k)
		if nr == g.len() {
			// Nothing merged (every community is badly connected, or
			// held together only by a fixed label): aggregating would
			// give g back, and the next level would change nothing.
			break
		}
		for v, a := range toAgg {
			toAgg[v] = ref[a]
		}
		// The aggregate nodes start in their non-refined community:
		// this is what lets Leiden refine without losing what the
		// local moving found.
		aggComm := make([]int32, nr)
		var aggFixed []int32
		if fixed != nil {
			aggFixed = make([]int32, nr)
			for i := range aggFixed {
				aggFixed[i] = -1
			}
		}
		for v, r := range ref {
			aggComm[r] = comm[v]
			if fixed != nil && fixed[v] >= 0 {
				aggFixed[r] = fixed[v]
			}
		}
		g, comm, fixed = g.aggregate(ref, nr), aggComm, aggFixed
	}
	out := make([]int32, base.len())
	for v, a := range toAgg {
		out[v] = comm[a]
	}
	renumber(out)
	return out
}

// moveNodes is MoveNodesFast: visit the nodes from a queue, move each to
// the community of highest gain (possibly a new, empty one), and when a
// node moves put its neighbours outside the new community back on the
// queue. After the first sweep only the neighbourhoods that changed are
// looked at again, which is what makes it fast. Fixed nodes never move.
// comm must use ids below g.len(); it is updated in place.
func (l *leiden) moveNodes(g *csr, comm, fixed []int32) {
	n := g.len()
	// The weight of each community and the accumulator of v's edges
	// into it side by side: one cache miss per community, not two.
	cs := make([]commSlot, n)
	size := make([]int32, n)
	for v, c := range comm {
		cs[c].w += g.nw[v]
		size[c]++
	}
	var empty []int32 // unused ids, smallest on top
	for c := n - 1; c >= 0; c-- {
		if size[c] == 0 {
			empty = append(empty, int32(c))
		}
	}

	queue := make([]int32, 0, n) // a ring of capacity n: a node is queued at most once
	inQ := make([]bool, n)
	for v := range n {
		if fixed == nil || fixed[v] < 0 {
			queue = append(queue, int32(v))
			inQ[v] = true
		}
	}
	l.rng.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	head, count := 0, len(queue)
	queue = queue[:n]

	var touched []int32
	for count > 0 {
		v := queue[head]
		head = (head + 1) % n
		count--
		inQ[v] = false

		a := comm[v]
		for i := g.off[v]; i < g.off[v+1]; i++ {
			c := comm[g.adj[i]]
			if cs[c].e == 0 {
				touched = append(touched, c)
			}
			cs[c].e += g.wt[i]
		}
		wv := g.nw[v]
		cs[a].w -= wv
		size[a]--
		stay := cs[a].e - l.lambda*wv*cs[a].w
		best, bestGain := a, stay
		for _, c := range touched {
			if c == a {
				continue
			}
			if gain := cs[c].e - l.lambda*wv*cs[c].w; gain > bestGain {
				best, bestGain = c, gain
			}
		}
		// An empty community gains 0; there is one to go to unless v
		// is already alone.
		alone := size[a] > 0 && bestGain < 0
		if alone {
			bestGain = 0
		}
		switch {
		case bestGain <= stay+l.eps:
			best = a
		case alone:
			best = empty[len(empty)-1]
			empty = empty[:len(empty)-1]
		}
		cs[best].w += wv
		size[best]++
		comm[v] = best
		if best != a {
			if size[a] == 0 {
				empty = append(empty, a)
			}
			for i := g.off[v]; i < g.off[v+1]; i++ {
				u := g.adj[i]
				if !inQ[u] && comm[u] != best && (fixed == nil || fixed[u] < 0) {
					inQ[u] = true
					queue[(head+count)%n] = u
					count++
				}
			}
		}
		for _, c := range touched {
			cs[c].e = 0
		}
		touched = touched[:0]
	}
}

// commSlot is a community's total node weight w and, while a node is
// being moved, e: the weight of that node's edges into the community.
type commSlot struct{ w, e float64 }

// refine is RefinePartition with MergeNodesSubset: inside each of the k
// communities of comm, start from singletons and let each well-connected
// node that is still alone join a well-connected sub-community of the
// same community, chosen at random with probability ∝ exp(gain/θ) among
// those with gain ≥ 0 (staying alone has gain 0).
//
// A set X ⊆ S is well connected when e(X, S−X) ≥ λ·W_X·(W_S − W_X). Only
// merging such pieces is what guarantees that every community is
// connected (γ-connected, in the paper's terms), which Louvain does not.
// It returns each node's sub-community, numbered 0..nr-1 community by
// community, and nr.
func (l *leiden) refine(g *csr, comm []int32, k int) ([]int32, int) {
	n := g.len()
	start := make([]int, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for i := range k {
		start[i+1] += start[i]
	}
	// Nodes are handled by their position in members, community after
	// community: sub-communities are named by a member's position, so
	// all the bookkeeping of one community sits in one stretch of slot,
	// which stays in cache while the community is refined.
	members := make([]int32, n)
	where := make([]placed, n) // node → its community and position
	fill := append([]int(nil), start[:k]...)
	for v, c := range comm {
		members[fill[c]] = int32(v)
		where[v] = placed{c, int32(fill[c])}
		fill[c]++
	}

	ref := make([]int32, n) // position → its sub-community (a position)
	slot := make([]refSlot, n)
	for p, v := range members {
		ref[p] = int32(p)
		slot[p] = refSlot{w: g.nw[v], size: 1}
	}
	var touched, cands []int32
	var weights []float64
	var ready []int32
	for s := range k {
		lo, hi := start[s], start[s+1]
		if hi-lo == 1 {
			continue
		}
		var wS float64
		for p := lo; p < hi; p++ {
			v := members[p]
			wS += g.nw[v]
			for i := g.off[v]; i < g.off[v+1]; i++ {
				if where[g.adj[i]].comm == int32(s) {
					slot[p].ext += g.wt[i]
				}
			}
		}
		ready = ready[:0]
		for p := lo; p < hi; p++ {
			if slot[p].ext >= l.lambda*slot[p].w*(wS-slot[p].w) {
				ready = append(ready, int32(p))
			}
		}
		l.rng.Shuffle(len(ready), func(i, j int) { ready[i], ready[j] = ready[j], ready[i] })
		for _, p := range ready {
			if slot[p].size != 1 || ref[p] != p {
				continue // no longer a singleton
			}
			v := members[p]
			for i := g.off[v]; i < g.off[v+1]; i++ {
				u := where[g.adj[i]]
				if u.comm != int32(s) {
					continue
				}
				r := ref[u.pos]
				if slot[r].e == 0 {
					touched = append(touched, r)
				}
				slot[r].e += g.wt[i]
			}
			wv := slot[p].w
			cands, weights = append(cands[:0], p), append(weights[:0], 0)
			maxGain := 0.0
			for _, r := range touched {
				x := &slot[r]
				if r == p || x.ext < l.lambda*x.w*(wS-x.w) {
					continue
				}
				if gain := x.e - l.lambda*wv*x.w; gain >= 0 {
					cands, weights = append(cands, r), append(weights, gain)
					maxGain = max(maxGain, gain)
				}
			}
			choice := p
			if len(cands) > 1 {
				var total float64
				for i, gain := range weights {
					weights[i] = math.Exp((gain - maxGain) / l.theta)
					total += weights[i]
				}
				x := l.rng.Float64() * total
				for i, w := range weights {
					choice = cands[i]
					if x -= w; x < 0 {
						break
					}
				}
			}
			if choice != p {
				c := &slot[choice]
				c.ext += slot[p].ext - 2*c.e
				c.w += wv
				c.size++
				slot[p].size = 0
				ref[p] = choice
			}
			for _, r := range touched {
				slot[r].e = 0
			}
			touched = touched[:0]
		}
	}
	// Number the sub-communities in position order, so that those of
	// one community are neighbours in the aggregate graph too.
	id := make([]int32, n)
	nr := 0
	for p, r := range ref {
		if int(r) == p {
			id[p] = int32(nr)
			nr++
		}
	}
	out := make([]int32, n)
	for v, w := range where {
		out[v] = id[ref[w.pos]]
	}
	return out, nr
}

// placed is where refine keeps a node: its community and its position
// among the members.
type placed struct{ comm, pos int32 }

// refSlot is refine's record of a sub-community: its node weight w, the
// edge weight ext from it to the rest of its community, its size, and
// e, the weight of the edges of the node being placed into it.
type refSlot struct {
	w, ext, e float64
	size      int32
}

// renumber relabels a partition 0..k-1 in order of first appearance and
// returns k.
func renumber(of []int32) int {
	m := make([]int32, len(of))
	for i := range m {
		m[i] = -1
	}
	k := int32(0)
	for v, c := range of {
		if m[c] < 0 {
			m[c] = k
			k++
		}
		of[v] = m[c]
	}
	return int(k)
}

func equal(a, b []int32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
