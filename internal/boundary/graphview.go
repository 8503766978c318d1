package boundary

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// View is a graph ready to be drawn: the nodes of one level (packages,
// symbols or whole boundaries), grouped by the boundary they belong to,
// and the weighted edges between them. Every graph format is rendered
// from a View, so the formats agree on what is drawn; the renderers only
// choose how.
//
// Slices are in a deterministic order: groups as in the Model (biggest
// boundary first), then the shared kernel, then the entry points; nodes by
// group, package and name; edges by (From, To), reference edges before
// table edges.
type View struct {
	Module string
	// Level is "package", "symbol" or "boundary".
	Level string
	// Source says where the boundaries come from: "proposal", or the
	// name of the spec file they were read from.
	Source string
	// Focus is the boundary the view is narrowed to ("" for all).
	Focus string

	// Nested is true when the groups are drawn as boxes around their
	// nodes (package and symbol level); at boundary level every group is
	// one node and is drawn as that node.
	Nested bool

	Groups []ViewGroup
	Nodes  []ViewNode
	Edges  []ViewEdge
}

// The roles of view nodes and groups, as the JSON graph names them.
const (
	ViewService    = "service"
	ViewShared     = "shared"
	ViewEntrypoint = "entrypoint"
)

// Names of the groups that are not boundaries.
const (
	SharedGroupName     = "shared kernel"
	EntrypointGroupName = "entry points"
)

// ViewGroup is a boundary, the shared kernel, or the entry points.
type ViewGroup struct {
	Name string
	Role string // ViewService, ViewShared or ViewEntrypoint
	// Color is the boundary's position in the Model, which gives it the
	// same colour in every view of the same proposal (focused or not);
	// -1 for the shared kernel and the entry points.
	Color int
	// Packages are the group's packages in the view, each with its nodes
	// (indices into View.Nodes). At package level each package holds its
	// own node; at symbol level its symbols; at boundary level the
	// packages hold no nodes and Node is the group's node (-1 otherwise).
	Packages []ViewPackage
	Node     int
}

// ViewPackage is one package of a group and its nodes in the view.
type ViewPackage struct {
	Path  string // import path
	Label string // module-relative path
	Nodes []int
}

// ViewNode is one drawn unit.
type ViewNode struct {
	// ID is stable and unique within the view: the import path of a
	// package, "import/path.Name" for a symbol, the name of a boundary.
	ID string
	// Label is the short name to show: module-relative path, symbol name,
	// boundary name.
	Label string
	// Detail is a second line or tooltip: a symbol's signature, a
	// boundary's size.
	Detail string
	Group  int    // index into View.Groups
	Role   string // the group's role
	// Package is the node's import path; "" at boundary level.
	Package string
	// Kind is package; type, func, var, const or init (symbols);
	// boundary, shared or entrypoint (boundary level).
	Kind  string
	Lines int
}

// ViewEdge is a weighted, directed reference between two nodes, or an
// undirected table-sharing link between two boundaries.
type ViewEdge struct {
	From, To int // indices into View.Nodes
	Refs     int
	Weight   float64
	// Tables, when not empty, makes this a table-sharing edge: From uses
	// these tables, which To owns. It carries no references.
	Tables []string
	// Cycle is true for a reference between two boundaries of the same
	// cycle (boundary level): one of those must be broken before either
	// can be extracted.
	Cycle bool
}

// IsTable reports whether e links two boundaries that share tables.
func (e ViewEdge) IsTable() bool { return len(e.Tables) > 0 }

// ViewOptions say what to draw.
type ViewOptions struct {
	// Level is "package" (default), "symbol" or "boundary".
	Level string
	// Focus narrows the view to one boundary and its direct neighbours.
	Focus string
	// Source is recorded in the View ("" means "proposal").
	Source string
}

