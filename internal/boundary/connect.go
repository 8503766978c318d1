package boundary

import (
	"sort"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// connect fills in what links the boundaries: reference counts, the
// dependencies between them, and each boundary's API (its symbols used by
// other boundaries).
func connect(g *analyze.Graph, m *Model, boundaryOf []int) {
	type pair struct{ from, to int }
	deps := map[pair]*Dependency{}
	for _, e := range g.PkgEdges {
		bf, bt := boundaryOf[e.From], boundaryOf[e.To]
		if bf < 0 || bt < 0 {
			continue
		}
		if bf == bt {
			m.Boundaries[bf].Internal += e.Refs
			continue
		}
		m.Boundaries[bf].Outgoing += e.Refs
		m.Boundaries[bt].Incoming += e.Refs
		k := pair{bf, bt}
		d := deps[k]
		if d == nil {
			d = &Dependency{From: m.Boundaries[bf].Name, To: m.Boundaries[bt].Name}
			deps[k] = d
		}
		d.Refs += e.Refs
		d.Samples = addSamples(g, d.Samples, e.Evidence)
	}
	for _, d := range deps {
		m.Dependencies = append(m.Dependencies, *d)
	}
	sort.Slice(m.Dependencies, func(i, j int) bool {
		a, b := m.Dependencies[i], m.Dependencies[j]
		if a.Refs != b.Refs {
			return a.Refs > b.Refs
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	index := map[string]*Boundary{}
	for _, b := range m.Boundaries {
		index[b.Name] = b
	}
	for _, d := range m.Dependencies {
		index[d.From].DependsOn = append(index[d.From].DependsOn, BoundaryRef{Name: d.To, Refs: d.Refs})
		index[d.To].UsedBy = append(index[d.To].UsedBy, BoundaryRef{Name: d.From, Refs: d.Refs})
	}

	// The API: symbols referenced from another boundary.
	api := make([]map[analyze.SymID]*APIEntry, len(m.Boundaries))
	users := map[analyze.SymID]map[string]bool{}
	for _, e := range g.SymEdges {
		from, to := g.Symbols[e.From], g.Symbols[e.To]
		bf, bt := boundaryOf[from.Package], boundaryOf[to.Package]
		if bf < 0 || bt < 0 || bf == bt {
			continue
		}
		if api[bt] == nil {
			api[bt] = map[analyze.SymID]*APIEntry{}
		}
		a := api[bt][to.ID]
		if a == nil {
			a = &APIEntry{Symbol: g.SymbolName(to.ID), Kind: to.Kind.String(), Sig: to.Sig}
			api[bt][to.ID] = a
			users[to.ID] = map[string]bool{}
		}
		a.Refs += e.Refs
		a.Samples = addSamples(g, a.Samples, e.Evidence)
		users[to.ID][m.Boundaries[bf].Name] = true
	}
	for bi, entries := range api {
		b := m.Boundaries[bi]
		for id, a := range entries {
			for u := range users[id] {
				a.UsedBy = append(a.UsedBy, u)
			}
			sort.Strings(a.UsedBy)
			sort.Strings(a.Samples)
			b.API = append(b.API, *a)
		}
		sort.Slice(b.API, func(i, j int) bool {
			if b.API[i].Refs != b.API[j].Refs {
				return b.API[i].Refs > b.API[j].Refs
			}
			return b.API[i].Symbol < b.API[j].Symbol
		})
	}
}

// addSamples appends up to samplesPerItem distinct positions.
func addSamples(g *analyze.Graph, samples []string, ev []analyze.Pos) []string {
	for _, p := range ev {
		if len(samples) >= samplesPerItem {
			break
		}
		s := g.PosString(p)
		dup := false
		for _, x := range samples {
			if x == s {
				dup = true
				break
			}
		}
		if !dup {
			samples = append(samples, s)
		}
	}
	return samples
}

// cycles returns the strongly connected sets of boundaries with more than
// one member, each sorted by name, ordered by their first name.
func cycles(m *Model) [][]string {
	dg := simple.NewDirectedGraph()
	index := map[string]int64{}
	for i, b := range m.Boundaries {
		index[b.Name] = int64(i)
		dg.AddNode(simple.Node(i))
	}
	for _, d := range m.Dependencies {
		dg.SetEdge(dg.NewEdge(simple.Node(index[d.From]), simple.Node(index[d.To])))
	}
	var out [][]string
	for _, scc := range topo.TarjanSCC(dg) {
		if len(scc) < 2 {
			continue
		}
		names := make([]string, len(scc))
		for i, n := range scc {
			names[i] = m.Boundaries[n.ID()].Name
		}
		sort.Strings(names)
		out = append(out, names)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
