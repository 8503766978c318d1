package analyze

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
)

// Table detection finds the calls into data-access libraries by types: a
// call site is recognised by the function or method it resolves to
// (package path, receiver type, name), never by the names in the source,
// so wrappers, aliases, embedded handles and dot-imports are all seen.
// The libraries and what each contributes are in the manual; this file
// holds what they share: the walk over every call, the SQL helpers found
// on the way, and the attribution of each access to its symbol, and
// through calls to the code that uses a data-access package.

// accessCollector finds the table accesses of the loaded code. It is used
// once, after symbols and references.
type accessCollector struct {
	b       *builder
	dialect sqlscan.Dialect

	funcs map[*types.Func]*funcCtx // module functions and methods with bodies
	sites []*callSite              // every call in module code, in file order

	// callers lists the calls of each module function.
	callers map[*types.Func][]*callSite

	// helpers are module functions that run SQL they are given: a
	// parameter (or text built from parameters) reaches a query. Their
	// callers' arguments are the SQL.
	helpers map[*types.Func][]helperSink

	// assignTo maps a call to the expression its result is assigned to
	// (for prepared statements).
	assignTo map[*ast.CallExpr]ast.Expr
	// prepared maps a variable or field holding a prepared statement to
	// the SQL it was prepared with.
	prepared map[types.Object]*preparedStmt

	pkgVars map[*types.Var]varInit

	sqlcFiles map[FileID]bool
	scans     map[string]scanResult
	naming    ormNaming
	srcCache  map[string]*ast.File

	// squirrelInner marks builder calls that are the receiver of a further
	// builder call, so that a chain is read once, from its outermost call.
	squirrelInner map[*ast.CallExpr]bool
	// visiting are the variables being evaluated, and selfRef those met
	// again inside their own definition (see evalObject).
	visiting, selfRef map[types.Object]bool

	out        []rawAccess
	unresolved []UnresolvedQuery
	calls      int
}

// funcCtx is the code one access is found in: a function or method
// declaration, or a package-level var declaration (obj nil).
type funcCtx struct {
	obj    *types.Func
	node   ast.Node
	info   *types.Info
	tpkg   *types.Package
	file   FileID
	sym    SymID
	pkg    PkgID
	params map[*types.Var]int

	defs map[types.Object][]valueDef // built on first use
}

// callSite is one call in module code.
type callSite struct {
	call   *ast.CallExpr
	callee *types.Func // the generic origin for instantiated functions
	fn     *funcCtx
	pos    Pos
}

type helperSink struct {
	alts []tmpl // SQL in terms of the helper's parameters
	via  string
	key  string
}

type preparedStmt struct {
	site *callSite
	alts []tmpl
	via  string
	used bool
}

type varInit struct {
	expr ast.Expr
	fn   *funcCtx
}

type scanResult struct {
	res sqlscan.Result
	err error
}

// rawAccess is a TableAccess before sorting, with the function making it.
type rawAccess struct {
	TableAccess
	fn *types.Func
}

// collectAccesses finds every table access of the loaded packages and
// stores them, sorted, in the Graph.
func (b *builder) collectAccesses(d sqlscan.Dialect) {
	c := &accessCollector{
		b: b, dialect: d,
		funcs: map[*types.Func]*funcCtx{}, callers: map[*types.Func][]*callSite{},
		helpers: map[*types.Func][]helperSink{}, assignTo: map[*ast.CallExpr]ast.Expr{},
		prepared: map[types.Object]*preparedStmt{}, pkgVars: map[*types.Var]varInit{},
		sqlcFiles: map[FileID]bool{}, scans: map[string]scanResult{}, srcCache: map[string]*ast.File{},
		squirrelInner: map[*ast.CallExpr]bool{}, visiting: map[types.Object]bool{}, selfRef: map[types.Object]bool{},
	}
	detected := c.detectDialect()
	if c.dialect == sqlscan.Unknown {
		c.dialect = detected.dialect
	}
	c.index()
	c.naming = c.detectNaming()

	// Find the SQL helpers: each round may reveal callers that pass
	// their own parameters on; a few rounds reach the fixed point in
	// practice, and the bound keeps pathological code finite.
	for round := 0; round < 8; round++ {
		if !c.pass(false) {
			break
		}
	}
	c.pass(true)
	c.unusedPrepares()
	c.through()
	c.finish(detected)
}