// NewView builds the view of m at the requested level from the graph it
// was made from.
func NewView(g *analyze.Graph, m *Model, opts ViewOptions) (*View, error) {
	if opts.Level == "" {
		opts.Level = "package"
	}
	if opts.Source == "" {
		opts.Source = "proposal"
	}
	a := newAssignment(g, m)
	if opts.Focus != "" && !a.hasBoundary(opts.Focus) {
		return nil, fmt.Errorf("--focus %q: no such boundary (there are %s)", opts.Focus, strings.Join(a.boundaryNames(), ", "))
	}
	var v *View
	switch opts.Level {
	case "package":
		v = a.packageView()
	case "symbol":
		v = a.symbolView()
	case "boundary":
		v = a.boundaryView()
	default:
		return nil, fmt.Errorf("level %q: want package, symbol or boundary", opts.Level)
	}
	v.Module, v.Level, v.Source = g.Module, opts.Level, opts.Source
	v.dropEmptyGroups()
	if opts.Focus != "" {
		v = v.focus(opts.Focus)
	}
	return v, nil
}

// assignment places every package of the graph in a view group.
type assignment struct {
	g      *analyze.Graph
	m      *Model
	groups []ViewGroup    // all groups, in view order
	of     []int          // group of each package (-1: not in the model)
	byName map[string]int // boundary name to group
}

func newAssignment(g *analyze.Graph, m *Model) *assignment {
	a := &assignment{g: g, m: m, of: make([]int, len(g.Packages)), byName: map[string]int{}}
	for i := range a.of {
		a.of[i] = -1
	}
	place := func(path string, gi int) {
		if p := g.Package(path); p != nil {
			a.of[p.ID] = gi
		}
	}
	for i, b := range m.Boundaries {
		a.byName[b.Name] = len(a.groups)
		a.groups = append(a.groups, ViewGroup{Name: b.Name, Role: ViewService, Color: i})
		for _, p := range b.Packages {
			place(p, i)
		}
	}
	if len(m.Shared) > 0 {
		gi := len(a.groups)
		a.groups = append(a.groups, ViewGroup{Name: SharedGroupName, Role: ViewShared, Color: -1})
		for _, s := range m.Shared {
			place(s.Package, gi)
		}
	}
	if len(m.Entrypoints) > 0 {
		gi := len(a.groups)
		a.groups = append(a.groups, ViewGroup{Name: EntrypointGroupName, Role: ViewEntrypoint, Color: -1})
		for _, p := range m.Entrypoints {
			place(p, gi)
		}
	}
	return a
}

func (a *assignment) hasBoundary(name string) bool {
	gi, ok := a.byName[name]
	return ok && a.groups[gi].Role == ViewService
}

func (a *assignment) boundaryNames() []string {
	var names []string
	for _, b := range a.m.Boundaries {
		names = append(names, b.Name)
	}
	return names
}

// packagesByGroup lists the packages of the model in view order: by
// group, then by import path.
func (a *assignment) packagesByGroup() []*analyze.Package {
	var pkgs []*analyze.Package
	for _, p := range a.g.Packages {
		if a.of[p.ID] >= 0 {
			pkgs = append(pkgs, p)
		}
	}
	sort.SliceStable(pkgs, func(i, j int) bool { return a.of[pkgs[i].ID] < a.of[pkgs[j].ID] })
	return pkgs
}

// newView returns an empty view with a copy of the groups.
func (a *assignment) newView(nested bool) *View {
	v := &View{Nested: nested, Groups: make([]ViewGroup, len(a.groups))}
	copy(v.Groups, a.groups)
	for gi := range v.Groups {
		v.Groups[gi].Node = -1
	}
	return v
}

// addPackage appends a package to its group and returns its index there.
func (v *View) addPackage(gi int, p *analyze.Package, module string) int {
	v.Groups[gi].Packages = append(v.Groups[gi].Packages, ViewPackage{Path: p.Path, Label: relPath(module, p.Path)})
	return len(v.Groups[gi].Packages) - 1
}

func (v *View) addNode(n ViewNode, pkg int) int {
	id := len(v.Nodes)
	v.Nodes = append(v.Nodes, n)
	if pkg >= 0 {
		ps := v.Groups[n.Group].Packages
		ps[pkg].Nodes = append(ps[pkg].Nodes, id)
	}
	return id
}

