package analyze

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
)

// ORMs and query builders name their tables through the types of models
// and through chained calls. An access is reported once per chain, at the
// call that runs it (Find, Create, Scan, Exec, ...); the chain is read
// back from there, through local variables, for the table (Table("t")),
// the model (Model(&T{}), or the destination's type) and the joined or
// preloaded associations.

// link is one call of a method chain.
type link struct {
	call *ast.CallExpr
	fn   *types.Func
	fc   *funcCtx
}

// chain returns the calls x is built from, innermost last, following local
// variables to every assignment. isLink says which calls belong.
func (c *accessCollector) chain(fc *funcCtx, x ast.Expr, isLink func(*types.Func) bool, depth int) []link {
	if depth > maxDepth || x == nil {
		return nil
	}
	switch e := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := calleeFunc(fc.info, e)
		if fn == nil || !isLink(fn) {
			return nil
		}
		out := []link{{call: e, fn: fn, fc: fc}}
		return append(out, c.chain(fc, receiverExpr(e), isLink, depth+1)...)
	case *ast.Ident:
		v, ok := fc.info.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		var out []link
		for _, d := range c.defsOf(fc)[v] {
			if d.tuple <= 0 {
				out = append(out, c.chain(fc, d.rhs, isLink, depth+1)...)
			}
		}
		return out
	}
	return nil
}

// modelType is the struct type behind a model argument: T, *T, []T, *[]T,
// []*T; nil when it is something else (a map, an interface, a number).
func (c *accessCollector) modelType(t types.Type) *types.Named {
	module := c.b.g.Module
	for i := 0; i < 5 && t != nil; i++ {
		t = types.Unalias(t)
		switch u := t.(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		case *types.Named:
			if p := u.Obj().Pkg(); p == nil || isStd(p.Path()) && !strings.HasPrefix(p.Path()+"/", module+"/") {
				return nil // sql.Rows, time.Time: never a model
			}
			if _, ok := u.Underlying().(*types.Struct); ok {
				return u
			}
			if _, ok := u.Underlying().(*types.Slice); ok {
				t = u.Underlying()
				continue
			}
			return nil
		}
		return nil
	}
	return nil
}

