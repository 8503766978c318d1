package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// Split thresholds. A package is split when its symbols fall into several
// boundaries, but a fragment counts as a part only when it holds at least
// SplitMinShare of the package's lines and SplitMinLines lines, and either
// a named type, at least
// SplitMinSymbols symbols, or SplitBigShare of the lines. Smaller
// fragments (a helper function used mostly from elsewhere) stay with the
// package's main part, or in the shared kernel for a shared package, so
// that one stray function does not make every package a split.
const (
	SplitMinShare   = 0.05
	SplitMinLines   = 10
	SplitMinSymbols = 3
	SplitBigShare   = 0.25
)

// Shared-kernel attachment. A shared-kernel package is a god package when
// each of its symbols is used mostly by one boundary: summed over its
// symbols, the references from the boundary using each symbol most make
// up at least GodPurity of all references from boundaries (a logger, an
// errors or a database helper package is used by everyone alike and stays
// well below), and the symbols of at least two boundaries make parts that
// count (see SplitMinShare). A god package is split: each symbol whose
// biggest user holds more than HomeShare of the references to it joins
// that boundary. References from another shared symbol count for that
// symbol's boundary, or against any boundary while it has none; those
// from entry points do not count. The other symbols, and all the symbols
// of a shared package that is not a god package, stay shared.
const (
	GodPurity = 0.75
	HomeShare = 0.5

	homeRounds = 10
)

// pkgPart is the share of one package's symbols carrying one label.
type pkgPart struct {
	label   int
	symbols []analyze.SymID
	lines   int
	types   int
}

// partsOf groups a package's symbols by label: the biggest part (most
// lines, then most symbols, then the lowest label) first.
func partsOf(g *analyze.Graph, p *analyze.Package, label []int) []pkgPart {
	byLabel := map[int]*pkgPart{}
	var order []int
	for _, id := range p.Symbols {
		l := label[id]
		pt := byLabel[l]
		if pt == nil {
			pt = &pkgPart{label: l}
			byLabel[l] = pt
			order = append(order, l)
		}
		s := g.Symbols[id]
		pt.symbols = append(pt.symbols, id)
		pt.lines += s.Lines
		if s.Kind == analyze.KindType {
			pt.types++
		}
	}
	out := make([]pkgPart, 0, len(order))
	for _, l := range order {
		out = append(out, *byLabel[l])
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.lines != b.lines {
			return a.lines > b.lines
		}
		if len(a.symbols) != len(b.symbols) {
			return len(a.symbols) > len(b.symbols)
		}
		return a.label < b.label
	})
	return out
}

// significant reports whether a part is big enough to count (see
// SplitMinShare) among all the parts of its package.
func (pt pkgPart) significant(_ *analyze.Package, all []pkgPart) bool {
	total := 0
	for _, x := range all {
		total += x.lines
	}
	share := float64(pt.lines) / float64(max(total, 1))
	if share < SplitMinShare || pt.lines < SplitMinLines {
		return false
	}
	return pt.types > 0 || len(pt.symbols) >= SplitMinSymbols || share >= SplitBigShare
}

// attachShared splits the god packages of the shared kernel: their
// symbols join the boundaries that use them (see GodPurity).
func (sp *symbolProposal) attachShared() {
	g := sp.g
	isShared := func(id int32) bool { return sp.roles[g.Symbols[id].Package] == RoleShared }
	isService := func(id int32) bool { return sp.roles[g.Symbols[id].Package] == RoleService }

	home := make([]int, len(g.Symbols))
	for i := range home {
		home[i] = -1
	}
	var direct []map[int]float64 // round 0: references from the boundaries only
	for round := 0; round < homeRounds; round++ {
		use := make([]map[int]float64, len(g.Symbols))
		kernel := make([]float64, len(g.Symbols))
		add := func(id int32, l int, w float64) {
			if l < 0 {
				kernel[id] += w
				return
			}
			if use[id] == nil {
				use[id] = map[int]float64{}
			}
			use[id][l] += w
		}
		for _, e := range g.SymEdges {
			switch {
			case isShared(e.To) && isService(e.From):
				add(e.To, sp.label[e.From], e.Weight)
			case isShared(e.To) && isShared(e.From):
				add(e.To, home[e.From], e.Weight)
			case isShared(e.From) && isService(e.To):
				add(e.From, sp.label[e.To], e.Weight)
			}
		}
		if round == 0 {
			direct = use
		}
		next := make([]int, len(g.Symbols))
		changed := false
		for _, s := range g.Symbols {
			next[s.ID] = -1
			if isShared(int32(s.ID)) {
				next[s.ID] = homeOf(use[s.ID], kernel[s.ID])
			}
			changed = changed || next[s.ID] != home[s.ID]
		}
		home = next
		if !changed {
			break
		}
	}

	for _, p := range g.Packages {
		if sp.roles[p.ID] != RoleShared || len(p.Symbols) == 0 || purity(p, direct) < GodPurity {
			continue
		}
		parts := partsOf(g, p, home)
		homes := 0
		for _, pt := range parts {
			if pt.label >= 0 && pt.significant(p, parts) {
				homes++
			}
		}
		if homes < 2 {
			continue
		}
		for _, pt := range parts {
			if pt.label >= 0 && pt.significant(p, parts) {
				for _, id := range pt.symbols {
					sp.label[id] = pt.label
				}
			}
		}
	}
}

// purity is the share of the references from boundaries to a package's
// symbols that come, symbol by symbol, from the boundary using the symbol
// most: 1 when every symbol has a single user.
func purity(p *analyze.Package, use []map[int]float64) float64 {
	var top, total float64
	for _, id := range p.Symbols {
		_, w, t := topUser(use[id])
		top += w
		total += t
	}
	if total == 0 {
		return 0
	}
	return top / total
}

// homeOf returns the boundary label that holds more than HomeShare of the
// references to a shared symbol, or -1; kernel is the weight of the
// references from shared symbols without a boundary.
func homeOf(use map[int]float64, kernel float64) int {
	top, topW, total := topUser(use)
	total += kernel
	if top < 0 || topW <= HomeShare*total {
		return -1
	}
	return top
}

// topUser returns the label with the most weight, its weight and the
// total weight; -1 when there is none.
func topUser(use map[int]float64) (int, float64, float64) {
	labels := make([]int, 0, len(use))
	for l := range use {
		labels = append(labels, l)
	}
	sort.Ints(labels) // a fixed order: float sums depend on it
	top, topW, total := -1, 0.0, 0.0
	for _, l := range labels {
		w := use[l]
		total += w
		if w > topW {
			top, topW = l, w
		}
	}
	return top, topW, total
}

// splits lists the packages whose symbols are in more than one place
// (boundaries, or a boundary and the shared kernel).
func splits(g *analyze.Graph, m *Model, symOf []int, roles []Role) []Split {
	var out []Split
	for _, p := range g.Packages {
		if roles[p.ID] == RoleEntrypoint || len(p.Symbols) == 0 {
			continue
		}
		parts := partsOf(g, p, symOf)
		if len(parts) < 2 {
			continue
		}
		s := Split{Package: p.Path}
		for _, pt := range parts {
			var names []string
			for _, id := range pt.symbols {
				names = append(names, g.Symbols[id].Name)
			}
			sort.Strings(names)
			if pt.label < 0 {
				s.Shared = names
				continue
			}
			s.Parts = append(s.Parts, SplitPart{Boundary: m.Boundaries[pt.label].Name, Symbols: names, Lines: pt.lines})
		}
		out = append(out, s)
	}
	return out
}
