package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// measure fills in the quality metrics of a package-level proposal and
// how the clustering runs went.
func measure(g *analyze.Graph, m *Model, boundaryOf []int, part *cluster.Partition) {
	measurePackages(g, m, boundaryOf)
	m.Metrics.Services, m.Metrics.Reached = part.Target, part.Reached
	m.Metrics.Runs, m.Metrics.Agreement = part.Runs, part.Agreement
	m.Metrics.AutoResolution, m.Metrics.Stability, m.Metrics.Firm = part.Auto, part.Stability, part.Firm
}

// measurePackages fills in the literature metrics: the units are the
// service packages (boundaryOf[p] ≥ 0, at symbol level the boundary
// holding the package's main part), the arcs their references.
func measurePackages(g *analyze.Graph, m *Model, boundaryOf []int) {
	node := map[analyze.PkgID]int{}
	var of []int
	for _, p := range g.Packages {
		if b := boundaryOf[p.ID]; b >= 0 {
			node[p.ID] = len(of)
			of = append(of, b)
		}
	}
	var arcs []cluster.Arc
	for _, e := range g.PkgEdges {
		u, okU := node[analyze.PkgID(e.From)]
		v, okV := node[analyze.PkgID(e.To)]
		if okU && okV {
			arcs = append(arcs, cluster.Arc{From: u, To: v, Weight: float64(e.Refs)})
		}
	}
	setMetrics(m, cluster.Measure(len(of), arcs, of, cluster.MetricOptions{}), firstAppearance(of))
}

// setMetrics copies the literature metrics into the model; community k of
// the measured labelling is boundary order[k].
func setMetrics(m *Model, qm cluster.Metrics, order []int) {
	m.Metrics.SM, m.Metrics.ICP, m.Metrics.IFN, m.Metrics.NED = qm.SM, qm.ICP, qm.IFN, qm.NED
	for k, c := range qm.Communities {
		if k < len(order) && order[k] < len(m.Boundaries) {
			b := m.Boundaries[order[k]]
			b.Cohesion, b.Coupling = c.Cohesion, c.Coupling
		}
	}
}

// firstAppearance lists the labels of of in the order they first appear,
// the order cluster.Measure numbers communities in.
func firstAppearance(of []int) []int {
	seen := map[int]bool{}
	var order []int
	for _, l := range of {
		if !seen[l] {
			seen[l] = true
			order = append(order, l)
		}
	}
	return order
}

// undecided lists the service packages whose confidence across runs is
// below the threshold, least confident first.
func undecided(g *analyze.Graph, m *Model, services []analyze.PkgID, of []int, part *cluster.Partition, min float64) []Undecided {
	if part.Confidence == nil {
		return nil
	}
	if min == 0 {
		min = DefaultMinConfidence
	}
	where := map[string]string{}
	for _, b := range m.Boundaries {
		for _, p := range b.Packages {
			where[p] = b.Name
		}
	}
	var out []Undecided
	for i, id := range services {
		if c := part.Confidence[i]; c < min {
			path := g.Packages[id].Path
			out = append(out, Undecided{Unit: path, Boundary: where[path], Confidence: c})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence < out[j].Confidence
		}
		return out[i].Unit < out[j].Unit
	})
	return out
}
