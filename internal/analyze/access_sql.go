package analyze

import (
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
)

// libraryOf names the data-access library a function belongs to, by its
// package path; "" for everything else.
func libraryOf(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	p := fn.Pkg().Path()
	switch {
	case p == "database/sql":
		return "database/sql"
	case p == "github.com/jmoiron/sqlx":
		return "sqlx"
	case strings.HasPrefix(p, "github.com/jackc/pgx/"):
		return "pgx"
	case p == "gorm.io/gorm" || p == "github.com/jinzhu/gorm":
		return "gorm"
	case p == "xorm.io/xorm" || p == "github.com/go-xorm/xorm":
		return "xorm"
	case p == "github.com/uptrace/bun":
		return "bun"
	case p == "github.com/Masterminds/squirrel" || p == "github.com/lann/squirrel":
		return "squirrel"
	}
	return ""
}

// recvName is the name of a method's receiver type (through pointers), or
// "" for a function.
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	if n := namedOf(recv.Type()); n != nil {
		return n.Obj().Name()
	}
	return ""
}

// The methods that take SQL, by library. The SQL is the first string
// parameter unless said otherwise.
var (
	sqlQueryMethods = setOf("Query QueryContext QueryRow QueryRowContext Exec ExecContext")
	sqlxMethods     = setOf(`Select Get SelectContext GetContext Queryx QueryxContext QueryRowx QueryRowxContext
		NamedExec NamedExecContext NamedQuery NamedQueryContext MustExec MustExecContext`)
	prepareMethods = setOf("Prepare PrepareContext Preparex PreparexContext PrepareNamed PrepareNamedContext")
	stmtMethods    = setOf(`Exec ExecContext Query QueryContext QueryRow QueryRowContext Select SelectContext Get GetContext
		Queryx QueryxContext QueryRowx QueryRowxContext MustExec MustExecContext`)
	// sqlInterfaceMethods are the names an interface method must have to
	// be taken for a database handle (a Querier or sqlc's DBTX).
	sqlInterfaceMethods = setOf(`Exec ExecContext Query QueryContext QueryRow QueryRowContext Select SelectContext
		Get GetContext Queryx QueryxContext QueryRowx QueryRowxContext NamedExec NamedExecContext MustExec MustExecContext`)
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// sqlLibrary handles database/sql, sqlx and pgx calls.
func (c *accessCollector) sqlLibrary(s *callSite, emit bool) {
	fn := s.callee
	lib, recv, name := libraryOf(fn), recvName(fn), fn.Name()
	switch {
	case lib == "pgx" && name == "CopyFrom":
		if emit {
			c.copyFrom(s)
		}
	case lib == "pgx" && name == "Prepare" && recv != "":
		// Prepare(ctx, name, sql): the statement is run by name later.
		c.sqlArg(s, 2, lib, emit)
	case lib == "pgx" && recv == "Batch" && name == "Queue":
		c.sqlArg(s, firstStringParam(fn), lib, emit)
	case recv == "Stmt" || recv == "NamedStmt":
		if emit && stmtMethods[name] {
			c.stmtCall(s)
		}
	case prepareMethods[name] && recv != "":
		c.prepare(s, lib, emit)
	case sqlQueryMethods[name] || lib == "sqlx" && sqlxMethods[name]:
		c.sqlArg(s, firstStringParam(fn), lib, emit)
	}
}

// copyFrom reads the table of pgx's CopyFrom(ctx, pgx.Identifier{...}, ...).
func (c *accessCollector) copyFrom(s *callSite) {
	if len(s.call.Args) < 2 {
		return
	}
	cl, ok := ast.Unparen(s.call.Args[1]).(*ast.CompositeLit)
	if !ok {
		c.unresolve(s, "pgx", "", "CopyFrom table is not a pgx.Identifier literal")
		return
	}
	var parts []string
	for _, e := range cl.Elts {
		t := first(c.eval(s.fn, e, 0))
		if len(t) != 1 || t[0].param != noParam {
			c.unresolve(s, "pgx", "", "CopyFrom table is computed at run time")
			return
		}
		parts = append(parts, t[0].lit)
	}
	c.calls++
	c.emit(s, strings.Join(parts, "."), Write, "pgx")
}

// prepare records the SQL of a prepared statement with the variable or
// field the statement is stored in; the statement's calls are the
// accesses. A statement stored nowhere we can follow is reported at the
// Prepare call.
func (c *accessCollector) prepare(s *callSite, lib string, emit bool) {
	idx := firstStringParam(s.callee)
	if idx < 0 || idx >= len(s.call.Args) {
		return
	}
	alts := c.eval(s.fn, s.call.Args[idx], 0)
	target := c.holder(s.fn, c.assignTo[s.call])
	if !emit {
		c.sqlAlts(s, alts, lib, false) // a Prepare of a parameter makes a helper
		if target != nil && c.prepared[target] == nil {
			c.prepared[target] = &preparedStmt{site: s, alts: alts, via: lib}
		}
		return
	}
	if target == nil {
		c.sqlAlts(s, alts, lib, true)
	}
}

// holder is the variable or struct field an expression denotes.
func (c *accessCollector) holder(fc *funcCtx, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if o := fc.info.Defs[e]; o != nil {
			return o
		}
		return fc.info.Uses[e]
	case *ast.SelectorExpr:
		return fc.info.Uses[e.Sel]
	}
	return nil
}

