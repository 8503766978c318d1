package boundary

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// ViolationKind names the rule a violation breaks.
type ViolationKind string

// The rules of a spec.
const (
	// KindImport: a package imports a package of another context that
	// is not in that context's api.
	KindImport ViolationKind = "import"
	// KindDependency: a context imports a context its depends_on does
	// not list.
	KindDependency ViolationKind = "dependency"
	// KindTable: code reads or writes a table another context owns.
	KindTable ViolationKind = "table"
	// KindUnassigned: a package no entry of the spec matches.
	KindUnassigned ViolationKind = "unassigned"
	// KindCycle: with acyclic: true, an import between contexts that
	// depend on each other (one that no other rule caught).
	KindCycle ViolationKind = "cycle"
)

// ViolationKinds lists the kinds in the order reports explain them.
var ViolationKinds = []ViolationKind{KindImport, KindDependency, KindTable, KindUnassigned, KindCycle}

// Violation is one place where the code breaks the spec.
type Violation struct {
	Kind ViolationKind
	// From is the context of the offending code ("" for the shared
	// kernel or an unassigned package); To the context it reaches into.
	From, To string
	// Package is the import path of the offending code's package.
	Package string
	// Target is what it reaches: an import path, or a table name.
	Target string
	// File (module-root-relative, slash-separated) and Line locate the
	// import, the SQL call, or (unassigned) the package clause.
	File string
	Line int
	// Message says what is wrong and what the spec allows.
	Message string
}

// CheckResult is the outcome of checking code against a spec.
type CheckResult struct {
	Module string
	// Spec names the spec file as the user would type it.
	Spec string
	// SpecRel and BaselineRel are the spec's and the baseline's paths
	// relative to the module root, slash-separated ("" when unknown), for
	// formats that locate files in the repository.
	SpecRel, BaselineRel string
	// Contexts are the spec's context names, in spec order.
	Contexts []string
	// Packages is the number of packages checked.
	Packages int
	// Violations are the violations not in the baseline, sorted by
	// file, line and kind.
	Violations []Violation
	// Baselined counts the violations the baseline accepts.
	Baselined int
	// Stale lists baseline entries that no longer occur (fully or in
	// part).
	Stale []BaselineEntry
	// Warnings are remarks on the spec that do not stop the check, such
	// as patterns that match no package.
	Warnings []SpecIssue
	// Problems are the packages that did not load cleanly.
	Problems []Problem
}

// CheckOptions narrow a check.
type CheckOptions struct {
	// Only, when not nil, limits the packages whose code is checked
	// (the command's package arguments). Everything the spec governs is
	// still loaded and placed, so that imports into unlisted packages
	// are judged correctly.
	Only Patterns
}

// Check compares the code in g with the spec and returns the violations.
// Errors in the spec that only the loaded packages reveal (a package
// claimed twice, a pattern outside the module) come back as *SpecError.
func Check(g *analyze.Graph, s *Spec, opts CheckOptions) (*CheckResult, error) {
	place, unused, err := s.Place(g)
	if err != nil {
		return nil, err
	}
	res := &CheckResult{Module: g.Module, Spec: s.File, Contexts: s.ContextNames()}
	if opts.Only == nil {
		res.Warnings = unused
	}
	checked := func(id analyze.PkgID) bool {
		pl := place[id]
		return pl.Governed && !pl.Ignored && (opts.Only == nil || opts.Only.Match(g.Packages[id].Path))
	}
	c := &checker{g: g, s: s, place: place}
	if s.Acyclic {
		c.cycleGraph()
	}
	for _, p := range g.Packages {
		if checked(p.ID) {
			res.Packages++
			if place[p.ID].Unassigned() {
				c.unassigned(p)
			}
		}
	}
	for _, im := range g.Imports {
		if checked(im.From) {
			c.importEdge(im)
		}
	}
	if s.NeedsTables() {
		c.tables(checked)
	}
	sortViolations(c.out)
	res.Violations = c.out
	for _, e := range g.Errors {
		res.Problems = append(res.Problems, Problem{Package: e.Package, Pos: e.Pos, Msg: e.Msg})
	}
	return res, nil
}

type checker struct {
	g     *analyze.Graph
	s     *Spec
	place []Placement
	out   []Violation

	// With acyclic: the imports between contexts, and their cycles.
	edges map[[2]int]int
	adj   [][]int
	comp  []int
}

func (c *checker) name(ctx int) string {
	if ctx < 0 {
		return ""
	}
	return c.s.Contexts[ctx].Name.Value
}

