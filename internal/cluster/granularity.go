package cluster

import "math"

// Search bounds. Each probe is a full clustering, so the search is kept
// short: the bracket grows by ×4 per probe, and the bisection stops when
// the bracket is narrower than 0.1 % (no resolution inside it would be
// told apart by anyone reading the report).
const (
	searchGrow   = 4
	searchSteps  = 24 // 4^24 ≈ 3e14 either way from the start
	searchBisect = 30
	searchTol    = 1e-3
)

// search looks for the resolution that yields Options.Services
// communities. The number of communities grows with γ, roughly
// monotonically (not exactly: gonum's Profile trips on that, issue
// #1749), so it brackets the target by multiplying or dividing γ by 4 from
// the starting resolution, then bisects the bracket in log space. Every
// probe is one run with Options.Seed; the closest count seen wins (the
// first seen among equally close ones) and, with Runs > 1, the runs are
// made at its resolution.
//
// The target cannot always be met: never below the number of connected
// components (γ → 0 merges each into one community; MinSize lets the
// small ones go uncounted), never above the number of connected nodes (or
// of communities of MinSize nodes), and sometimes a step in γ jumps over
// it. Partition.Reached says which.
func (c *clusterer) search() *Partition {
	target := c.opts.Services
	res := c.opts.Resolution
	best := c.once(res, c.opts.Seed)
	bestDiff := abs(c.count(best) - target)
	probe := func(r float64) int {
		p := c.once(r, c.opts.Seed)
		k := c.count(p)
		if d := abs(k - target); d < bestDiff {
			best, bestDiff = p, d
		}
		return k
	}

	lowest, highest := c.extremes()
	lo, hi := res, res
	klo, khi := c.count(best), c.count(best)
	switch {
	case klo < target:
		for step := 0; step < searchSteps && khi < target && khi < highest; step++ {
			lo, klo = hi, khi
			hi *= searchGrow
			if khi = probe(hi); khi < klo {
				// Past the peak: with MinSize, communities
				// shatter into fragments that do not count.
				break
			}
		}
	case khi > target:
		for step := 0; step < searchSteps && klo > target && klo > lowest; step++ {
			hi, khi = lo, klo
			lo /= searchGrow
			klo = probe(lo)
		}
	}
	// Bisect only a bracket that straddles the target: klo < target < khi.
	if klo < target && target < khi {
		for i := 0; i < searchBisect && bestDiff > 0 && hi/lo > 1+searchTol; i++ {
			mid := math.Sqrt(lo * hi)
			if probe(mid) < target {
				lo = mid
			} else {
				hi = mid
			}
		}
	}
	if c.opts.Runs > 1 {
		return c.stable(best.Resolution, target)
	}
	best.Target = target
	best.Reached = bestDiff == 0
	return best
}

// extremes are the fewest and the most communities any resolution can
// give (as count counts them): one per connected component, and every
// connected node alone (or in a community of MinSize). Fixed labels make
// both approximate, which only costs the search a few extra probes.
func (c *clusterer) extremes() (lowest, highest int) {
	parent := make([]int, c.g.n)
	for v := range parent {
		parent[v] = v
	}
	find := func(v int) int {
		for parent[v] != v {
			parent[v] = parent[parent[v]]
			v = parent[v]
		}
		return v
	}
	for _, e := range c.g.canonical() {
		u, v := find(int(e.key>>32)), find(int(uint32(e.key)))
		if u != v {
			parent[u] = v
		}
	}
	size := make([]int, c.g.n)
	for v := range parent {
		if !c.isolated[v] {
			highest++
			size[find(v)]++
		}
	}
	for _, s := range size {
		if s > 0 && s >= c.opts.MinSize {
			lowest++
		}
	}
	if c.opts.MinSize > 1 {
		highest /= c.opts.MinSize
	}
	return lowest, highest
}