// packageView: one node per package, edges from the package references.
func (a *assignment) packageView() *View {
	v := a.newView(true)
	node := make([]int, len(a.g.Packages))
	for i := range node {
		node[i] = -1
	}
	for _, p := range a.packagesByGroup() {
		gi := a.of[p.ID]
		pi := v.addPackage(gi, p, a.g.Module)
		node[p.ID] = v.addNode(ViewNode{
			ID: p.Path, Label: relPath(a.g.Module, p.Path), Group: gi, Role: a.groups[gi].Role,
			Package: p.Path, Kind: "package", Lines: p.Lines,
		}, pi)
	}
	for _, e := range a.g.PkgEdges {
		v.addEdge(node[e.From], node[e.To], e)
	}
	v.sortEdges()
	return v
}

// addEdge adds a reference between two nodes of a package or symbol view.
// References to the shared kernel and from the entry points are left
// out: every package may use the kernel and the entry points use
// everything, so their lines would bury the ones that matter (the
// boundary level counts them).
func (v *View) addEdge(f, t int, e analyze.Edge) {
	if f < 0 || t < 0 || f == t || v.Nodes[f].Role != ViewService || v.Nodes[t].Role != ViewService {
		return
	}
	v.Edges = append(v.Edges, ViewEdge{From: f, To: t, Refs: e.Refs, Weight: e.Weight})
}

// symbolView: one node per symbol, grouped by package inside its group.
// A symbol is in the boundary that lists it (symbol-level proposals) and
// otherwise in its package's group.
func (a *assignment) symbolView() *View {
	v := a.newView(true)
	of := a.symbolGroups()
	type unit struct {
		group int
		id    analyze.SymID
	}
	var units []unit
	for _, s := range a.g.Symbols {
		if of[s.ID] >= 0 {
			units = append(units, unit{of[s.ID], s.ID})
		}
	}
	// Symbols are in package then name order already.
	sort.SliceStable(units, func(i, j int) bool { return units[i].group < units[j].group })
	node := make([]int, len(a.g.Symbols))
	for i := range node {
		node[i] = -1
	}
	lastGroup, lastPkg, pi := -1, analyze.PkgID(-1), -1
	for _, u := range units {
		s := a.g.Symbols[u.id]
		p := a.g.Packages[s.Package]
		if u.group != lastGroup || s.Package != lastPkg {
			pi = v.addPackage(u.group, p, a.g.Module)
			lastGroup, lastPkg = u.group, s.Package
		}
		node[u.id] = v.addNode(ViewNode{
			ID: a.g.SymbolName(u.id), Label: s.Name, Detail: s.Sig, Group: u.group, Role: a.groups[u.group].Role,
			Package: p.Path, Kind: s.Kind.String(), Lines: s.Lines,
		}, pi)
	}
	for _, e := range a.g.SymEdges {
		v.addEdge(node[e.From], node[e.To], e)
	}
	v.sortEdges()
	return v
}

// symbolGroups returns the group of each symbol (-1: not in the model).
func (a *assignment) symbolGroups() []int {
	of := make([]int, len(a.g.Symbols))
	for _, s := range a.g.Symbols {
		of[s.ID] = a.of[s.Package]
	}
	index := map[string]analyze.SymID{}
	for _, s := range a.g.Symbols {
		index[a.g.SymbolName(s.ID)] = s.ID
	}
	for _, b := range a.m.Boundaries {
		gi := a.byName[b.Name]
		for _, name := range b.Symbols {
			if id, ok := index[name]; ok {
				of[id] = gi
			}
		}
	}
	if gi, ok := a.sharedGroup(); ok {
		for _, sp := range a.m.Splits {
			for _, name := range sp.Shared {
				if id, ok := index[sp.Package+"."+name]; ok {
					of[id] = gi
				}
			}
		}
	}
	return of
}

// sharedGroup returns the index of the shared kernel's group.
func (a *assignment) sharedGroup() (int, bool) {
	for gi, gr := range a.groups {
		if gr.Role == ViewShared {
			return gi, true
		}
	}
	return -1, false
}