// who names the owner of a package in messages.
func (c *checker) who(id analyze.PkgID) string {
	pl := c.place[id]
	switch {
	case pl.Context >= 0:
		return fmt.Sprintf("%s (context %s)", c.short(c.g.Packages[id].Path), c.name(pl.Context))
	case pl.Shared:
		return fmt.Sprintf("%s (shared kernel)", c.short(c.g.Packages[id].Path))
	}
	return c.short(c.g.Packages[id].Path)
}

// short drops the module path from an import path.
func (c *checker) short(p string) string {
	if r, ok := strings.CutPrefix(p, c.g.Module+"/"); ok {
		return r
	}
	return p
}

func (c *checker) unassigned(p *analyze.Package) {
	file, line := c.packageClause(p)
	c.out = append(c.out, Violation{
		Kind:    KindUnassigned,
		Package: p.Path,
		Target:  p.Path,
		File:    file,
		Line:    line,
		Message: fmt.Sprintf("package %s is in no context, nor shared, nor ignored; add it to the spec so that it is checked", c.short(p.Path)),
	})
}

// packageClause locates a package by the package clause of its first
// non-test file.
func (c *checker) packageClause(p *analyze.Package) (string, int) {
	if len(p.Files) == 0 {
		return p.Dir, 0
	}
	f := c.g.Files[p.Files[0]]
	for _, id := range p.Files {
		if !c.g.Files[id].Test {
			f = c.g.Files[id]
			break
		}
	}
	line := 1
	name := f.Path
	if !filepath.IsAbs(filepath.FromSlash(name)) {
		name = filepath.Join(c.g.Root, filepath.FromSlash(name))
	}
	fset := token.NewFileSet()
	if af, err := parser.ParseFile(fset, name, nil, parser.PackageClauseOnly); err == nil {
		line = fset.Position(af.Package).Line
	}
	return f.Path, line
}

// importEdge judges one import declaration. Each import gets at most one
// violation, the most telling: dependency (the contexts may not be
// linked at all), then import (not through the api), then cycle.
func (c *checker) importEdge(im analyze.Import) {
	from, to := c.place[im.From], c.place[im.To]
	if to.Context < 0 || to.Context == from.Context || to.Ignored {
		return // shared, ignored or unassigned targets, or inside one context
	}
	if from.Context < 0 && !from.Shared {
		return
	}
	fromName, toName := c.name(from.Context), c.name(to.Context)
	target := c.g.Packages[im.To].Path
	v := Violation{
		From:    fromName,
		To:      toName,
		Package: c.g.Packages[im.From].Path,
		Target:  target,
		File:    c.g.Files[im.Pos.File].Path,
		Line:    int(im.Pos.Line),
	}
	if from.Context >= 0 {
		ctx := c.s.Contexts[from.Context]
		if ctx.HasDependsOn && !dependsOn(ctx, toName) {
			v.Kind = KindDependency
			allowed := "no other context (depends_on: [])"
			if len(ctx.DependsOn) > 0 {
				names := make([]string, len(ctx.DependsOn))
				for i, d := range ctx.DependsOn {
					names[i] = d.Value
				}
				allowed = strings.Join(names, ", ") + " only"
			}
			v.Message = fmt.Sprintf("%s imports %s, but %s may depend on %s", c.who(im.From), c.who(im.To), fromName, allowed)
			c.out = append(c.out, v)
			return
		}
	}
	if to.API {
		if from.Context >= 0 {
			c.cycle(im, v, from.Context, to.Context)
		}
		return
	}
	v.Kind = KindImport
	v.Message = fmt.Sprintf("%s imports %s, which is not in %s's api%s", c.who(im.From), c.who(im.To), toName, c.apiHint(to.Context))
	c.out = append(c.out, v)
}

func dependsOn(c *Context, name string) bool {
	for _, d := range c.DependsOn {
		if strings.EqualFold(d.Value, name) {
			return true
		}
	}
	return false
}

// apiHint lists what the context does offer, briefly.
func (c *checker) apiHint(ctx int) string {
	api := c.s.Contexts[ctx].API
	if len(api) == 0 {
		return " (it has none)"
	}
	var texts []string
	for _, p := range api {
		texts = append(texts, p.Text)
	}
	if len(texts) > 3 {
		texts = append(texts[:3], "…")
	}
	return " (" + strings.Join(texts, ", ") + ")"
}

