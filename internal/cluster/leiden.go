package cluster

import (
	"fmt"
	"time"
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
// changes nothing ("iterate until stable").
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

// maxPasses bounds the outer iteration. A pass never lowers the quality
// and real graphs settle in two to four passes; the bound only guards
// against two partitions of equal quality taking turns.
const maxPasses = 32

// leiden is one run: its random source and the objective's constants.
type leiden struct {
	rng    *rand.Rand
	lambda float64 // γ/2m (modularity) or γ (CPM)
	theta  float64 // refinement randomness θ, > 0
	eps    float64 // a gain must exceed this to count as an improvement
}

// newLeiden prepares a run. A fresh PCG per run makes a run depend only
// on its seed, never on what ran before in the process.
func newLeiden(base *csr, cpm bool, resolution, theta float64, seed uint64) *leiden {
	var total float64 // 2m: the node weights sum to twice the edge weight
	for _, w := range base.wt {
		total += w
	}
	l := &leiden{
		rng:   rand.New(rand.NewPCG(seed, 0x6c656964656e)), // "leiden"
		theta: theta,
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
	for range maxPasses {
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
		t0 := time.Now()
		l.moveNodes(g, comm, fixed)
		k := renumber(comm)
		fmt.Println("  level nodes", g.len(), "edges", len(g.adj), "move", time.Since(t0), "k", k)
		t0 = time.Now()
		if k == g.len() {
			break
		}
		ref := l.refine(g, comm, k)
		nr := renumber(ref)
		if nr == g.len() {
			// Nothing merged (every community is badly connected, or
			// held together only by a fixed label): aggregating would
			// give g back, and the next level would change nothing.
			break
		}
		fmt.Println("  refine", time.Since(t0), nr)
		t0 = time.Now()
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
		fmt.Println("  agg", time.Since(t0))
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
	commW := make([]float64, n)
	size := make([]int32, n)
	for v, c := range comm {
		commW[c] += g.nw[v]
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

	neighW := make([]float64, n)
	var touched []int32
	for count > 0 {
		v := queue[head]
		head = (head + 1) % n
		count--
		inQ[v] = false

		a := comm[v]
		for i := g.off[v]; i < g.off[v+1]; i++ {
			c := comm[g.adj[i]]
			if neighW[c] == 0 {
				touched = append(touched, c)
			}
			neighW[c] += g.wt[i]
		}
		wv := g.nw[v]
		commW[a] -= wv
		size[a]--
		stay := neighW[a] - l.lambda*wv*commW[a]
		best, bestGain := a, stay
		for _, c := range touched {
			if c == a {
				continue
			}
			if gain := neighW[c] - l.lambda*wv*commW[c]; gain > bestGain {
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
		commW[best] += wv
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
			neighW[c] = 0
		}
		touched = touched[:0]
	}
}

// refine is RefinePartition with MergeNodesSubset: inside each of the k
// communities of comm, start from singletons and let each well-connected
// node that is still alone join a well-connected sub-community of the
// same community, chosen at random with probability ∝ exp(gain/θ) among
// those with gain ≥ 0 (staying alone has gain 0).
//
// A set X ⊆ S is well connected when e(X, S−X) ≥ λ·W_X·(W_S − W_X). Only
// merging such pieces is what guarantees that every community is
// connected (γ-connected, in the paper's terms), which Louvain does not.
func (l *leiden) refine(g *csr, comm []int32, k int) []int32 {
	n := g.len()
	start := make([]int, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for i := range k {
		start[i+1] += start[i]
	}
	members := make([]int32, n)
	fill := append([]int(nil), start[:k]...)
	for v, c := range comm {
		members[fill[c]] = int32(v)
		fill[c]++
	}

	ref := make([]int32, n)
	refW := make([]float64, n)
	refExt := make([]float64, n) // e(R, S−R) of each sub-community R
	refSize := make([]int32, n)
	for v := range ref {
		ref[v], refW[v], refSize[v] = int32(v), g.nw[v], 1
	}
	neighW := make([]float64, n)
	var touched, cands []int32
	var weights []float64
	var ready []int32
	for s := range k {
		nodes := members[start[s]:start[s+1]]
		if len(nodes) == 1 {
			continue
		}
		var wS float64
		for _, v := range nodes {
			wS += g.nw[v]
			for i := g.off[v]; i < g.off[v+1]; i++ {
				if comm[g.adj[i]] == int32(s) {
					refExt[v] += g.wt[i]
				}
			}
		}
		ready = ready[:0]
		for _, v := range nodes {
			if refExt[v] >= l.lambda*g.nw[v]*(wS-g.nw[v]) {
				ready = append(ready, v)
			}
		}
		l.rng.Shuffle(len(ready), func(i, j int) { ready[i], ready[j] = ready[j], ready[i] })
		for _, v := range ready {
			if refSize[v] != 1 || ref[v] != v {
				continue // no longer a singleton
			}
			for i := g.off[v]; i < g.off[v+1]; i++ {
				u := g.adj[i]
				if comm[u] != int32(s) {
					continue
				}
				r := ref[u]
				if neighW[r] == 0 {
					touched = append(touched, r)
				}
				neighW[r] += g.wt[i]
			}
			wv := g.nw[v]
			cands, weights = append(cands[:0], v), append(weights[:0], 0)
			maxGain := 0.0
			for _, r := range touched {
				if r == v || refExt[r] < l.lambda*refW[r]*(wS-refW[r]) {
					continue
				}
				if gain := neighW[r] - l.lambda*wv*refW[r]; gain >= 0 {
					cands, weights = append(cands, r), append(weights, gain)
					maxGain = max(maxGain, gain)
				}
			}
			choice := v
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
			if choice != v {
				refExt[choice] += refExt[v] - 2*neighW[choice]
				refW[choice] += wv
				refSize[choice]++
				refSize[v] = 0
				ref[v] = choice
			}
			for _, r := range touched {
				neighW[r] = 0
			}
			touched = touched[:0]
		}
	}
	return ref
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