// boundaryView: one node per group (node i is group i); reference counts
// between groups, and table-sharing links between boundaries that access
// the same tables.
func (a *assignment) boundaryView() *View {
	v := a.newView(false)
	size := make([]struct{ pkgs, lines int }, len(a.groups))
	for _, p := range a.packagesByGroup() {
		gi := a.of[p.ID]
		v.addPackage(gi, p, a.g.Module)
		size[gi].pkgs++
		size[gi].lines += p.Lines
	}
	for gi := range v.Groups {
		kind := "boundary"
		switch v.Groups[gi].Role {
		case ViewShared:
			kind = "shared"
		case ViewEntrypoint:
			kind = "entrypoint"
		}
		v.Groups[gi].Node = v.addNode(ViewNode{
			ID: v.Groups[gi].Name, Label: v.Groups[gi].Name, Group: gi, Role: v.Groups[gi].Role, Kind: kind,
			Detail: fmt.Sprintf("%s · %s lines", countNoun(size[gi].pkgs, "package", "packages"), thousands(size[gi].lines)),
			Lines:  size[gi].lines,
		}, -1)
	}
	type pair struct{ from, to int }
	refs := map[pair]*ViewEdge{}
	for _, e := range a.g.PkgEdges {
		f, t := a.of[e.From], a.of[e.To]
		if f < 0 || t < 0 || f == t {
			continue
		}
		k := pair{f, t}
		if refs[k] == nil {
			refs[k] = &ViewEdge{From: f, To: t}
		}
		refs[k].Refs += e.Refs
		refs[k].Weight += e.Weight
	}
	cycle := map[string]int{}
	for ci, names := range a.m.Cycles {
		for _, n := range names {
			cycle[n] = ci + 1
		}
	}
	for _, e := range refs {
		cf, ct := cycle[v.Groups[e.From].Name], cycle[v.Groups[e.To].Name]
		e.Cycle = cf > 0 && cf == ct && v.Groups[e.From].Role == ViewService && v.Groups[e.To].Role == ViewService
		v.Edges = append(v.Edges, *e)
	}
	v.Edges = append(v.Edges, a.tableEdges()...)
	v.sortEdges()
	return v
}

// tableEdges links each boundary that uses a table another boundary owns
// to the owner (node indices are group indices at boundary level), from
// the Model's table warnings; a table nobody owns links its users in
// pairs. Without table data there are none.
func (a *assignment) tableEdges() []ViewEdge {
	type pair struct{ from, to int }
	shared := map[pair][]string{}
	link := func(from, to string, table string) {
		f, okf := a.byName[from]
		t, okt := a.byName[to]
		if okf && okt && f != t {
			k := pair{f, t}
			shared[k] = append(shared[k], table)
		}
	}
	for _, w := range a.m.TableWarnings {
		if w.Owner != "" {
			for _, b := range w.Boundaries {
				link(b, w.Owner, w.Table)
			}
			continue
		}
		for i, x := range w.Boundaries {
			for _, y := range w.Boundaries[i+1:] {
				link(x, y, w.Table)
			}
		}
	}
	out := make([]ViewEdge, 0, len(shared))
	for k, tables := range shared {
		sort.Strings(tables)
		out = append(out, ViewEdge{From: k.from, To: k.to, Tables: slices.Compact(tables)})
	}
	return out
}

// dropEmptyGroups leaves out the groups with no node (a boundary of
// packages without symbols, at symbol level): nothing to draw, and an
// empty box is noise (or, in Mermaid, a syntax error). The others keep
// their colours.
func (v *View) dropEmptyGroups() {
	newIndex := make([]int, len(v.Groups))
	var kept []ViewGroup
	for gi, gr := range v.Groups {
		newIndex[gi] = len(kept)
		n := gr.Node
		for _, p := range gr.Packages {
			n = max(n, len(p.Nodes)-1)
		}
		if n >= 0 {
			kept = append(kept, gr)
		}
	}
	if len(kept) == len(v.Groups) {
		return
	}
	for i := range v.Nodes {
		v.Nodes[i].Group = newIndex[v.Nodes[i].Group]
	}
	v.Groups = kept
}

func (v *View) sortEdges() {
	sort.Slice(v.Edges, func(i, j int) bool {
		a, b := v.Edges[i], v.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return !a.IsTable() && b.IsTable()
	})
}

// relPath shortens an import path to be module-relative ("." for the
// module's root package).
func relPath(module, path string) string {
	if path == module {
		return "."
	}
	return relTo(module, path)
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands writes n with comma separators: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
