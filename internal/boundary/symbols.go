package boundary

import (
	"fmt"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// The tie between a symbol and its package. In the symbol graph every
// package has a hub node, tied to each of its symbols: the prior that a
// package's symbols belong together. The tie is PackageHold times the
// sum of the symbol's affinities to other symbols, and at least
// PackageTie (one plain reference), so that a symbol leaves its package
// only when about three quarters of its links point into one other
// boundary: a type that merely calls much of another boundary's API
// stays home.
const (
	PackageTie  = 1.0
	PackageHold = 0.5
)

// proposeSymbols is Propose at symbol level. It refines the package-level
// proposal: the roles (shared kernel, entry points) and the boundaries
// found there are kept, each package's hub node pinned to its boundary,
// while the symbols of the service packages are free to follow their
// references (see PackageHold); symbols that group apart from every hub
// join the boundary they are closest to. Small
// fragments stay with their packages (see SplitMinShare), the symbols of
// the shared kernel join the boundary that uses them (see GodPurity), and
// the god packages whose symbols go to several boundaries are split.
func proposeSymbols(g *analyze.Graph, opts Options) (*Model, error) {
	if opts.Cluster.Algorithm == cluster.Louvain {
		return nil, fmt.Errorf("level symbol needs the leiden algorithm: it keeps the package-level boundaries fixed, which gonum's Louvain cannot")
	}
	popts := opts
	popts.Level = "package"
	pm, err := Propose(g, popts)
	if err != nil {
		return nil, err
	}
	sp := &symbolProposal{g: g, roles: make([]Role, len(g.Packages)), pkgBoundary: make([]int, len(g.Packages))}
	why := map[analyze.PkgID]SharedPackage{}
	for i := range sp.pkgBoundary {
		sp.pkgBoundary[i] = -1
	}
	for bi, b := range pm.Boundaries {
		for _, path := range b.Packages {
			sp.pkgBoundary[g.Package(path).ID] = bi
		}
	}
	for _, s := range pm.Shared {
		id := g.Package(s.Package).ID
		sp.roles[id] = RoleShared
		why[id] = s
	}
	for _, path := range pm.Entrypoints {
		sp.roles[g.Package(path).ID] = RoleEntrypoint
	}
	// The symbols are clustered at the resolution the packages were
	// (chosen automatically or not) around the fixed package boundaries.
	sopts := opts.Cluster
	sopts.AutoResolution, sopts.Resolution = false, pm.Metrics.Resolution
	part, err := sp.cluster(sopts)
	if err != nil {
		return nil, err
	}
	sp.labelCommunities(part)
	sp.foldServicePackages()
	sp.attachShared()
	m := sp.model(why)
	keepApartNotes(pm, m)

	// Modularity of the final assignment over the clustered graph: a hub
	// node takes its package's boundary.
	of := make([]int, sp.cg.Len())
	for _, s := range g.Symbols {
		if n := sp.node[s.ID]; n >= 0 {
			of[n] = sp.symOf[s.ID]
		}
	}
	for _, p := range g.Packages {
		if h := sp.hub[p.ID]; h >= 0 {
			of[h] = sp.pkgOf[p.ID]
		}
	}
	m.Metrics = baseMetrics(m, cluster.Modularity(sp.cg, of, part.Resolution), part.Resolution, opts.Cluster)
	// How the package boundaries were found, and how sure the runs were
	// of them, carry over: the symbols only refine them.
	m.Metrics.AutoResolution, m.Metrics.Stability, m.Metrics.Firm = pm.Metrics.AutoResolution, pm.Metrics.Stability, pm.Metrics.Firm
	m.Metrics.Runs, m.Metrics.Agreement, m.Undecided = pm.Metrics.Runs, pm.Metrics.Agreement, pm.Undecided
	tableOwnership(g, m, sp.symOf)
	measurePackages(g, m, sp.pkgOf)
	m.Stats = stats(g)
	m.Problems = pm.Problems
	return m, nil
}

// keepApartNotes carries the package level's "kept apart" notes over to
// the symbol-level boundaries of the same names.
func keepApartNotes(pm, m *Model) {
	names := map[string]bool{}
	for _, b := range m.Boundaries {
		names[b.Name] = true
	}
	from := map[string]*Boundary{}
	for _, b := range pm.Boundaries {
		if b.KeptApartFrom != "" && names[b.KeptApartFrom] {
			from[b.Name] = b
		}
	}
	for _, b := range m.Boundaries {
		if p := from[b.Name]; p != nil {
			b.KeptApartFrom, b.KeptApartWhy = p.KeptApartFrom, p.KeptApartWhy
		}
	}
}

// symbolProposal is the state of a symbol-level proposal.
type symbolProposal struct {
	g     *analyze.Graph
	roles []Role
	// pkgBoundary is each package's boundary in the package-level
	// proposal, -1 outside the services.
	pkgBoundary []int

	cg   *cluster.Graph
	node []int // per symbol: its node in cg, -1 outside the service packages
	hub  []int // per package: its hub node in cg, -1 when it has none

	// label is each symbol's boundary label, -1 for the shared kernel and
	// the entry points: the package-level boundary index, or a fresh
	// label for a community of free symbols.
	label []int
	// mainOf is each service package's main label (most lines).
	mainOf []int

	// Filled by model: boundary of each symbol and of each package (-1:
	// none), in Model.Boundaries order.
	symOf, pkgOf []int
}

// cluster builds the symbol graph of the service packages, with one hub
// node per package pinned to the package's boundary, and clusters it.
func (sp *symbolProposal) cluster(opts cluster.Options) (*cluster.Partition, error) {
	g := sp.g
	sp.node = make([]int, len(g.Symbols))
	n := 0
	for _, s := range g.Symbols {
		sp.node[s.ID] = -1
		if sp.roles[s.Package] == RoleService {
			sp.node[s.ID] = n
			n++
		}
	}
	sp.hub = make([]int, len(g.Packages))
	opts.Fixed = map[int]int{}
	for _, p := range g.Packages {
		sp.hub[p.ID] = -1
		if sp.roles[p.ID] == RoleService && len(p.Symbols) > 0 {
			sp.hub[p.ID] = n
			opts.Fixed[n] = sp.pkgBoundary[p.ID]
			n++
		}
	}
	sp.cg = cluster.NewGraph(n)
	for _, e := range g.SymEdges {
		u, v := sp.node[e.From], sp.node[e.To]
		if u < 0 || v < 0 {
			continue
		}
		sp.cg.Add(u, v, affinity(e))
	}
	addSymbolTableAffinity(g, sp.cg, sp.node, sp.roles)
	degree := make([]float64, n)
	for _, e := range sp.cg.Edges() {
		degree[e.U] += e.Weight
		degree[e.V] += e.Weight
	}
	for _, s := range g.Symbols {
		if u := sp.node[s.ID]; u >= 0 {
			sp.cg.Add(u, sp.hub[s.Package], max(PackageTie, PackageHold*degree[u]))
		}
	}
	return cluster.Cluster(sp.cg, opts)
}

// labelCommunities labels every service symbol with the boundary of the
// pinned hubs in its community. A community without a hub (symbols that
// hold together but apart from their packages) joins the boundary it has
// the most affinity with, so that the symbol level moves symbols between
// the boundaries of the package level rather than inventing boundaries
// that own no package; one linked to nothing keeps its symbols'
// package-level boundaries.
func (sp *symbolProposal) labelCommunities(part *cluster.Partition) {
	g := sp.g
	labelOf := map[int]int{}
	for _, p := range g.Packages {
		if h := sp.hub[p.ID]; h >= 0 {
			labelOf[part.Of[h]] = sp.pkgBoundary[p.ID]
		}
	}
	edges := sp.cg.Edges()
	for {
		// Affinity of each unlabelled community to each labelled one.
		pull := map[int]map[int]float64{}
		add := func(c, other int, w float64) {
			if _, free := labelOf[c]; free {
				return
			}
			l, ok := labelOf[other]
			if !ok {
				return
			}
			if pull[c] == nil {
				pull[c] = map[int]float64{}
			}
			pull[c][l] += w
		}
		for _, e := range edges {
			cu, cv := part.Of[e.U], part.Of[e.V]
			if cu != cv {
				add(cu, cv, e.Weight)
				add(cv, cu, e.Weight)
			}
		}
		if len(pull) == 0 {
			break
		}
		for c, ws := range pull {
			best, _, _ := topUser(ws)
			labelOf[c] = best
		}
	}
	sp.label = make([]int, len(g.Symbols))
	for _, s := range g.Symbols {
		sp.label[s.ID] = -1
		n := sp.node[s.ID]
		if n < 0 {
			continue
		}
		l, ok := labelOf[part.Of[n]]
		if !ok {
			l = sp.pkgBoundary[s.Package]
		}
		sp.label[s.ID] = l
	}
}

// foldServicePackages keeps the fragments of each service package that
// are too small to count as a part (see significant) with the package's
// main part, and records the main label of every service package.
func (sp *symbolProposal) foldServicePackages() {
	g := sp.g
	sp.mainOf = make([]int, len(g.Packages))
	for _, p := range g.Packages {
		sp.mainOf[p.ID] = -1
		if sp.roles[p.ID] != RoleService {
			continue
		}
		if len(p.Symbols) == 0 {
			sp.mainOf[p.ID] = sp.pkgBoundary[p.ID]
			continue
		}
		parts := partsOf(g, p, sp.label)
		main := parts[0].label
		sp.mainOf[p.ID] = main
		for _, pt := range parts[1:] {
			if !pt.significant(p, parts) {
				for _, id := range pt.symbols {
					sp.label[id] = main
				}
			}
		}
	}
}

// model turns the final labels into the Model: boundaries (biggest
// first), the package each belongs to, the splits, names, and everything
// connect computes.
func (sp *symbolProposal) model(why map[analyze.PkgID]SharedPackage) *Model {
	g := sp.g
	m := &Model{Module: g.Module, Root: g.Root, Level: "symbol"}

	// The boundary of each package: for a service package the label
	// holding most of its lines; a shared package stays in the shared
	// kernel even when it is split, until someone splits it.
	pkgLabel := make([]int, len(g.Packages))
	for _, p := range g.Packages {
		pkgLabel[p.ID] = -1
		switch sp.roles[p.ID] {
		case RoleService:
			pkgLabel[p.ID] = sp.mainOf[p.ID]
		}
	}

	// Boundaries: every label some symbol or package has.
	type group struct {
		label    int
		pkgs     []analyze.PkgID
		syms     []analyze.SymID
		lines    int
		first    string
		nameRefs map[analyze.PkgID]int // lines per package, for naming
	}
	groups := map[int]*group{}
	get := func(l int) *group {
		gr := groups[l]
		if gr == nil {
			gr = &group{label: l, nameRefs: map[analyze.PkgID]int{}}
			groups[l] = gr
		}
		return gr
	}
	for _, s := range g.Symbols {
		if l := sp.label[s.ID]; l >= 0 {
			gr := get(l)
			gr.syms = append(gr.syms, s.ID)
			gr.lines += s.Lines
			gr.nameRefs[s.Package] += 1 + s.Lines
		}
	}
	for _, p := range g.Packages {
		if l := pkgLabel[p.ID]; l >= 0 {
			gr := get(l)
			gr.pkgs = append(gr.pkgs, p.ID)
			gr.lines += p.Lines - symbolLines(g, p)
			gr.nameRefs[p.ID]++
		}
	}
	list := make([]*group, 0, len(groups))
	for _, gr := range groups {
		if len(gr.syms) > 0 {
			gr.first = g.SymbolName(gr.syms[0])
		} else {
			gr.first = g.Packages[gr.pkgs[0]].Path
		}
		list = append(list, gr)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].lines != list[j].lines {
			return list[i].lines > list[j].lines
		}
		return list[i].first < list[j].first
	})
	index := map[int]int{}
	weights := make([]map[string]int, len(list))
	for bi, gr := range list {
		index[gr.label] = bi
		b := &Boundary{Lines: gr.lines}
		for _, id := range gr.pkgs {
			b.Packages = append(b.Packages, g.Packages[id].Path)
			b.Files += len(g.Packages[id].Files)
		}
		for _, id := range gr.syms {
			b.Symbols = append(b.Symbols, g.SymbolName(id))
		}
		sort.Strings(b.Packages)
		sort.Strings(b.Symbols)
		weights[bi] = map[string]int{}
		for id, n := range gr.nameRefs {
			weights[bi][g.Packages[id].Path] = n
		}
		m.Boundaries = append(m.Boundaries, b)
	}
	nameBoundariesBy(g, m.Boundaries, weights)

	sp.symOf = make([]int, len(g.Symbols))
	for _, s := range g.Symbols {
		sp.symOf[s.ID] = -1
		if l := sp.label[s.ID]; l >= 0 {
			sp.symOf[s.ID] = index[l]
		}
	}
	sp.pkgOf = make([]int, len(g.Packages))
	for _, p := range g.Packages {
		sp.pkgOf[p.ID] = -1
		if l := pkgLabel[p.ID]; l >= 0 {
			sp.pkgOf[p.ID] = index[l]
		}
	}

	m.Splits = splits(g, m, sp.symOf, sp.roles)
	split := map[string]*Split{}
	for i := range m.Splits {
		split[m.Splits[i].Package] = &m.Splits[i]
	}
	for _, p := range g.Packages {
		switch sp.roles[p.ID] {
		case RoleShared:
			s := why[p.ID]
			if sl := split[p.Path]; sl != nil {
				s.Reason = "god package, to split: " + splitSummary(sl)
			}
			m.Shared = append(m.Shared, s)
		case RoleEntrypoint:
			m.Entrypoints = append(m.Entrypoints, p.Path)
		}
	}
	connect(g, m, sp.symOf)
	m.Cycles = cycles(m)
	m.Order = extractionOrder(m)
	return m
}

// splitSummary says where a split package's symbols went, for the shared
// kernel's reason: "7 symbols to orders, 3 to billing".
func splitSummary(s *Split) string {
	var parts []string
	for i, p := range s.Parts {
		unit := ""
		if i == 0 {
			unit = " symbols"
			if len(p.Symbols) == 1 {
				unit = " symbol"
			}
		}
		parts = append(parts, fmt.Sprintf("%d%s to %s", len(p.Symbols), unit, p.Boundary))
	}
	return strings.Join(parts, ", ")
}

// symbolLines is the number of lines of a package's declarations.
func symbolLines(g *analyze.Graph, p *analyze.Package) int {
	n := 0
	for _, id := range p.Symbols {
		n += g.Symbols[id].Lines
	}
	return n
}
