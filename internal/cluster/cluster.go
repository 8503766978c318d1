// Package cluster finds communities in a weighted undirected graph: the
// candidate bounded contexts of a codebase.
//
// It knows nothing of Go code or of boundaries: its input is a Graph of
// integer nodes and weighted edges, its output a Partition. Everything is
// deterministic for a given Options.Seed.
//
// Cluster runs Leiden (leiden.go, the default) or gonum's Louvain
// (louvain.go, the reference), optionally searching the resolution that
// gives a number of communities (granularity.go), repeating with several
// seeds to measure how sure each placement is (stability.go), and keeping
// nodes with a fixed label in place (Options.Fixed). Measure (metrics.go)
// and Compare (score.go) judge a partition against the code's dependencies
// and against a ground truth.
package cluster

import (
	"fmt"
	"slices"
)

// Algorithms and objectives accepted by Options.
const (
	Leiden  = "leiden"
	Louvain = "louvain"

	ObjModularity = "modularity"
	ObjCPM        = "cpm"
)

// DefaultRandomness is Leiden's refinement randomness θ when
// Options.Randomness is 0: the value of the paper and of igraph.
const DefaultRandomness = 0.01

// DefaultPasses bounds Leiden's outer iteration when Options.Passes is 0.
// Clear structure is stable after two or three passes; on noisy graphs
// every pass still gains a little, most of it in the first eight (mean
// MoJoFM on the planted graphs of TestRecovery at 50 % noise: 52.2 after
// one pass, 59.4 after two, 62.8 after four, 64.0 after ten, 64.1 after
// 32), so ten keeps nearly all the quality for a bounded time.
const DefaultPasses = 10

// Options control a clustering run. The zero value is Leiden, modularity,
// resolution 1, seed 0, one run.
type Options struct {
	// Algorithm is "leiden" (default, also for "") or "louvain" (gonum's,
	// the reference; modularity only, no Fixed).
	Algorithm string
	// Objective is "modularity" (default, also for "") or "cpm", the
	// Constant Potts Model: H = Σ_c [e_c − γ·n_c(n_c−1)/2], which has no
	// resolution limit and reads γ as a density threshold (communities
	// are denser than γ inside, sparser between). Leiden only.
	Objective string
	// Resolution is γ. 0 means the default: 1 for modularity (higher
	// gives more, smaller communities), the graph's density (total edge
	// weight over n(n−1)/2) for CPM. With Services it is where the
	// search starts.
	Resolution float64
	// Seed seeds every random choice; run i of Runs uses Seed+i.
	Seed uint64
	// Randomness is Leiden's θ: in the refinement a node joins a
	// sub-community with probability ∝ exp(gain/θ), the gain measured in
	// edge-weight units. 0 means DefaultRandomness; smaller is greedier.
	Randomness float64
	// Passes bounds Leiden's outer iteration: each pass reruns the
	// algorithm from the previous result and the iteration stops early
	// when a pass changes nothing. 0 means DefaultPasses; negative means
	// until stable, however long that takes.
	Passes int
	// Services, when > 0, searches the resolution that yields that many
	// communities (see Partition.Target). Communities made of a single
	// isolated node never count, and with MinSize > 0 neither do those
	// with fewer than MinSize nodes.
	Services int
	// MinSize is the size below which a community is a fragment rather
	// than a service, for Services only: a symbol graph has dozens of
	// tiny components (a few functions that only call each other) that
	// no resolution can merge, and counting them would make most targets
	// unreachable. 0 counts every community but isolated nodes.
	MinSize int
	// Runs, when > 1, clusters with seeds Seed, Seed+1, … Seed+Runs−1,
	// returns the best run and fills Partition.Confidence.
	Runs int
	// AutoResolution chooses the resolution (see auto.go) instead of
	// using Resolution: the modularity objective only, and not with
	// Services, which chooses it its own way.
	AutoResolution bool
	// Fixed pins nodes to labels: nodes with the same label end up in
	// one community and never move, nodes with different labels never
	// share one, and the free nodes are placed around them. Labels are
	// any ints; only their equality matters. Leiden only.
	Fixed map[int]int
}

