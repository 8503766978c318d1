package boundary

import (
	"sort"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// extractionOrder suggests in which order to extract the boundaries, the
// strangler-fig way: each step takes a boundary that nothing left in the
// monolith depends on, so the monolith never has to call out to what was
// just extracted; among those, the one that calls least into what is left
// goes first (then by name). Cycles make that impossible, so they are
// broken first, against the grain (the feedback-arc heuristic of Eades,
// Lin and Smyth): a boundary's grain is the number of references it makes
// to other boundaries minus the number it receives, so consumers rank
// above the providers they call; within a cycle, a dependency from a
// boundary to one of greater grain (a provider calling back a consumer)
// is marked to be broken and left out. The dependencies to break are
// listed at the step of the first boundary of their cycle.
func extractionOrder(m *Model) []Step {
	n := len(m.Boundaries)
	if n == 0 {
		return nil
	}
	index := map[string]int{}
	for i, b := range m.Boundaries {
		index[b.Name] = i
	}
	type edge struct {
		from, to int
		dep      *Dependency
	}
	live := map[[2]int]*edge{}
	for i := range m.Dependencies {
		d := &m.Dependencies[i]
		f, t := index[d.From], index[d.To]
		live[[2]int{f, t}] = &edge{f, t, d}
	}

	// Break the cycles: each boundary's grain is the references it makes
	// minus those it receives, over all dependencies; within a strongly
	// connected set, a dependency from a boundary to one with a greater
	// grain goes against it and is broken. breaks[i] are the dependencies
	// to break before the first boundary of i's set goes.
	grain := make([]int, n)
	for _, e := range live {
		grain[e.from] += e.dep.Refs
		grain[e.to] -= e.dep.Refs
	}
	upstream := func(a, b int) bool { // a ranks before b
		if grain[a] != grain[b] {
			return grain[a] > grain[b]
		}
		return m.Boundaries[a].Name < m.Boundaries[b].Name
	}
	dg := simple.NewDirectedGraph()
	for i := 0; i < n; i++ {
		dg.AddNode(simple.Node(i))
	}
	for _, e := range live {
		dg.SetEdge(dg.NewEdge(simple.Node(e.from), simple.Node(e.to)))
	}
	cycleOf := make([]int, n) // a set id per boundary, -1 when in none
	for i := range cycleOf {
		cycleOf[i] = -1
	}
	breaks := map[int][]Dependency{}
	for id, scc := range topo.TarjanSCC(dg) {
		if len(scc) < 2 {
			continue
		}
		for _, nd := range scc {
			cycleOf[nd.ID()] = id
		}
	}
	for k, e := range live {
		if c := cycleOf[e.from]; c >= 0 && c == cycleOf[e.to] && upstream(e.to, e.from) {
			breaks[c] = append(breaks[c], *e.dep)
			delete(live, k)
		}
	}

	// Kahn's algorithm on what is left, with the choice rule above.
	remaining := make([]bool, n)
	for i := range remaining {
		remaining[i] = true
	}
	var steps []Step
	for len(steps) < n {
		best, bestCalls := -1, 0
		for i := 0; i < n; i++ {
			if !remaining[i] {
				continue
			}
			dependedOn, calls := false, 0
			for _, e := range live {
				if e.to == i && remaining[e.from] && e.from != i {
					dependedOn = true
				}
				if e.from == i && remaining[e.to] {
					calls += e.dep.Refs
				}
			}
			if dependedOn {
				continue
			}
			if best < 0 || calls < bestCalls || (calls == bestCalls && m.Boundaries[i].Name < m.Boundaries[best].Name) {
				best, bestCalls = i, calls
			}
		}
		remaining[best] = false
		st := Step{Boundary: m.Boundaries[best].Name}
		for _, e := range live {
			if e.from == best && remaining[e.to] {
				st.Calls = append(st.Calls, BoundaryRef{Name: m.Boundaries[e.to].Name, Refs: e.dep.Refs})
			}
		}
		sortRefs(st.Calls)
		if id := cycleOf[best]; id >= 0 && breaks[id] != nil {
			st.Break = breaks[id]
			sort.Slice(st.Break, func(i, j int) bool { return lighter(&st.Break[i], &st.Break[j]) })
			delete(breaks, id)
		}
		switch {
		case len(st.Break) > 0:
			st.Reason = "once its cycle is broken, nothing left depends on it"
		case len(st.Calls) == 0:
			st.Reason = "nothing left depends on it, and it calls nothing left"
		default:
			st.Reason = "nothing left depends on it"
		}
		steps = append(steps, st)
	}
	return steps
}

// lighter orders dependencies by references, then by names: the first is
// the one to break.
func lighter(a, b *Dependency) bool {
	if a.Refs != b.Refs {
		return a.Refs < b.Refs
	}
	if a.From != b.From {
		return a.From < b.From
	}
	return a.To < b.To
}