// index records every function, call and package-level var of the module.
func (c *accessCollector) index() {
	b := c.b
	for _, u := range b.units {
		for _, f := range u.files {
			if f.syntax == nil || f.info == nil || f.tpkg == nil {
				continue
			}
			if isSQLCFile(f.syntax) {
				c.sqlcFiles[f.id] = true
			}
			names := b.symByName[f.tpkg.Path()]
			for _, du := range topLevel(f.syntax) {
				sym, ok := names[du.name]
				if !ok {
					continue
				}
				fc := &funcCtx{node: du.node, info: f.info, tpkg: f.tpkg, file: f.id, sym: sym, pkg: u.pkg.ID}
				switch d := du.node.(type) {
				case *ast.FuncDecl:
					if d.Body == nil {
						continue
					}
					fc.obj, _ = f.info.Defs[d.Name].(*types.Func)
					fc.params = paramIndex(f.info, d.Type)
					if fc.obj != nil {
						c.funcs[fc.obj] = fc
					}
				case *ast.GenDecl:
					c.indexVars(d, fc)
				}
				c.indexCalls(fc)
			}
		}
	}
}

func paramIndex(info *types.Info, ft *ast.FuncType) map[*types.Var]int {
	m := map[*types.Var]int{}
	if ft.Params == nil {
		return m
	}
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, n := range field.Names {
			if v, ok := info.Defs[n].(*types.Var); ok {
				m[v] = i
			}
			i++
		}
	}
	return m
}

// indexVars records the initial value of package-level string variables.
func (c *accessCollector) indexVars(d *ast.GenDecl, fc *funcCtx) {
	if d.Tok != token.VAR {
		return
	}
	for _, spec := range d.Specs {
		vs := spec.(*ast.ValueSpec)
		if len(vs.Values) != len(vs.Names) {
			continue
		}
		for i, n := range vs.Names {
			if v, ok := fc.info.Defs[n].(*types.Var); ok {
				c.pkgVars[v] = varInit{expr: vs.Values[i], fn: fc}
			}
		}
	}
}

// indexCalls records the calls in one declaration and what their results
// are assigned to.
func (c *accessCollector) indexCalls(fc *funcCtx) {
	ast.Inspect(fc.node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				call, ok := ast.Unparen(r).(*ast.CallExpr)
				if !ok {
					continue
				}
				switch {
				case len(n.Lhs) == len(n.Rhs):
					c.assignTo[call] = n.Lhs[i]
				case len(n.Rhs) == 1:
					c.assignTo[call] = n.Lhs[0]
				}
			}
		case *ast.CallExpr:
			callee := calleeFunc(fc.info, n)
			if callee == nil {
				return true
			}
			s := &callSite{call: n, callee: callee, fn: fc, pos: c.b.pos(fc.file, callPos(n))}
			c.sites = append(c.sites, s)
			if callee.Pkg() != nil && c.b.symByName[callee.Pkg().Path()] != nil {
				c.callers[callee] = append(c.callers[callee], s)
			}
			if lib := libraryOf(callee); lib == "squirrel" {
				if recv := receiverCall(n); recv != nil {
					if rc := calleeFunc(fc.info, recv); rc != nil && libraryOf(rc) == "squirrel" {
						c.squirrelInner[recv] = true
					}
				}
			}
		}
		return true
	})
}

// calleeFunc resolves the function or method a call invokes, or nil for
// calls of function values, builtins and conversions.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// callPos is where a call is reported: the method name of x.M(...), so
// that a chain spread over lines is reported on the line of its last call.
func callPos(call *ast.CallExpr) token.Pos {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Pos()
	}
	return call.Pos()
}

// receiverCall returns the call x.M(...) is made on, when x is a call.
func receiverCall(call *ast.CallExpr) *ast.CallExpr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	rc, _ := ast.Unparen(sel.X).(*ast.CallExpr)
	return rc
}

// receiverExpr returns x of x.M(...), or nil.
func receiverExpr(call *ast.CallExpr) ast.Expr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return sel.X
}

func isSQLCFile(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		if strings.Contains(cg.Text(), "Code generated by sqlc") {
			return true
		}
	}
	return false
}

// pass handles every call once. Without emit it only looks for new SQL
// helpers and reports whether it found any.
func (c *accessCollector) pass(emit bool) bool {
	before := c.helperCount()
	for _, s := range c.sites {
		c.site(s, emit)
	}
	return c.helperCount() != before
}

