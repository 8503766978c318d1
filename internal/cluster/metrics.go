package cluster

import (
	"math"
	"slices"
)

// Arc is one directed dependency between units: From uses To, Weight times
// (call sites, references). Parallel arcs are summed.
type Arc struct {
	From, To int
	Weight   float64
}

// Default bounds of a "non-extreme" community for NED, in units. The
// Mono2Micro code uses 5..20 Java classes; Go packages are coarser, so
// the default is wider (research/algorithms.md §1.2).
const (
	DefaultNEDMin = 3
	DefaultNEDMax = 30
)

// MetricOptions tune Measure. The zero value uses the defaults.
type MetricOptions struct {
	// NEDMin and NEDMax bound the size (in units, inclusive) of a
	// community NED counts as neither too small nor too large. 0 means
	// DefaultNEDMin and DefaultNEDMax.
	NEDMin, NEDMax int
}

// Metrics are the quality measures of a decomposition used in the
// microservice-identification literature, computed exactly as the
// Mono2Micro replication package does (Kalia et al., ESEC/FSE 2021;
// kaliaanup/Mono2Micro-FSE-2021 metrics/metrics_util.py), so that numbers
// compare with the published ones. Notation: K communities C_1..C_K of
// sizes N_k, N units in all; vol(a, b) the summed weight of the arcs a→b;
// "a and b are connected" when an arc a→b or b→a exists (a ≠ b).
type Metrics struct {
	// Modularity is Newman's Q (γ = 1) of the undirected graph whose edge
	// a–b weighs vol(a, b) + vol(b, a); self arcs are left out. ↑ better.
	Modularity float64
	// SM, structural modularity (FoSCI's SMQ, Bunch's BasicMQ shape),
	// in [−1, 1], ↑ better:
	//
	//	SM = (1/K) Σ_k scoh_k − 2/(K(K−1)) Σ_{k≠l} scop_kl    (no second term if K = 1)
	//	scoh_k = μ_k / N_k²
	//	scop_kl = σ_kl / (2 N_k N_l)
	//
	// μ_k is the number of connected pairs of distinct members of C_k,
	// plus, as in the Python code, one for each member with a self arc
	// except the highest-numbered; σ_kl the number of connected pairs
	// with one end in C_k and the other in C_l. Equivalently SM is the
	// mean over communities of Cohesion − Coupling.
	SM float64
	// ICP, inter-partition call percentage, a fraction in [0, 1], ↓
	// better: the share of the log-damped arc weight that crosses
	// communities,
	//
	//	ICP = Σ_{(a,b): c(a)≠c(b)} w(a,b) / Σ_{(a,b)} w(a,b),  w(a,b) = ln vol(a,b) + 1
	//
	// over the ordered pairs with vol > 0 and a ≠ b. vol below 1 counts
	// as 1 (w = 1), so that weights stay positive; with call counts that
	// changes nothing. 0 when there are no arcs.
	ICP float64
	// IFN, interface number, ↓ better: the number of connected pairs of
	// units in different communities, divided by K (the code's version;
	// the paper's prose speaks of interfaces per service).
	IFN float64
	// NED, non-extreme distribution, in [0, 1], ↓ better (Mono2Micro's
	// direction; other papers report 1 − NED): the share of units NOT in
	// a community of non-extreme size,
	//
	//	NED = 1 − Σ_{k: NEDMin ≤ N_k ≤ NEDMax} N_k / N
	//
	// and 1 when no community is in range.
	NED float64
	// MQ is Mono2Micro's variant of Bunch's TurboMQ, ↑ better, not
	// normalised (it grows with K):
	//
	//	MQ = Σ_{k: μ'_k > 0} 2μ'_k / (2μ'_k + ε_k)
	//
	// with μ'_k the number of ordered pairs (a, b), a ≠ b, with an arc
	// a→b inside C_k and ε_k the number with a in C_k and b outside.
	MQ float64
	// NEDMin and NEDMax are the bounds NED used.
	NEDMin, NEDMax int
	// Communities holds per-community figures, indexed like the
	// communities of the labelling (0..K−1 in order of first appearance,
	// which for a Partition's Of is its own numbering).
	Communities []CommunityMetrics
}

// CommunityMetrics describe one community's cohesion and coupling.
type CommunityMetrics struct {
	// Size is N_k, the number of units.
	Size int
	// Internal is the arc weight between members (self arcs left out),
	// Out the weight of arcs from members to outsiders, In from outsiders
	// to members.
	Internal, Out, In float64
	// Crossing is (Out + In) / (Internal + Out + In): the share of the
	// community's dependency weight that crosses its boundary, ↓ better;
	// 0 for a community without arcs.
	Crossing float64
	// Cohesion is SM's scoh_k = μ_k / N_k², ↑ better.
	Cohesion float64
	// Coupling is SM's coupling term of the community,
	// 2/(K−1) · Σ_{l≠k} scop_kl (0 if K = 1), ↓ better; SM is the mean of
	// Cohesion − Coupling.
	Coupling float64
}