// stmtCall attributes a prepared statement's call to the SQL it was
// prepared with.
func (c *accessCollector) stmtCall(s *callSite) {
	recv := receiverExpr(s.call)
	// tx.Stmt(stmt) and tx.StmtContext(ctx, stmt) give the same statement.
	if rc, ok := ast.Unparen(recv).(*ast.CallExpr); ok {
		if fn := calleeFunc(s.fn.info, rc); fn != nil && (fn.Name() == "Stmt" || fn.Name() == "StmtContext" || fn.Name() == "Stmtx" || fn.Name() == "NamedStmt") && len(rc.Args) > 0 {
			recv = rc.Args[len(rc.Args)-1]
		}
	}
	p := c.prepared[c.holder(s.fn, recv)]
	if p == nil {
		return // a statement prepared where we could not see it
	}
	p.used = true
	c.sqlAlts(s, p.alts, p.via, true)
}

// unusedPrepares reports, at the Prepare call, the statements none of
// whose calls were found.
func (c *accessCollector) unusedPrepares() {
	var list []*preparedStmt
	for _, p := range c.prepared {
		if !p.used {
			list = append(list, p)
		}
	}
	sort.Slice(list, func(i, j int) bool { return posLess(list[i].site.pos, list[j].site.pos) })
	for _, p := range list {
		c.sqlAlts(p.site, p.alts, p.via, true)
	}
}

// sqlInterfaceMethod recognises a method of an interface the code declares
// for its database handle (a Querier, sqlc's DBTX): a SQL method name,
// and a string parameter followed by the query arguments; and either the
// parameter is named like a query (query, sql, q, stmt) or unnamed, or
// the interface has two of the core methods (Exec, Query, QueryRow, with
// or without Context), so that a router's Get(pattern, handlers...) is
// not taken for one. It returns the index of the SQL parameter.
func sqlInterfaceMethod(fn *types.Func) (int, bool) {
	sig := fn.Signature()
	if sig.Recv() == nil || !sqlInterfaceMethods[fn.Name()] {
		return 0, false
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return 0, false
	}
	i := firstStringParam(fn)
	params := sig.Params()
	if i < 0 || i > 2 || i+1 >= params.Len() {
		return 0, false
	}
	if !queryParamName(params.At(i).Name()) {
		core := 0
		for j := 0; j < iface.NumMethods(); j++ {
			if sqlQueryMethods[iface.Method(j).Name()] {
				core++
			}
		}
		if core < 2 {
			return 0, false
		}
	}
	last := params.At(params.Len() - 1).Type()
	if sig.Variadic() {
		last = last.(*types.Slice).Elem()
	}
	if _, ok := last.Underlying().(*types.Interface); !ok {
		return 0, false
	}
	return i, true
}

func queryParamName(name string) bool {
	n := strings.ToLower(name)
	return n == "" || n == "_" || n == "q" || strings.Contains(n, "query") || strings.Contains(n, "sql") || strings.Contains(n, "stmt")
}

// interfaceVia names the library behind a database interface by the types
// its method returns.
func interfaceVia(fn *types.Func) string {
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		n := namedOf(res.At(i).Type())
		if n == nil || n.Obj().Pkg() == nil {
			continue
		}
		p := n.Obj().Pkg().Path()
		switch {
		case strings.HasPrefix(p, "github.com/jackc/"):
			return "pgx"
		case p == "github.com/jmoiron/sqlx":
			return "sqlx"
		}
	}
	return "database/sql"
}