func (c *accessCollector) helperCount() int {
	n := 0
	for _, hs := range c.helpers {
		n += len(hs)
	}
	return n
}

// site recognises one call.
func (c *accessCollector) site(s *callSite, emit bool) {
	if hs, ok := c.helpers[s.callee]; ok {
		for _, h := range hs {
			alts := c.substitute(h.alts, s)
			c.sqlAlts(s, alts, h.via, emit)
		}
	}
	switch libraryOf(s.callee) {
	case "database/sql", "sqlx", "pgx":
		c.sqlLibrary(s, emit)
	case "gorm":
		c.gorm(s, emit)
	case "xorm":
		c.xorm(s, emit)
	case "bun":
		c.bun(s, emit)
	case "squirrel":
		if emit {
			c.squirrel(s)
		}
	default:
		if idx, ok := sqlInterfaceMethod(s.callee); ok {
			c.sqlArg(s, idx, interfaceVia(s.callee), emit)
			return
		}
		if emit {
			c.ent(s)
		}
	}
}

// sqlArg handles a call whose argument idx is SQL.
func (c *accessCollector) sqlArg(s *callSite, idx int, via string, emit bool) {
	if idx < 0 || idx >= len(s.call.Args) || s.call.Ellipsis.IsValid() && idx == len(s.call.Args)-1 {
		return
	}
	c.sqlAlts(s, c.eval(s.fn, s.call.Args[idx], 0), via, emit)
}

// sqlAlts handles the possible SQL texts of one call: those still made of
// the enclosing function's parameters make it a helper; the others are
// parsed and become accesses at the call.
func (c *accessCollector) sqlAlts(s *callSite, alts []tmpl, via string, emit bool) {
	if c.sqlcFiles[s.fn.file] {
		via = "sqlc"
	}
	var concrete []tmpl
	for _, t := range alts {
		switch {
		case t.builder():
			// SQL from a query builder, read where it is built.
		case t.hasParam():
			if s.fn.obj != nil {
				c.addHelper(s.fn.obj, t, via)
			}
		default:
			concrete = append(concrete, t)
		}
	}
	if !emit || len(concrete) == 0 {
		return
	}
	c.calls++
	type key struct {
		table string
		op    AccessOp
	}
	seen := map[key]bool{}
	// A text that gives no table is reported only when none of the
	// call's possible texts gives one: the others are variants of it.
	var failed []UnresolvedQuery
	found := false
	for _, t := range concrete {
		sql := t.sql()
		if !t.hasText() {
			failed = append(failed, c.unresolved1(s, via, sql, "the SQL is computed at run time"))
			continue
		}
		r := c.scan(sql)
		if r.err != nil {
			failed = append(failed, c.unresolved1(s, via, sql, r.err.Error()))
			continue
		}
		if len(r.res.Tables) == 0 && t.hasHole() {
			failed = append(failed, c.unresolved1(s, via, sql, "no table in the parts known before run time"))
			continue
		}
		found = true
		for _, tb := range r.res.Tables {
			k := key{tb.Name, opOf(tb.Op)}
			if seen[k] {
				continue
			}
			seen[k] = true
			c.emit(s, tb.Name, k.op, via)
		}
	}
	if !found && len(failed) > 0 {
		c.unresolved = append(c.unresolved, failed[0])
	}
}

func (c *accessCollector) addHelper(fn *types.Func, t tmpl, via string) {
	k := t.key() + "|" + via
	for _, h := range c.helpers[fn] {
		if h.key == k {
			return
		}
	}
	c.helpers[fn] = append(c.helpers[fn], helperSink{alts: []tmpl{t}, via: via, key: k})
}

// opOf reads an unclassified operation as a read.
func opOf(op sqlscan.Op) AccessOp {
	if op == 0 {
		return Read
	}
	return op
}

// scan parses SQL once per distinct text.
func (c *accessCollector) scan(sql string) scanResult {
	if r, ok := c.scans[sql]; ok {
		return r
	}
	res, err := sqlscan.Scan(sql, c.dialect)
	r := scanResult{res: res, err: err}
	c.scans[sql] = r
	return r
}

