package cluster

import (
	"runtime"
	"sync"
)

// stable makes Options.Runs runs at resolution res, with seeds Seed,
// Seed+1, …, and returns the best with the confidence of each placement.
// With a target (Services) the best is the run whose community count is
// closest to it, then the highest Quality; otherwise the highest Quality.
// Ties go to the lowest seed.
//
// Louvain and Leiden are both order-dependent, so one seed's answer may be
// an accident of node order; how often other seeds agree tells a solid
// boundary from a coin toss.
func (c *clusterer) stable(res float64, target int) *Partition {
	k := c.opts.Runs
	runs := make([]*Partition, k)
	workers := min(k, runtime.GOMAXPROCS(0))
	if c.opts.Algorithm == Louvain {
		workers = 1 // gonum's Louvain is the slow reference: no need to hurry it
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				runs[i] = c.once(res, c.opts.Seed+uint64(i))
			}
		})
	}
	for i := range k {
		next <- i
	}
	close(next)
	wg.Wait()

	best := 0
	for i := 1; i < k; i++ {
		if c.better(runs[i], runs[best], target) {
			best = i
		}
	}
	p := runs[best]
	p.Target = target
	if target > 0 {
		p.Reached = c.count(p) == target
	}
	p.Runs = k
	if k == 1 {
		return p
	}
	p.Confidence = confidence(p, runs)
	var sum float64
	for i, r := range runs {
		if i != best {
			sum += adjustedRand(p.Of, r.Of)
		}
	}
	p.Agreement = sum / float64(k-1)
	return p
}

// better reports whether p beats q: closer to the target count (when
// there is one), then higher quality.
func (c *clusterer) better(p, q *Partition, target int) bool {
	if target > 0 {
		dp, dq := abs(c.count(p)-target), abs(c.count(q)-target)
		if dp != dq {
			return dp < dq
		}
	}
	return p.Quality > q.Quality
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// confidence computes Partition.Confidence of p over runs (p among them):
// for each run, each community of p is matched with the run's community
// that holds most of its members, and a node scores when the run put it
// there.
func confidence(p *Partition, runs []*Partition) []float64 {
	conf := make([]float64, len(p.Of))
	var count []int
	var touched []int
	for _, r := range runs {
		if cap(count) < len(r.Communities) {
			count = make([]int, len(r.Communities))
		}
		count = count[:len(r.Communities)]
		for _, members := range p.Communities {
			major := -1
			for _, v := range members {
				x := r.Of[v]
				if count[x] == 0 {
					touched = append(touched, x)
				}
				count[x]++
				if major < 0 || count[x] > count[major] || (count[x] == count[major] && x < major) {
					major = x
				}
			}
			for _, v := range members {
				if r.Of[v] == major {
					conf[v]++
				}
			}
			for _, x := range touched {
				count[x] = 0
			}
			touched = touched[:0]
		}
	}
	for v := range conf {
		conf[v] /= float64(len(runs))
	}
	return conf
}
