package boundary

import (
	"sort"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// ChattySymbols is the number of distinct symbols of one boundary that
// another must use for the pair to be flagged as chatty: past it the cut
// runs through a conversation rather than along an interface, and either
// the two belong together or one needs a coarser API.
const ChattySymbols = 8

// LinksPerDependency caps the symbol-to-symbol links kept per dependency.
const LinksPerDependency = 5

// symbolPlaces gives every symbol its package's boundary: the package
// level, where packages are never divided.
func symbolPlaces(g *analyze.Graph, boundaryOf []int) []int {
	out := make([]int, len(g.Symbols))
	for _, s := range g.Symbols {
		out[s.ID] = boundaryOf[s.Package]
	}
	return out
}

// connect fills in what links the boundaries: reference counts, the
// dependencies between them, each boundary's API (its symbols used by
// other boundaries) and the data types that cross. symOf is the boundary
// of each symbol, -1 for the shared kernel and the entry points.
//
// References inside one package are left out of the counts unless they
// cross a boundary (a split package at symbol level), so that package
// level counts are those of the package graph. A reference that only
// says a concrete type is used as an interface (analyze.RefImplement)
// counts the other way round: the code behind the interface calls the
// concrete type, so the interface's boundary depends on the type's.
func connect(g *analyze.Graph, m *Model, symOf []int) {
	type pair struct{ from, to int }
	type dep struct {
		d        *Dependency
		evidence []analyze.Pos
		targets  map[analyze.SymID]bool
		links    map[[2]analyze.SymID]*Link
	}
	deps := map[pair]*dep{}
	api := make([]map[analyze.SymID]*APIEntry, len(m.Boundaries))
	users := map[analyze.SymID]map[int]int{}
	for _, e := range g.SymEdges {
		from, to := analyze.SymID(e.From), analyze.SymID(e.To)
		if e.Kinds == analyze.RefImplement {
			from, to = to, from
		}
		bf, bt := symOf[from], symOf[to]
		if bf < 0 || bt < 0 {
			continue
		}
		if bf == bt {
			if g.Symbols[from].Package != g.Symbols[to].Package {
				m.Boundaries[bf].Internal += e.Refs
			}
			continue
		}
		m.Boundaries[bf].Outgoing += e.Refs
		m.Boundaries[bt].Incoming += e.Refs
		k := pair{bf, bt}
		dp := deps[k]
		if dp == nil {
			dp = &dep{
				d:       &Dependency{From: m.Boundaries[bf].Name, To: m.Boundaries[bt].Name},
				targets: map[analyze.SymID]bool{}, links: map[[2]analyze.SymID]*Link{},
			}
			deps[k] = dp
		}
		dp.d.Refs += e.Refs
		dp.evidence = append(dp.evidence, e.Evidence...)
		dp.targets[to] = true
		lk := [2]analyze.SymID{from, to}
		l := dp.links[lk]
		if l == nil {
			l = &Link{From: g.SymbolName(from), To: g.SymbolName(to)}
			dp.links[lk] = l
		}
		l.Refs += e.Refs
		l.Kinds = kindNames(e.Kinds, l.Kinds)
		l.Samples = addSamples(g, l.Samples, e.Evidence)

		if api[bt] == nil {
			api[bt] = map[analyze.SymID]*APIEntry{}
		}
		a := api[bt][to]
		if a == nil {
			s := g.Symbols[to]
			a = &APIEntry{Symbol: g.SymbolName(to), Kind: s.Kind.String(), Sig: s.Sig}
			api[bt][to] = a
			users[to] = map[int]int{}
		}
		a.Refs += e.Refs
		// Data is a struct whose fields other boundaries read or set; a
		// struct only called or passed around is a service.
		a.DataType = a.DataType || (g.Symbols[to].Struct && e.Kinds&analyze.RefField != 0)
		a.Samples = addSamples(g, a.Samples, e.Evidence)
		users[to][bf] += e.Refs
	}
	for _, dp := range deps {
		d := dp.d
		d.Samples = firstSamples(g, dp.evidence)
		d.Symbols = len(dp.targets)
		d.Chatty = d.Symbols >= ChattySymbols
		for _, l := range dp.links {
			d.Links = append(d.Links, *l)
		}
		sort.Slice(d.Links, func(i, j int) bool {
			a, b := d.Links[i], d.Links[j]
			if a.Refs != b.Refs {
				return a.Refs > b.Refs
			}
			if a.From != b.From {
				return a.From < b.From
			}
			return a.To < b.To
		})
		if len(d.Links) > LinksPerDependency {
			d.Links = d.Links[:LinksPerDependency]
		}
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

	for bi, entries := range api {
		b := m.Boundaries[bi]
		for id, a := range entries {
			for u, n := range users[id] {
				a.UsedBy = append(a.UsedBy, m.Boundaries[u].Name)
				a.Users = append(a.Users, BoundaryRef{Name: m.Boundaries[u].Name, Refs: n})
			}
			sort.Strings(a.UsedBy)
			sortRefs(a.Users)
			sort.Strings(a.Samples)
			b.API = append(b.API, *a)
		}
		sort.Slice(b.API, func(i, j int) bool {
			if b.API[i].Refs != b.API[j].Refs {
				return b.API[i].Refs > b.API[j].Refs
			}
			return b.API[i].Symbol < b.API[j].Symbol
		})
		for _, a := range b.API {
			if a.DataType {
				m.DataTypes = append(m.DataTypes, DataType{Symbol: a.Symbol, Owner: b.Name, UsedBy: a.UsedBy, Refs: a.Refs})
			}
		}
	}
	sort.Slice(m.DataTypes, func(i, j int) bool {
		a, b := m.DataTypes[i], m.DataTypes[j]
		if a.Refs != b.Refs {
			return a.Refs > b.Refs
		}
		return a.Symbol < b.Symbol
	})
}

// sortRefs orders boundary references heaviest first, then by name.
func sortRefs(rs []BoundaryRef) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Refs != rs[j].Refs {
			return rs[i].Refs > rs[j].Refs
		}
		return rs[i].Name < rs[j].Name
	})
}

// kindNames adds the names of the kinds in k to names, in a fixed order.
func kindNames(k analyze.EdgeKind, names []string) []string {
	for _, n := range []struct {
		k    analyze.EdgeKind
		name string
	}{
		{analyze.RefCall, "call"}, {analyze.RefType, "type"}, {analyze.RefValue, "value"},
		{analyze.RefField, "field"}, {analyze.RefEmbed, "embed"}, {analyze.RefImplement, "implement"},
	} {
		if k&n.k != 0 && !contains(names, n.name) {
			names = append(names, n.name)
		}
	}
	order := map[string]int{"call": 0, "type": 1, "value": 2, "field": 3, "embed": 4, "implement": 5}
	sort.Slice(names, func(i, j int) bool { return order[names[i]] < order[names[j]] })
	return names
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// firstSamples returns the first samplesPerItem distinct positions of ev
// in file order.
func firstSamples(g *analyze.Graph, ev []analyze.Pos) []string {
	sort.Slice(ev, func(i, j int) bool {
		if ev[i].File != ev[j].File {
			return ev[i].File < ev[j].File
		}
		return ev[i].Line < ev[j].Line
	})
	return addSamples(g, nil, ev)
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