// emit records one direct access at a call site.
func (c *accessCollector) emit(s *callSite, table string, op AccessOp, via string) {
	if table == "" {
		return
	}
	c.out = append(c.out, rawAccess{
		TableAccess: TableAccess{Table: table, Op: op, Symbol: s.fn.sym, Package: s.fn.pkg, Pos: s.pos, Via: via, Origin: s.pos},
		fn:          s.fn.obj,
	})
}

// unresolve records a query that gave no table.
func (c *accessCollector) unresolve(s *callSite, via, sql, reason string) {
	c.unresolved = append(c.unresolved, c.unresolved1(s, via, sql, reason))
}

func (c *accessCollector) unresolved1(s *callSite, via, sql, reason string) UnresolvedQuery {
	return UnresolvedQuery{Symbol: s.fn.sym, Package: s.fn.pkg, Pos: s.pos, Via: via, SQL: clip(sql), Reason: reason}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, sqlscan.Hole, "…")
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// through attributes each access, as well, to the calls that reach it from
// outside the package that makes it: callers inside that package are
// followed up to the first call from another package. A generic
// data-access package (a "store" used by every context) then shows which
// code really uses which table; the model decides which view counts.
func (c *accessCollector) through() {
	type key struct {
		table string
		op    AccessOp
		pos   Pos
	}
	var extra []rawAccess
	seen := map[key]bool{}
	outside := map[*types.Func][]*callSite{} // per function, the calls reaching it from other packages
	for _, a := range c.out {
		if a.fn == nil {
			continue
		}
		sites, ok := outside[a.fn]
		if !ok {
			sites = c.callsFromOutside(a.fn, a.Package)
			outside[a.fn] = sites
		}
		for _, s := range sites {
			k := key{a.Table, a.Op, s.pos}
			if seen[k] {
				continue
			}
			seen[k] = true
			t := a.TableAccess
			t.Symbol, t.Package, t.Pos, t.Through = s.fn.sym, s.fn.pkg, s.pos, true
			t.OriginSymbol, t.OriginPackage = a.Symbol, a.Package
			extra = append(extra, rawAccess{TableAccess: t})
		}
	}
	c.out = append(c.out, extra...)
}

// callsFromOutside returns the calls from outside pkg that reach fn,
// following the callers inside pkg.
func (c *accessCollector) callsFromOutside(fn *types.Func, pkg PkgID) []*callSite {
	var out []*callSite
	visited := map[*types.Func]bool{fn: true}
	queue := []*types.Func{fn}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, s := range c.callers[f] {
			if s.fn.pkg != pkg {
				out = append(out, s)
				continue
			}
			if s.fn.obj != nil && !visited[s.fn.obj] {
				visited[s.fn.obj] = true
				queue = append(queue, s.fn.obj)
			}
		}
	}
	return out
}

// finish sorts the results into the Graph.
func (c *accessCollector) finish(d detectedDialect) {
	g := c.b.g
	g.Accesses = make([]TableAccess, 0, len(c.out))
	for _, a := range c.out {
		if !a.Through {
			a.OriginSymbol, a.OriginPackage = a.Symbol, a.Package
		}
		g.Accesses = append(g.Accesses, a.TableAccess)
	}
	sort.Slice(g.Accesses, func(i, j int) bool {
		x, y := g.Accesses[i], g.Accesses[j]
		if x.Table != y.Table {
			return x.Table < y.Table
		}
		if x.Through != y.Through {
			return !x.Through
		}
		if x.Package != y.Package {
			return x.Package < y.Package
		}
		if x.Pos != y.Pos {
			return posLess(x.Pos, y.Pos)
		}
		if x.Op != y.Op {
			return x.Op < y.Op
		}
		if x.Origin != y.Origin {
			return posLess(x.Origin, y.Origin)
		}
		return x.Via < y.Via
	})
	g.Accesses = dedupeAccesses(g.Accesses)
	sort.Slice(c.unresolved, func(i, j int) bool { return posLess(c.unresolved[i].Pos, c.unresolved[j].Pos) })
	g.SQL = SQLInfo{
		Dialect:    string(c.dialect),
		DialectWhy: d.why,
		Calls:      c.calls,
		Unresolved: c.unresolved,
	}
	if c.dialect == sqlscan.Unknown {
		g.SQL.Dialect = "auto"
	}
}

func dedupeAccesses(as []TableAccess) []TableAccess {
	out := as[:0]
	for i, a := range as {
		if i > 0 && a == as[i-1] {
			continue
		}
		out = append(out, a)
	}
	return out
}

func posLess(a, b Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}