func (c *accessCollector) typeOf(fc *funcCtx, e ast.Expr) types.Type {
	if tv, ok := fc.info.Types[e]; ok {
		return tv.Type
	}
	return nil
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot. (Module paths without a dot, like "shop",
// are told apart by the caller: they are the module's own.)
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// constString is the constant text of e, if it has one.
func (c *accessCollector) constString(fc *funcCtx, e ast.Expr) (string, bool) {
	alts := c.eval(fc, e, 0)
	if len(alts) != 1 || len(alts[0]) != 1 || alts[0][0].param != noParam {
		return "", false
	}
	return alts[0][0].lit, true
}

// tableExpr reads a table expression such as "orders", "orders AS o" or
// "billing.invoices i".
func tableExpr(s string) string {
	ts := sqlscan.ScanFragment("SELECT * FROM " + s)
	if len(ts) == 1 {
		return ts[0].Name
	}
	return ""
}

// tableNameMethod returns the constant a model's TableName() method
// returns, when it has one.
func (c *accessCollector) tableNameMethod(t *types.Named) (string, bool) {
	for _, recv := range []types.Type{t, types.NewPointer(t)} {
		obj, _, _ := types.LookupFieldOrMethod(recv, true, t.Obj().Pkg(), "TableName")
		fn, ok := obj.(*types.Func)
		if !ok || fn.Signature().Params().Len() != 0 || fn.Signature().Results().Len() != 1 {
			continue
		}
		if fc, ok := c.funcs[fn]; ok {
			if alts := c.returns(fc, 0); len(alts) == 1 && len(alts[0]) == 1 && alts[0][0].param == noParam {
				return alts[0][0].lit, true
			}
			return "", false
		}
		return c.tableNameFromSource(fn)
	}
	return "", false
}

// tableNameFromSource reads TableName() { return "x" } from the source of
// a package loaded from export data (outside the patterns, or a
// dependency).
func (c *accessCollector) tableNameFromSource(fn *types.Func) (string, bool) {
	pos := c.b.fset.Position(fn.Pos())
	if pos.Filename == "" {
		return "", false
	}
	f, ok := c.srcCache[pos.Filename]
	if !ok {
		f, _ = parser.ParseFile(token.NewFileSet(), pos.Filename, nil, parser.SkipObjectResolution)
		c.srcCache[pos.Filename] = f
	}
	if f == nil {
		return "", false
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "TableName" || fd.Recv == nil || fd.Body == nil || len(fd.Body.List) != 1 {
			continue
		}
		if recvTypeName(fd.Recv.List[0].Type) != recvName(fn) {
			continue
		}
		if r, ok := fd.Body.List[0].(*ast.ReturnStmt); ok && len(r.Results) == 1 {
			if bl, ok := r.Results[0].(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if v := constant.MakeFromLiteral(bl.Value, bl.Kind, 0); v.Kind() == constant.String {
					return constant.StringVal(v), true
				}
			}
		}
	}
	return "", false
}

// ---- GORM ----------------------------------------------------------------

var (
	gormReads  = setOf("First Take Last Find FindInBatches Count Pluck Scan Row Rows FirstOrInit")
	gormWrites = setOf("Create CreateInBatches Save Update Updates UpdateColumn UpdateColumns Delete FirstOrCreate")
)

func isGORM(fn *types.Func) bool { return libraryOf(fn) == "gorm" && recvName(fn) == "DB" }

func (c *accessCollector) gorm(s *callSite, emit bool) {
	fn := s.callee
	if !isGORM(fn) {
		return
	}
	name := fn.Name()
	switch {
	case name == "Raw" || name == "Exec":
		c.sqlArg(s, firstStringParam(fn), "gorm", emit)
		return
	case !emit:
		return
	case name == "AutoMigrate":
		for _, a := range s.call.Args {
			if t := c.modelType(c.typeOf(s.fn, a)); t != nil {
				c.calls++
				c.emit(s, c.gormTable(t), DDL, "gorm")
			}
		}
		return
	}
	var op AccessOp
	switch {
	case gormReads[name]:
		op = Read
	case gormWrites[name]:
		op = Write
	default:
		return
	}
	links := c.chain(s.fn, receiverExpr(s.call), isGORM, 0)
	var table string
	var model *types.Named
	for _, l := range links {
		switch l.fn.Name() {
		case "Raw", "Exec":
			return // the SQL names the tables
		case "Table":
			if len(l.call.Args) > 0 {
				if v, ok := c.constString(l.fc, l.call.Args[0]); ok && table == "" {
					table = tableExpr(v)
				}
			}
		case "Model":
			if len(l.call.Args) > 0 && model == nil {
				model = c.modelType(c.typeOf(l.fc, l.call.Args[0]))
			}
		}
	}
	// The destination names the model when nothing else does: Find(&users).
	dest := 0
	if name == "Pluck" || name == "Update" || name == "UpdateColumn" {
		dest = -1 // column first, then the value: the model must be given
	}
	if model == nil && dest >= 0 && dest < len(s.call.Args) {
		model = c.modelType(c.typeOf(s.fn, s.call.Args[dest]))
	}
	if table == "" && model != nil {
		table = c.gormTable(model)
	}
	c.calls++
	if table == "" {
		c.unresolve(s, "gorm", "", "no table: "+name+" without Table(), Model() or a struct destination")
		return
	}
	c.emit(s, table, op, "gorm")
	// Joined and preloaded associations, and subqueries in conditions.
	for _, l := range links {
		switch l.fn.Name() {
		case "Joins", "InnerJoins", "Preload", "Where", "Or", "Not", "Having":
			if len(l.call.Args) == 0 {
				continue
			}
			v, ok := c.constString(l.fc, l.call.Args[0])
			if !ok {
				continue
			}
			if isIdentPath(v) && (l.fn.Name() == "Joins" || l.fn.Name() == "InnerJoins" || l.fn.Name() == "Preload") {
				for _, t := range c.associations(model, v, c.gormTable) {
					c.emitAt(s, l, t, Read, "gorm")
				}
				continue
			}
			for _, t := range sqlscan.ScanFragment(v) {
				c.emitAt(s, l, t.Name, Read, "gorm")
			}
		}
	}
}

// emitAt records an access found in a chain link: at the link's own call
// when it is in the same function, else at the running call.
func (c *accessCollector) emitAt(s *callSite, l link, table string, op AccessOp, via string) {
	if l.fc == s.fn {
		ls := *s
		ls.pos = c.b.pos(s.fn.file, callPos(l.call))
		c.emit(&ls, table, op, via)
		return
	}
	c.emit(s, table, op, via)
}

func isIdentPath(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '.' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// associations follows a dotted association path ("Orders.Items") through
// the model's fields to the tables of the associated models.
func (c *accessCollector) associations(model *types.Named, path string, table func(*types.Named) string) []string {
	var out []string
	cur := model
	for _, name := range strings.Split(path, ".") {
		if cur == nil {
			break
		}
		obj, _, _ := types.LookupFieldOrMethod(cur, true, cur.Obj().Pkg(), name)
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() {
			break
		}
		cur = c.modelType(v.Type())
		if cur != nil {
			if t := table(cur); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// gormTable names a model's table as GORM does: TableName() if the type
// has one, else the naming strategy: prefix + plural(snake_case(name)).
func (c *accessCollector) gormTable(t *types.Named) string {
	if v, ok := c.tableNameMethod(t); ok {
		return v
	}
	n := gormSnake(t.Obj().Name())
	if !c.naming.gormSingular {
		n = plural(n)
	}
	return c.naming.gormPrefix + n
}

// ---- xorm ----------------------------------------------------------------

var (
	xormReads  = setOf("Get Find FindAndCount Count Exist Iterate Rows Sum Sums SumInt SumsInt")
	xormWrites = setOf("Insert InsertOne InsertMulti Update Delete")
	xormDDL    = setOf("Sync Sync2 CreateTables DropTables CreateIndexes CreateUniques")
	xormSQL    = setOf("Exec Query QueryString QueryInterface QuerySliceString")
)

func isXORM(fn *types.Func) bool {
	switch recvName(fn) {
	case "Engine", "Session", "EngineGroup", "Interface", "EngineInterface":
		return libraryOf(fn) == "xorm"
	}
	return false
}

func (c *accessCollector) xorm(s *callSite, emit bool) {
	fn := s.callee
	if !isXORM(fn) {
		return
	}
	name := fn.Name()
	if xormSQL[name] {
		c.sqlArg(s, 0, "xorm", emit)
		return
	}
	if !emit {
		return
	}
	var op AccessOp
	switch {
	case xormReads[name]:
		op = Read
	case xormWrites[name]:
		op = Write
	case xormDDL[name]:
		for _, a := range s.call.Args {
			if t := c.modelType(c.typeOf(s.fn, a)); t != nil {
				c.calls++
				c.emit(s, c.xormTable(t), DDL, "xorm")
			}
		}
		return
	default:
		return
	}
	links := c.chain(s.fn, receiverExpr(s.call), isXORM, 0)
	table := ""
	for _, l := range links {
		switch l.fn.Name() {
		case "SQL":
			if len(l.call.Args) > 0 {
				alts := c.eval(l.fc, l.call.Args[0], 0)
				ls := *s
				c.sqlAlts(&ls, alts, "xorm", true)
			}
			return
		case "Table":
			if len(l.call.Args) > 0 && table == "" {
				if v, ok := c.constString(l.fc, l.call.Args[0]); ok {
					table = tableExpr(v)
				} else if t := c.modelType(c.typeOf(l.fc, l.call.Args[0])); t != nil {
					table = c.xormTable(t)
				}
			}
		case "Join":
			// Join(op, table, condition)
			if len(l.call.Args) >= 2 {
				if v, ok := c.constString(l.fc, l.call.Args[1]); ok {
					c.emitAt(s, l, tableExpr(v), Read, "xorm")
				} else if t := c.modelType(c.typeOf(l.fc, l.call.Args[1])); t != nil {
					c.emitAt(s, l, c.xormTable(t), Read, "xorm")
				}
			}
		}
	}
	if table == "" {
		for _, a := range s.call.Args {
			if t := c.modelType(c.typeOf(s.fn, a)); t != nil {
				table = c.xormTable(t)
				break
			}
		}
	}
	c.calls++
	if table == "" {
		c.unresolve(s, "xorm", "", "no table: "+name+" without Table() or a struct argument")
		return
	}
	c.emit(s, table, op, "xorm")
}

// xormTable names a model's table as xorm does: TableName() if the type
// has one, else the engine's mapper (SnakeMapper by default; no plural).
func (c *accessCollector) xormTable(t *types.Named) string {
	if v, ok := c.tableNameMethod(t); ok {
		return v
	}
	name := t.Obj().Name()
	switch c.naming.xormMapper {
	case "GonicMapper", "LintGonicMapper":
		name = gormSnake(name)
	case "SameMapper":
	default:
		name = xormSnake(name)
	}
	return c.naming.xormPrefix + name
}

// ---- bun -----------------------------------------------------------------

func isBun(fn *types.Func) bool { return libraryOf(fn) == "bun" }

var bunRun = setOf("Scan Exec Count ScanAndCount Exists Rows")

func (c *accessCollector) bun(s *callSite, emit bool) {
	fn := s.callee
	name := fn.Name()
	if name == "NewRaw" || (name == "QueryContext" || name == "ExecContext" || name == "QueryRowContext") && recvName(fn) != "" {
		c.sqlArg(s, firstStringParam(fn), "bun", emit)
		return
	}
	if !emit || !bunRun[name] {
		return
	}
	recv := recvName(fn)
	var op AccessOp
	switch recv {
	case "SelectQuery":
		op = Read
	case "InsertQuery", "UpdateQuery", "DeleteQuery", "MergeQuery", "TruncateTableQuery":
		op = Write
	case "CreateTableQuery", "DropTableQuery", "CreateIndexQuery", "AddColumnQuery", "DropColumnQuery":
		op = DDL
	default:
		return
	}
	links := c.chain(s.fn, receiverExpr(s.call), isBun, 0)
	var tables []string
	var model *types.Named
	for _, l := range links {
		switch l.fn.Name() {
		case "Table", "TableExpr", "ModelTableExpr":
			for _, a := range l.call.Args {
				if v, ok := c.constString(l.fc, a); ok {
					if t := tableExpr(v); t != "" {
						tables = append(tables, t)
					}
				}
				if l.fn.Name() != "Table" {
					break
				}
			}
		case "Model":
			if len(l.call.Args) > 0 && model == nil {
				model = c.modelType(c.typeOf(l.fc, l.call.Args[0]))
			}
		}
	}
	if len(tables) == 0 && model != nil {
		tables = append(tables, c.bunTable(model, op))
	}
	if len(tables) == 0 && recv == "SelectQuery" && len(s.call.Args) > 1 {
		// Scan(ctx, &dest) on a query with no model: the destination.
		if t := c.modelType(c.typeOf(s.fn, s.call.Args[1])); t != nil {
			tables = append(tables, c.bunTable(t, op))
		}
	}
	c.calls++
	if len(tables) == 0 {
		c.unresolve(s, "bun", "", "no table: "+recv+"."+name+" without Model() or Table()")
		return
	}
	for _, t := range tables {
		c.emit(s, t, op, "bun")
	}
	for _, l := range links {
		switch l.fn.Name() {
		case "Relation":
			if len(l.call.Args) > 0 {
				if v, ok := c.constString(l.fc, l.call.Args[0]); ok {
					for _, t := range c.associations(model, v, func(n *types.Named) string { return c.bunTable(n, Read) }) {
						c.emitAt(s, l, t, Read, "bun")
					}
				}
			}
		case "Join", "Where", "WhereOr":
			if len(l.call.Args) > 0 {
				if v, ok := c.constString(l.fc, l.call.Args[0]); ok {
					for _, t := range sqlscan.ScanFragment(v) {
						c.emitAt(s, l, t.Name, Read, "bun")
					}
				}
			}
		}
	}
}

// bunTable names a model's table as bun does: the table: (or, for reads,
// select:) option of the bun tag on the embedded bun.BaseModel field, else
// plural(underscore(name)).
func (c *accessCollector) bunTable(t *types.Named, op AccessOp) string {
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if !f.Embedded() || f.Name() != "BaseModel" {
				continue
			}
			tag := reflect.StructTag(st.Tag(i)).Get("bun")
			var table, sel string
			for j, opt := range strings.Split(tag, ",") {
				k, v, found := strings.Cut(opt, ":")
				switch {
				case found && k == "table":
					table = v
				case found && k == "select":
					sel = v
				case !found && j == 0 && opt != "":
					table = opt
				}
			}
			if op == Read && sel != "" {
				return tableExpr(sel)
			}
			if table != "" {
				return tableExpr(table)
			}
		}
	}
	return plural(bunUnderscore(t.Obj().Name()))
}

// ---- squirrel ------------------------------------------------------------

// squirrel reads a builder chain from its outermost call.
func (c *accessCollector) squirrel(s *callSite) {
	if c.squirrelInner[s.call] {
		return
	}
	// The chain is this expression only: a builder kept in a variable
	// was read where it was built.
	links := []link{{call: s.call, fn: s.callee, fc: s.fn}}
	for rc := receiverCall(s.call); rc != nil; rc = receiverCall(rc) {
		fn := calleeFunc(s.fn.info, rc)
		if libraryOf(fn) != "squirrel" {
			break
		}
		links = append(links, link{call: rc, fn: fn, fc: s.fn})
	}
	var op AccessOp
	var tables []string
	var reads []string
	arg := func(l link, i int) (string, bool) {
		if i < len(l.call.Args) {
			return c.constString(l.fc, l.call.Args[i])
		}
		return "", false
	}
	for _, l := range links {
		name := l.fn.Name()
		switch name {
		case "Select":
			op = max(op, Read)
		case "Insert", "Replace", "Update", "Delete", "Into", "Table":
			op = Write
			if v, ok := arg(l, 0); ok && v != "" {
				tables = append(tables, tableExpr(v))
			}
		case "From":
			if v, ok := arg(l, 0); ok {
				tables = append(tables, tableExpr(v))
			}
		case "Join", "LeftJoin", "RightJoin", "InnerJoin", "CrossJoin", "FullJoin":
			if v, ok := arg(l, 0); ok {
				for _, t := range sqlscan.ScanFragment("JOIN " + v) {
					reads = append(reads, t.Name)
				}
			}
		}
		if op == 0 {
			if n := namedOf(l.fn.Signature().Results().At(0).Type()); n != nil {
				switch n.Obj().Name() {
				case "SelectBuilder":
					op = Read
				case "InsertBuilder", "UpdateBuilder", "DeleteBuilder":
					op = Write
				}
			}
		}
	}
	if len(tables) == 0 && len(reads) == 0 {
		return
	}
	if op == 0 {
		op = Read
	}
	c.calls++
	for _, t := range tables {
		c.emit(s, t, op, "squirrel")
	}
	for _, t := range reads {
		c.emit(s, t, Read, "squirrel")
	}
}

// ---- ent -----------------------------------------------------------------

// entOps maps the generated builder type suffixes to what their run
// methods do.
var entOps = []struct {
	suffix string
	op     AccessOp
	run    map[string]bool
}{
	{"Query", Read, setOf("All AllX Only OnlyX OnlyID OnlyIDX First FirstX FirstID FirstIDX IDs IDsX Count CountX Exist ExistX")},
	{"Select", Read, setOf("Scan ScanX Strings StringsX String StringX Ints IntsX Int IntX")},
	{"GroupBy", Read, setOf("Scan ScanX Strings StringsX Ints IntsX")},
	{"CreateBulk", Write, setOf("Save SaveX Exec ExecX")},
	{"Create", Write, setOf("Save SaveX Exec ExecX")},
	{"UpdateOne", Write, setOf("Save SaveX Exec ExecX")},
	{"Update", Write, setOf("Save SaveX Exec ExecX")},
	{"DeleteOne", Write, setOf("Exec ExecX")},
	{"Delete", Write, setOf("Exec ExecX")},
	{"Client", Read, setOf("Get GetX")},
}

// ent recognises the run methods of ent's generated builders: the table is
// the Table constant of the entity's generated package.
func (c *accessCollector) ent(s *callSite) {
	fn := s.callee
	recv := recvName(fn)
	if recv == "" || fn.Pkg() == nil {
		return
	}
	for _, e := range entOps {
		entity, ok := strings.CutSuffix(recv, e.suffix)
		if !ok || entity == "" || !e.run[fn.Name()] {
			continue
		}
		table, ok := entTable(fn.Pkg(), entity)
		if !ok {
			return
		}
		c.calls++
		c.emit(s, table, e.op, "ent")
		return
	}
}

// entTable finds const Table in the entity's package, <ent>/<entity>.
func entTable(pkg *types.Package, entity string) (string, bool) {
	want := pkg.Path() + "/" + strings.ToLower(entity)
	for _, imp := range pkg.Imports() {
		if imp.Path() != want {
			continue
		}
		k, ok := imp.Scope().Lookup("Table").(*types.Const)
		if ok && k.Val().Kind() == constant.String {
			return constant.StringVal(k.Val()), true
		}
	}
	return "", false
}