// Partition assigns every node of a Graph to a community.
type Partition struct {
	// Of maps a node to its community, 0..len(Communities)-1.
	Of []int
	// Communities lists each community's nodes, ascending; communities
	// are ordered by their smallest node.
	Communities [][]int
	// Modularity is Newman's Q of the partition, Σ_c [e_c/m − γ(K_c/2m)²],
	// at Resolution for the modularity objective and at γ = 1 for CPM.
	Modularity float64
	// Resolution is the γ used (found, with Services).
	Resolution float64
	// Objective is "modularity" or "cpm"; Quality is its value for this
	// partition: Modularity, or H = Σ_c [e_c − γ·n_c(n_c−1)/2] for CPM.
	// Among several runs the highest Quality wins.
	Objective string
	Quality   float64
	// Seed is the seed of the run returned.
	Seed uint64

	// Target is Options.Services (0 without a search). Reached tells
	// whether a resolution giving exactly Target communities was found;
	// if not, the partition is the closest count found, and Resolution
	// is where it was found.
	Target  int
	Reached bool

	// Auto tells that the resolution was chosen automatically; Stability
	// is then the chosen step's stability (agreement of the seeds times
	// agreement with the next step) and Firm whether it reached
	// AutoStable (when no step did, γ = 1 is kept).
	Auto      bool
	Stability float64
	Firm      bool

	// Runs is the number of runs made at the final resolution.
	Runs int
	// Confidence, when Runs > 1, is per node the fraction of runs that
	// agree with its placement: in run r, the members of the node's
	// community C (in this partition) are spread over run r's
	// communities; the one holding most of them is C's counterpart in r
	// (ties: the lowest-numbered). The node agrees with run r when run
	// r puts it in that counterpart. The returned run agrees with itself,
	// so Confidence ≥ 1/Runs. Nil when Runs ≤ 1.
	Confidence []float64
	// Agreement, when Runs > 1, is the mean adjusted Rand index between
	// the returned run and each other run: 1 when every seed gives the
	// same partition.
	Agreement float64
}

// Cluster partitions g. It fails only on invalid options.
func Cluster(g *Graph, opts Options) (*Partition, error) {
	c, err := newClusterer(g, opts)
	if err != nil {
		return nil, err
	}
	if c.opts.Services > 0 {
		return c.search(), nil
	}
	if c.opts.AutoResolution {
		return c.auto(), nil
	}
	return c.stable(c.opts.Resolution, 0), nil
}

// clusterer holds what every run over the same graph shares.
type clusterer struct {
	g        *Graph
	opts     Options
	cpm      bool
	base     *csr    // Leiden's graph, built once
	fixed    []int32 // dense fixed label per node, -1 when free; nil without Fixed
	isolated []bool  // nodes without edges
}

func newClusterer(g *Graph, opts Options) (*clusterer, error) {
	switch opts.Algorithm {
	case "", Leiden:
		opts.Algorithm = Leiden
	case Louvain:
	default:
		return nil, fmt.Errorf("unknown algorithm %q (want leiden or louvain)", opts.Algorithm)
	}
	switch opts.Objective {
	case "", ObjModularity:
		opts.Objective = ObjModularity
	case ObjCPM:
	default:
		return nil, fmt.Errorf("unknown objective %q (want modularity or cpm)", opts.Objective)
	}
	switch {
	case opts.Resolution < 0:
		return nil, fmt.Errorf("resolution must be positive, got %g", opts.Resolution)
	case opts.Randomness < 0:
		return nil, fmt.Errorf("randomness must be positive, got %g", opts.Randomness)
	case opts.Services < 0:
		return nil, fmt.Errorf("services must be positive, got %d", opts.Services)
	case opts.Runs < 0:
		return nil, fmt.Errorf("runs must be positive, got %d", opts.Runs)
	case opts.AutoResolution && opts.Objective == ObjCPM:
		return nil, fmt.Errorf("the automatic resolution needs the modularity objective")
	case opts.AutoResolution && opts.Services > 0:
		return nil, fmt.Errorf("choose the resolution automatically or by a number of services, not both")
	case opts.MinSize < 0:
		return nil, fmt.Errorf("minimum size must be positive, got %d", opts.MinSize)
	case opts.Algorithm == Louvain && opts.Objective == ObjCPM:
		return nil, fmt.Errorf("objective cpm needs algorithm leiden (gonum's Louvain optimises modularity only)")
	case opts.Algorithm == Louvain && len(opts.Fixed) > 0:
		return nil, fmt.Errorf("fixed nodes need algorithm leiden (gonum's Louvain always starts from scratch)")
	}
	if opts.Randomness == 0 {
		opts.Randomness = DefaultRandomness
	}
	if opts.Runs == 0 {
		opts.Runs = 1
	}
	if opts.Passes == 0 {
		opts.Passes = DefaultPasses
	}
	c := &clusterer{g: g, opts: opts, cpm: opts.Objective == ObjCPM}
	if opts.Resolution == 0 {
		opts.Resolution = 1
		if c.cpm {
			opts.Resolution = density(g)
		}
		c.opts.Resolution = opts.Resolution
	}
	if len(opts.Fixed) > 0 {
		labels := make([]int, 0, len(opts.Fixed))
		for v, l := range opts.Fixed {
			if v < 0 || v >= g.n {
				return nil, fmt.Errorf("fixed node %d is not in the graph (0..%d)", v, g.n-1)
			}
			labels = append(labels, l)
		}
		slices.Sort(labels)
		labels = slices.Compact(labels)
		c.fixed = make([]int32, g.n)
		for v := range c.fixed {
			c.fixed[v] = -1
		}
		for v, l := range opts.Fixed {
			i, _ := slices.BinarySearch(labels, l)
			c.fixed[v] = int32(i)
		}
	}
	c.isolated = make([]bool, g.n)
	for v := range c.isolated {
		c.isolated[v] = true
	}
	for _, e := range g.canonical() {
		c.isolated[int(e.key>>32)], c.isolated[int(uint32(e.key))] = false, false
	}
	if opts.Algorithm == Leiden {
		c.base = newCSR(g, c.cpm)
	}
	return c, nil
}

