package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// SpecModel is the Model of an agreed spec instead of a proposal: the
// spec's contexts are the boundaries (in the spec's order, which gives
// their colours), its shared entries the shared kernel, and the package
// main packages outside every context the entry points. It is what
// "decompose graph --config" draws. A table is owned by the context the
// spec gives it to; tables the spec does not mention by the boundary that
// writes them most, as in a proposal.
//
// Unplaced lists the packages the drawing leaves out: those no entry of
// the spec matches, and those it ignores (other than package main).
func SpecModel(g *analyze.Graph, s *Spec) (m *Model, unplaced []string, err error) {
	places, _, err := s.Place(g)
	if err != nil {
		return nil, nil, err
	}
	m = &Model{Module: g.Module, Root: g.Root, Level: "package"}
	owner := map[string]string{}
	for _, c := range s.Contexts {
		m.Boundaries = append(m.Boundaries, &Boundary{Name: c.Name.Value})
		for _, t := range c.Tables {
			owner[t.Value] = c.Name.Value
		}
	}
	boundaryOf := make([]int, len(g.Packages))
	for _, p := range g.Packages {
		pl := places[p.ID]
		boundaryOf[p.ID] = -1
		switch {
		case pl.Context >= 0 && !pl.Ignored:
			b := m.Boundaries[pl.Context]
			boundaryOf[p.ID] = pl.Context
			b.Packages = append(b.Packages, p.Path)
			b.Files += len(p.Files)
			b.Lines += p.Lines
		case pl.Shared && !pl.Ignored:
			m.Shared = append(m.Shared, SharedPackage{Package: p.Path, Reason: "shared in " + s.File})
		case p.IsMain:
			m.Entrypoints = append(m.Entrypoints, p.Path)
		default:
			unplaced = append(unplaced, p.Path)
		}
	}
	for _, b := range m.Boundaries {
		sort.Strings(b.Packages)
	}
	symOf := symbolPlaces(g, boundaryOf)
	connect(g, m, symOf)
	m.Cycles = cycles(m)
	tableOwnership(g, m, symOf)
	for i := range m.TableWarnings {
		if o, ok := owner[m.TableWarnings[i].Table]; ok {
			m.TableWarnings[i].Owner = o
		}
	}
	m.Stats = stats(g)
	return m, unplaced, nil
}