// Measure computes the Metrics of a labelling of n units (of[v] is v's
// community, any ints) over their directed dependencies. It panics if an
// arc names a unit outside 0..n−1, as that is a bug in the caller.
func Measure(n int, arcs []Arc, of []int, opts MetricOptions) Metrics {
	if opts.NEDMin == 0 {
		opts.NEDMin = DefaultNEDMin
	}
	if opts.NEDMax == 0 {
		opts.NEDMax = DefaultNEDMax
	}
	c, k := dense(of[:n])
	m := Metrics{NEDMin: opts.NEDMin, NEDMax: opts.NEDMax, Communities: make([]CommunityMetrics, k)}
	cm := m.Communities
	for _, x := range c {
		cm[x].Size++
	}

	// Directed pairs with their volume; self arcs apart.
	vol := make([]pairW, 0, len(arcs))
	self := make([]bool, n)
	g := NewGraph(n)
	for _, a := range arcs {
		if a.From < 0 || a.To < 0 || a.From >= n || a.To >= n {
			panic("cluster: arc unit out of range")
		}
		if a.From == a.To {
			if a.Weight > 0 {
				self[a.From] = true
			}
			continue
		}
		if a.Weight <= 0 {
			continue
		}
		vol = append(vol, pairW{uint64(a.From)<<32 | uint64(a.To), a.Weight})
		g.Add(a.From, a.To, a.Weight)
	}
	vol = mergePairs(vol)
	m.Modularity = Modularity(g, c, 1)

	// ICP, MQ and the weights per community, over directed pairs.
	var icpAll, icpCross float64
	mu2 := make([]int, k) // μ'_k
	eps := make([]int, k) // ε_k
	for _, p := range vol {
		a, b := int(p.key>>32), int(uint32(p.key))
		w := 1 + math.Log(max(p.w, 1))
		icpAll += w
		if ca, cb := c[a], c[b]; ca == cb {
			mu2[ca]++
			cm[ca].Internal += p.w
		} else {
			icpCross += w
			eps[ca]++
			cm[ca].Out += p.w
			cm[cb].In += p.w
		}
	}
	if icpAll > 0 {
		m.ICP = icpCross / icpAll
	}
	for x := range k {
		if mu2[x] > 0 {
			m.MQ += 2 * float64(mu2[x]) / (2*float64(mu2[x]) + float64(eps[x]))
		}
	}

	// SM and IFN, over connected unordered pairs.
	last := make([]int, k) // highest-numbered member, whose self pair the code skips
	for v, x := range c {
		last[x] = v
	}
	mu := make([]int, k)
	for v, s := range self {
		if s && v != last[c[v]] {
			mu[c[v]]++
		}
	}
	und := make([]pairW, len(vol))
	for i, p := range vol {
		a, b := p.key>>32, p.key&0xffffffff
		und[i] = pairW{key: min(a, b)<<32 | max(a, b)}
	}
	und = mergePairs(und)
	scop := make([]float64, k) // Σ_{l≠k} scop_kl
	cross := 0
	for _, p := range und {
		ca, cb := c[int(p.key>>32)], c[int(uint32(p.key))]
		if ca == cb {
			mu[ca]++
			continue
		}
		cross++
		s := 1 / (2 * float64(cm[ca].Size) * float64(cm[cb].Size))
		scop[ca] += s
		scop[cb] += s
	}
	m.IFN = float64(cross) / float64(max(k, 1))

	inRange := 0
	for x := range cm {
		q := &cm[x]
		q.Cohesion = float64(mu[x]) / (float64(q.Size) * float64(q.Size))
		if k > 1 {
			q.Coupling = 2 * scop[x] / float64(k-1)
		}
		if t := q.Internal + q.Out + q.In; t > 0 {
			q.Crossing = (q.Out + q.In) / t
		}
		m.SM += (q.Cohesion - q.Coupling) / float64(k)
		if q.Size >= opts.NEDMin && q.Size <= opts.NEDMax {
			inRange += q.Size
		}
	}
	m.NED = 1
	if inRange > 0 {
		m.NED = 1 - float64(inRange)/float64(n)
	}
	return m
}

// pairW is a pair of units packed as (a<<32 | b), with a weight.
type pairW struct {
	key uint64
	w   float64
}

// mergePairs sorts pairs by key and sums the weights of equal keys.
func mergePairs(ps []pairW) []pairW {
	slices.SortFunc(ps, func(x, y pairW) int {
		switch {
		case x.key < y.key:
			return -1
		case x.key > y.key:
			return 1
		}
		return 0
	})
	out := ps[:0]
	for _, p := range ps {
		if k := len(out) - 1; k >= 0 && out[k].key == p.key {
			out[k].w += p.w
			continue
		}
		out = append(out, p)
	}
	return out
}