// tables judges the table accesses of the checked context packages. An
// access is the doing of the context whose code makes it; an access made
// outside every context (a shared-kernel store, generated queries, an
// ignored package) is the doing of the contexts that call into it, at
// those calls, as in a proposal. A call into another context's code that
// then reads its own tables is a dependency, judged by the import rules.
func (c *checker) tables(checked func(analyze.PkgID) bool) {
	owner := map[string]int{}
	for ci, ctx := range c.s.Contexts {
		for _, t := range ctx.Tables {
			owner[strings.ToLower(t.Value)] = ci
		}
	}
	ctxOf := func(id analyze.PkgID) int { return c.place[id].Context }
	for _, a := range c.g.Accesses {
		by, ok := accessBy(a, ctxOf)
		if !ok || !checked(a.Package) {
			continue
		}
		o, ok := tableOwner(owner, a.Table)
		if !ok || o == by {
			continue
		}
		msg := fmt.Sprintf("%s %ss table %s, owned by context %s", c.who(a.Package), a.Op, a.Table, c.name(o))
		if a.Through {
			msg += fmt.Sprintf(", through %s (%s)", c.short(c.g.Packages[a.OriginPackage].Path), c.g.PosString(a.Origin))
		}
		c.out = append(c.out, Violation{
			Kind:    KindTable,
			From:    c.name(by),
			To:      c.name(o),
			Package: c.g.Packages[a.Package].Path,
			Target:  a.Table,
			File:    c.g.Files[a.Pos.File].Path,
			Line:    int(a.Pos.Line),
			Message: msg,
		})
	}
}

// accessBy says which context a read or write is the doing of (see
// tables), given the context of each package (negative for none).
func accessBy(a analyze.TableAccess, ctxOf func(analyze.PkgID) int) (int, bool) {
	if a.Op != analyze.Read && a.Op != analyze.Write {
		return 0, false
	}
	by := ctxOf(a.Package)
	if by < 0 || (a.Through && ctxOf(a.OriginPackage) >= 0) {
		return 0, false
	}
	return by, true
}

// tableOwner finds the owner of a table as the code names it. A spec may
// leave out the schema: "invoices" owns "billing.invoices" too, unless
// the spec names that one itself.
func tableOwner(owner map[string]int, table string) (int, bool) {
	t := strings.ToLower(table)
	if o, ok := owner[t]; ok {
		return o, true
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		o, ok := owner[t[i+1:]]
		return o, ok
	}
	return 0, false
}

// cycleGraph finds the dependencies between contexts that lie on a cycle:
// edge[from][to] counts the imports from one to the other, comp labels
// each context with its strongly connected set.
func (c *checker) cycleGraph() {
	n := len(c.s.Contexts)
	c.edges = map[[2]int]int{}
	adj := make([][]int, n)
	for _, im := range c.g.Imports {
		f, t := c.place[im.From], c.place[im.To]
		if f.Context < 0 || t.Context < 0 || f.Context == t.Context || f.Ignored || t.Ignored || !f.Governed {
			continue
		}
		e := [2]int{f.Context, t.Context}
		if c.edges[e] == 0 {
			adj[e[0]] = append(adj[e[0]], e[1])
		}
		c.edges[e]++
	}
	for i := range adj {
		sort.Ints(adj[i])
	}
	c.adj = adj
	c.comp = scc(n, adj)
}

// cycle judges an import that no other rule caught: with acyclic, an
// import between contexts that depend on each other is a violation.
func (c *checker) cycle(im analyze.Import, v Violation, from, to int) {
	if c.comp == nil || c.comp[from] != c.comp[to] {
		return
	}
	back := shortestPath(c.adj, to, from, c.comp)
	names := []string{c.name(from)}
	for _, x := range back {
		names = append(names, c.name(x))
	}
	v.Kind = KindCycle
	n := c.edges[[2]int{from, to}]
	which := fmt.Sprintf("the only import from %s to %s", c.name(from), c.name(to))
	if n > 1 {
		which = fmt.Sprintf("one of %d imports from %s to %s", n, c.name(from), c.name(to))
	}
	v.Message = fmt.Sprintf("%s imports %s, closing a cycle of contexts: %s (%s; acyclic is set)",
		c.who(im.From), c.who(im.To), strings.Join(names, " → "), which)
	c.out = append(c.out, v)
}

// scc labels each node with its strongly connected component (Tarjan).
func scc(n int, adj [][]int) []int {
	index := make([]int, n)
	low := make([]int, n)
	on := make([]bool, n)
	comp := make([]int, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next, label := 0, 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range adj[v] {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp[w] = label
				if w == v {
					break
				}
			}
			label++
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comp
}

// shortestPath returns the nodes after from on a shortest path to to,
// staying inside from's component.
func shortestPath(adj [][]int, from, to int, comp []int) []int {
	prev := map[int]int{from: -1}
	queue := []int{from}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v == to {
			break
		}
		ws := append([]int(nil), adj[v]...)
		sort.Ints(ws)
		for _, w := range ws {
			if _, seen := prev[w]; !seen && comp[w] == comp[from] {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	var path []int
	for v := to; v != from && v >= 0; v = prev[v] {
		path = append([]int{v}, path...)
	}
	return append([]int{from}, path...)
}

func sortViolations(vs []Violation) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Target < b.Target
	})
}