// once is a single run at resolution res with the given seed.
func (c *clusterer) once(res float64, seed uint64) *Partition {
	var of []int
	if c.opts.Algorithm == Louvain {
		of = louvain(c.g, res, seed)
	} else {
		l := newLeiden(c.base, c.cpm, res, c.opts.Randomness, c.opts.Passes, seed)
		of32 := l.run(c.base, c.fixed)
		of = make([]int, len(of32))
		for v, x := range of32 {
			of[v] = int(x)
		}
	}
	p := FromAssignment(of)
	p.Resolution, p.Objective, p.Seed, p.Runs = res, c.opts.Objective, seed, 1
	if c.cpm {
		p.Modularity = Modularity(c.g, p.Of, 1)
		p.Quality = cpmQuality(c.g, p.Of, len(p.Communities), res)
	} else {
		p.Modularity = Modularity(c.g, p.Of, res)
		p.Quality = p.Modularity
	}
	return p
}

// count is the number of communities that matter for Services: all but
// those made of one isolated node, which no resolution can merge, and
// those smaller than MinSize.
func (c *clusterer) count(p *Partition) int {
	k := 0
	for _, m := range p.Communities {
		if len(m) >= c.opts.MinSize && (len(m) > 1 || !c.isolated[m[0]]) {
			k++
		}
	}
	return k
}

// FromAssignment builds a canonical Partition from any labelling of nodes:
// communities renumbered in order of their smallest node.
func FromAssignment(labels []int) *Partition {
	renum := map[int]int{}
	p := &Partition{Of: make([]int, len(labels))}
	for v, l := range labels {
		c, ok := renum[l]
		if !ok {
			c = len(renum)
			renum[l] = c
			p.Communities = append(p.Communities, nil)
		}
		p.Of[v] = c
		p.Communities[c] = append(p.Communities[c], v)
	}
	return p
}

// dense relabels any labelling 0..k-1 in order of first appearance.
func dense(of []int) ([]int, int) {
	renum := map[int]int{}
	out := make([]int, len(of))
	for v, l := range of {
		c, ok := renum[l]
		if !ok {
			c = len(renum)
			renum[l] = c
		}
		out[v] = c
	}
	return out, len(renum)
}

// Modularity computes Newman's modularity with resolution γ of a labelling
// (any ints, one per node):
//
//	Q = Σ_c [ e_c/m − γ (K_c/2m)² ]
//
// where m is the total edge weight, e_c the weight inside community c and
// K_c the sum of its nodes' degrees. It is 0 for a graph without edges.
func Modularity(g *Graph, of []int, resolution float64) float64 {
	d, k := dense(of)
	in := make([]float64, k)
	tot := make([]float64, k)
	var m float64
	for _, e := range g.canonical() {
		u, v := int(e.key>>32), int(uint32(e.key))
		m += e.w
		tot[d[u]] += e.w
		tot[d[v]] += e.w
		if d[u] == d[v] {
			in[d[u]] += e.w
		}
	}
	if m == 0 {
		return 0
	}
	var q float64
	for c := range k {
		q += in[c]/m - resolution*(tot[c]/(2*m))*(tot[c]/(2*m))
	}
	return q
}

// cpmQuality is the Constant Potts Model's H = Σ_c [e_c − γ·n_c(n_c−1)/2]
// for a labelling 0..k-1.
func cpmQuality(g *Graph, of []int, k int, resolution float64) float64 {
	size := make([]float64, k)
	for _, c := range of {
		size[c]++
	}
	var h float64
	for _, e := range g.canonical() {
		if of[int(e.key>>32)] == of[int(uint32(e.key))] {
			h += e.w
		}
	}
	for _, n := range size {
		h -= resolution * n * (n - 1) / 2
	}
	return h
}

// density is the total edge weight over the number of node pairs: CPM's
// default γ, so that by default communities are denser than the graph.
func density(g *Graph) float64 {
	if g.n < 2 {
		return 1
	}
	var w float64
	for _, e := range g.canonical() {
		w += e.w
	}
	if w == 0 {
		return 1
	}
	return w / (float64(g.n) * float64(g.n-1) / 2)
}