// warmParser starts the PostgreSQL parser, which takes a second or two of
// CPU to start, in the background while the packages load, when the
// queries will likely need it: --dialect postgres or sqlite, or a module
// whose go.mod requires a PostgreSQL driver. Otherwise it starts when (and
// if) a query needs it.
func warmParser(dir string, d sqlscan.Dialect) {
	switch d {
	case sqlscan.Postgres, sqlscan.SQLite:
		sqlscan.Warm()
		return
	case sqlscan.MySQL:
		return
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if mf, err := modfile.ParseLax("go.mod", data, nil); err == nil {
				for _, r := range mf.Require {
					if d, ok := driverDialect(r.Mod.Path); ok && d == sqlscan.Postgres {
						sqlscan.Warm()
						return
					}
				}
			}
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}

// detectedDialect is the dialect the code's imports point to.
type detectedDialect struct {
	dialect sqlscan.Dialect
	why     string
}

// dialectOf maps driver import paths (prefixes) to their dialect.
var dialectOf = []struct {
	prefix  string
	dialect sqlscan.Dialect
}{
	{"github.com/lib/pq", sqlscan.Postgres},
	{"github.com/jackc/pgx", sqlscan.Postgres},
	{"gorm.io/driver/postgres", sqlscan.Postgres},
	{"github.com/jinzhu/gorm/dialects/postgres", sqlscan.Postgres},
	{"github.com/uptrace/bun/dialect/pgdialect", sqlscan.Postgres},
	{"github.com/uptrace/bun/driver/pgdriver", sqlscan.Postgres},
	{"github.com/go-pg/pg", sqlscan.Postgres},
	{"github.com/go-sql-driver/mysql", sqlscan.MySQL},
	{"gorm.io/driver/mysql", sqlscan.MySQL},
	{"github.com/jinzhu/gorm/dialects/mysql", sqlscan.MySQL},
	{"github.com/uptrace/bun/dialect/mysqldialect", sqlscan.MySQL},
	{"github.com/ziutek/mymysql", sqlscan.MySQL},
	{"github.com/mattn/go-sqlite3", sqlscan.SQLite},
	{"modernc.org/sqlite", sqlscan.SQLite},
	{"github.com/glebarez/sqlite", sqlscan.SQLite},
	{"github.com/glebarez/go-sqlite", sqlscan.SQLite},
	{"github.com/ncruces/go-sqlite3", sqlscan.SQLite},
	{"gorm.io/driver/sqlite", sqlscan.SQLite},
	{"github.com/uptrace/bun/dialect/sqlitedialect", sqlscan.SQLite},
}

func driverDialect(path string) (sqlscan.Dialect, bool) {
	for _, d := range dialectOf {
		if path == d.prefix || strings.HasPrefix(path, d.prefix+"/") {
			return d.dialect, true
		}
	}
	return sqlscan.Unknown, false
}

// detectDialect looks at the driver packages the module's code imports,
// then at its go.mod requirements. One database family gives its dialect;
// several, or none, give Unknown (PostgreSQL first, then MySQL).
func (c *accessCollector) detectDialect() detectedDialect {
	found := map[sqlscan.Dialect][]string{}
	for _, u := range c.b.units {
		for _, f := range u.files {
			if f.syntax == nil {
				continue
			}
			for _, spec := range f.syntax.Imports {
				path := strings.Trim(spec.Path.Value, "`\"")
				if d, ok := driverDialect(path); ok && !contains(found[d], path) {
					found[d] = append(found[d], path)
				}
			}
		}
	}
	source := "imports of "
	if len(found) == 0 {
		source = "go.mod requires "
		if data, err := os.ReadFile(filepath.Join(c.b.root, "go.mod")); err == nil {
			if mf, err := modfile.ParseLax("go.mod", data, nil); err == nil {
				for _, r := range mf.Require {
					if d, ok := driverDialect(r.Mod.Path); ok && !contains(found[d], r.Mod.Path) {
						found[d] = append(found[d], r.Mod.Path)
					}
				}
			}
		}
	}
	var ds []string
	var paths []string
	for d, ps := range found {
		ds = append(ds, string(d))
		paths = append(paths, ps...)
	}
	sort.Strings(ds)
	sort.Strings(paths)
	switch len(found) {
	case 0:
		return detectedDialect{why: "no database driver imported"}
	case 1:
		return detectedDialect{dialect: sqlscan.Dialect(ds[0]), why: source + strings.Join(paths, ", ")}
	}
	return detectedDialect{why: "drivers of several databases (" + strings.Join(ds, ", ") + "): " + source + strings.Join(paths, ", ")}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
