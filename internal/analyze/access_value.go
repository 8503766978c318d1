package analyze

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
)

// Recovering SQL text. A query is rarely a literal at its call: it is a
// named constant, constants joined with +, a local variable assigned in
// branches or extended with +=, fmt.Sprintf with a constant format, or a
// parameter of a helper the caller passes it to. eval follows these
// statically and returns the possible texts as templates; whatever cannot
// be known before run time becomes a hole, which parses as an identifier
// and is never reported as a table.

// part is a piece of a template: literal text, a parameter of the
// enclosing function (param >= 0), a hole, or the mark of SQL produced by
// a query builder (param == builderMark).
type part struct {
	lit   string
	param int
}

const (
	noParam     = -1
	holeMark    = -2
	builderMark = -3
)

type tmpl []part

func lit(s string) tmpl { return tmpl{{lit: s, param: noParam}} }
func hole() tmpl        { return tmpl{{param: holeMark}} }

func (t tmpl) hasParam() bool {
	for _, p := range t {
		if p.param >= 0 {
			return true
		}
	}
	return false
}

func (t tmpl) hasHole() bool {
	for _, p := range t {
		if p.param == holeMark {
			return true
		}
	}
	return false
}

func (t tmpl) builder() bool {
	for _, p := range t {
		if p.param == builderMark {
			return true
		}
	}
	return false
}

// hasText reports whether any of the text is known.
func (t tmpl) hasText() bool {
	for _, p := range t {
		if p.param == noParam && strings.TrimSpace(p.lit) != "" {
			return true
		}
	}
	return false
}

// sql renders the template with holes for unknown parts.
func (t tmpl) sql() string {
	var b strings.Builder
	for _, p := range t {
		if p.param == noParam {
			b.WriteString(p.lit)
		} else {
			b.WriteString(" " + sqlscan.Hole + " ")
		}
	}
	return b.String()
}

func (t tmpl) key() string {
	var b strings.Builder
	for _, p := range t {
		if p.param == noParam {
			b.WriteString(p.lit)
		} else {
			b.WriteString("\x00" + strconv.Itoa(p.param) + "\x00")
		}
	}
	return b.String()
}

func concat(a, b tmpl) tmpl {
	out := make(tmpl, 0, len(a)+len(b))
	out = append(out, a...)
	for _, p := range b {
		if n := len(out); n > 0 && p.param == noParam && out[n-1].param == noParam {
			out[n-1].lit += p.lit
			continue
		}
		out = append(out, p)
	}
	return out
}

// Bounds on the static evaluation.
const (
	maxAlts  = 8 // possible texts of one expression
	maxDepth = 6 // nested variables, calls and helpers
)

// first is the first possible text, or a hole when there is none.
func first(alts []tmpl) tmpl {
	if len(alts) == 0 {
		return hole()
	}
	return alts[0]
}

func product(as, bs []tmpl) []tmpl {
	var out []tmpl
	for _, a := range as {
		for _, b := range bs {
			if len(out) == maxAlts {
				return out
			}
			out = append(out, concat(a, b))
		}
	}
	return out
}

// valueDef is one assignment to a local variable.
type valueDef struct {
	rhs    ast.Expr
	tuple  int  // index in a multi-value assignment, or -1
	append bool // x += rhs
}

// eval returns the possible texts of a string expression in fc.
func (c *accessCollector) eval(fc *funcCtx, x ast.Expr, depth int) []tmpl {
	if depth > maxDepth || x == nil {
		return []tmpl{hole()}
	}
	x = ast.Unparen(x)
	if tv, ok := fc.info.Types[x]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return []tmpl{lit(constant.StringVal(tv.Value))}
	}
	switch x := x.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return product(c.eval(fc, x.X, depth), c.eval(fc, x.Y, depth))
		}
	case *ast.Ident:
		return c.evalObject(fc, fc.info.Uses[x], depth)
	case *ast.SelectorExpr:
		if v, ok := fc.info.Uses[x.Sel].(*types.Var); ok && !v.IsField() {
			return c.evalObject(fc, v, depth) // pkg.Var
		}
	case *ast.CallExpr:
		return c.evalCall(fc, x, depth)
	}
	return []tmpl{hole()}
}

// evalObject follows a variable to its assignments.
func (c *accessCollector) evalObject(fc *funcCtx, obj types.Object, depth int) []tmpl {
	v, ok := obj.(*types.Var)
	if !ok {
		return []tmpl{hole()}
	}
	if i, ok := fc.params[v]; ok {
		return []tmpl{{{param: i}}}
	}
	if init, ok := c.pkgVars[v]; ok {
		return c.eval(init.fn, init.expr, depth+1)
	}
	defs := c.defsOf(fc)[v]
	if len(defs) == 0 {
		return []tmpl{hole()}
	}
	// q = rebind(q) passes q through: inside its own definition a
	// variable has no value of its own, and that definition adds none.
	// Likewise q = fmt.Sprintf("%s LIMIT %d", q, n) derives from q's other
	// values: it adds no possible text of its own.
	if c.visiting[v] {
		c.selfRef[v] = true
		return nil
	}
	c.visiting[v] = true
	defer delete(c.visiting, v)
	defer delete(c.selfRef, v)
	var out []tmpl
	var appends []valueDef
	for _, d := range defs {
		if d.append {
			appends = append(appends, d)
			continue
		}
		delete(c.selfRef, v)
		alts := c.evalDef(fc, d, depth+1)
		if c.selfRef[v] {
			continue
		}
		for _, t := range alts {
			if len(out) < maxAlts {
				out = append(out, t)
			}
		}
	}
	if len(out) == 0 {
		out = []tmpl{hole()}
	}
	// Appends (q += " AND ...") are usually conditional; taking them all
	// gives a superset of the clauses, which names the same tables.
	for _, d := range appends {
		alts := c.evalDef(fc, d, depth+1)
		for i := range out {
			out[i] = concat(out[i], first(alts))
		}
	}
	return out
}

func (c *accessCollector) evalDef(fc *funcCtx, d valueDef, depth int) []tmpl {
	if d.tuple < 0 {
		return c.eval(fc, d.rhs, depth)
	}
	call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
	if !ok || d.tuple != 0 {
		return []tmpl{hole()}
	}
	return c.evalCall(fc, call, depth)
}

// defsOf indexes the assignments to local variables of a declaration.
func (c *accessCollector) defsOf(fc *funcCtx) map[types.Object][]valueDef {
	if fc.defs != nil {
		return fc.defs
	}
	fc.defs = map[types.Object][]valueDef{}
	obj := func(e ast.Expr) types.Object {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		if o := fc.info.Defs[id]; o != nil {
			return o
		}
		return fc.info.Uses[id]
	}
	ast.Inspect(fc.node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			switch {
			case n.Tok == token.ADD_ASSIGN && len(n.Lhs) == 1:
				if o := obj(n.Lhs[0]); o != nil {
					fc.defs[o] = append(fc.defs[o], valueDef{rhs: n.Rhs[0], tuple: -1, append: true})
				}
			case n.Tok == token.ASSIGN || n.Tok == token.DEFINE:
				for i, l := range n.Lhs {
					o := obj(l)
					if o == nil {
						continue
					}
					d := valueDef{tuple: -1}
					if len(n.Rhs) == len(n.Lhs) {
						d.rhs = n.Rhs[i]
						// q = q + "..." extends q: an append.
						if b, ok := ast.Unparen(d.rhs).(*ast.BinaryExpr); ok && b.Op == token.ADD && leftmostIs(b, o, fc.info) {
							d.rhs, d.append = b.Y, true
						}
					} else if len(n.Rhs) == 1 {
						d.rhs, d.tuple = n.Rhs[0], i
					}
					fc.defs[o] = append(fc.defs[o], d)
				}
			}
		case *ast.RangeStmt:
			// for _, q := range []string{a, b}: q is a, then b.
			cl, ok := ast.Unparen(n.X).(*ast.CompositeLit)
			if o := obj(n.Value); ok && o != nil && n.Value != nil {
				for _, e := range cl.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						e = kv.Value
					}
					fc.defs[o] = append(fc.defs[o], valueDef{rhs: e, tuple: -1})
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				o := fc.info.Defs[name]
				if o == nil {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					fc.defs[o] = append(fc.defs[o], valueDef{rhs: n.Values[i], tuple: -1})
				case len(n.Values) == 1:
					fc.defs[o] = append(fc.defs[o], valueDef{rhs: n.Values[0], tuple: i})
				}
			}
		}
		return true
	})
	return fc.defs
}

// leftmostIs reports whether the leftmost operand of a + chain is obj.
func leftmostIs(b *ast.BinaryExpr, obj types.Object, info *types.Info) bool {
	x := ast.Expr(b)
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.BinaryExpr:
			if e.Op != token.ADD {
				return false
			}
			x = e.X
		case *ast.Ident:
			return info.Uses[e] == obj
		default:
			return false
		}
	}
}

// evalCall handles the calls that produce SQL text: fmt.Sprintf,
// strings.Join, conversions, pass-through helpers of the libraries, query
// builders, and module functions that return text.
func (c *accessCollector) evalCall(fc *funcCtx, call *ast.CallExpr, depth int) []tmpl {
	if tv, ok := fc.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return c.eval(fc, call.Args[0], depth) // string(x)
	}
	fn := calleeFunc(fc.info, call)
	if fn == nil || fn.Pkg() == nil {
		return []tmpl{hole()}
	}
	path, name := fn.Pkg().Path(), fn.Name()
	switch {
	case path == "fmt" && name == "Sprintf" && len(call.Args) > 0:
		return c.sprintf(fc, call, depth)
	case path == "strings" && name == "Join" && len(call.Args) == 2:
		if cl, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit); ok {
			sep := first(c.eval(fc, call.Args[1], depth))
			out := tmpl{}
			for i, e := range cl.Elts {
				if i > 0 {
					out = concat(out, sep)
				}
				out = concat(out, first(c.eval(fc, e, depth)))
			}
			return []tmpl{out}
		}
	case path == "strings" && (name == "TrimSpace" || name == "ToLower" || name == "ToUpper") && len(call.Args) == 1:
		return c.eval(fc, call.Args[0], depth)
	case path == "strings" && name == "String" && receiverExpr(call) != nil:
		return c.builderText(fc, receiverExpr(call), depth)
	}
	switch libraryOf(fn) {
	case "sqlx":
		// In, Rebind, Named and the DB methods of the same names return
		// the query they are given, rewritten.
		switch name {
		case "In", "Rebind", "Named", "BindNamed":
			if i := firstStringParam(fn); i >= 0 && i < len(call.Args) {
				return c.eval(fc, call.Args[i], depth)
			}
		}
	case "squirrel":
		if name == "ToSql" || name == "MustSql" {
			return []tmpl{{{param: builderMark}}}
		}
	}
	// A module function returning text: evaluate its returns with the
	// arguments of this call.
	if callee, ok := c.funcs[fn]; ok && fn.Signature().Results().Len() >= 1 {
		if alts := c.returns(callee, depth+1); len(alts) > 0 {
			return c.substituteArgs(alts, fc, call, depth)
		}
	}
	return []tmpl{hole()}
}

// returns evaluates the first result of every return statement of a
// function (not of the function literals in it).
func (c *accessCollector) returns(fc *funcCtx, depth int) []tmpl {
	decl, ok := fc.node.(*ast.FuncDecl)
	if !ok || decl.Body == nil || depth > maxDepth {
		return nil
	}
	var out []tmpl
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 && len(out) < maxAlts {
				out = append(out, c.eval(fc, n.Results[0], depth)...)
			}
		}
		return true
	})
	if len(out) > maxAlts {
		out = out[:maxAlts]
	}
	return out
}

// builderText is the text written to a strings.Builder (WriteString,
// fmt.Fprintf) in the enclosing declaration, in source order.
func (c *accessCollector) builderText(fc *funcCtx, recv ast.Expr, depth int) []tmpl {
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return []tmpl{hole()}
	}
	target := fc.info.Uses[id]
	if target == nil {
		return []tmpl{hole()}
	}
	same := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u.X
		}
		i, ok := ast.Unparen(e).(*ast.Ident)
		return ok && fc.info.Uses[i] == target
	}
	out := tmpl{}
	ast.Inspect(fc.node, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := calleeFunc(fc.info, call)
		if fn == nil || fn.Pkg() == nil {
			return true
		}
		switch {
		case fn.Pkg().Path() == "strings" && fn.Name() == "WriteString" && same(receiverExpr(call)) && len(call.Args) == 1:
			out = concat(out, first(c.eval(fc, call.Args[0], depth+1)))
		case fn.Pkg().Path() == "fmt" && fn.Name() == "Fprintf" && len(call.Args) >= 2 && same(call.Args[0]):
			out = concat(out, first(c.format(fc, call.Args[1], call.Args[2:], depth+1)))
		}
		return true
	})
	if len(out) == 0 {
		return []tmpl{hole()}
	}
	return []tmpl{out}
}

func (c *accessCollector) sprintf(fc *funcCtx, call *ast.CallExpr, depth int) []tmpl {
	return c.format(fc, call.Args[0], call.Args[1:], depth)
}

// format evaluates a Printf-style call: a constant format whose verbs take
// the texts of the arguments (holes when unknown).
func (c *accessCollector) format(fc *funcCtx, f ast.Expr, args []ast.Expr, depth int) []tmpl {
	var out []tmpl
	for _, ft := range c.eval(fc, f, depth) {
		if len(ft) != 1 || ft[0].param != noParam {
			out = append(out, hole())
			continue
		}
		out = append(out, c.formatText(fc, ft[0].lit, args, depth))
	}
	return out
}

func (c *accessCollector) formatText(fc *funcCtx, format string, args []ast.Expr, depth int) tmpl {
	out := tmpl{}
	argi := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			out = concat(out, lit(string(ch)))
			continue
		}
		j := i + 1
		if j < len(format) && format[j] == '%' {
			out = concat(out, lit("%"))
			i = j
			continue
		}
		// Flags, width, precision and an explicit index [n].
		for j < len(format) && strings.IndexByte("+-# 0123456789.*", format[j]) >= 0 {
			j++
		}
		if j < len(format) && format[j] == '[' {
			k := strings.IndexByte(format[j:], ']')
			if k > 0 {
				if n, err := strconv.Atoi(format[j+1 : j+k]); err == nil {
					argi = n - 1
				}
				j += k + 1
			}
		}
		if j >= len(format) {
			break
		}
		verb := format[j]
		var v tmpl
		if argi >= 0 && argi < len(args) {
			switch verb {
			case 's', 'v':
				v = first(c.eval(fc, args[argi], depth))
			case 'q':
				v = concat(concat(lit(`"`), first(c.eval(fc, args[argi], depth))), lit(`"`))
			case 'd':
				v = lit("0")
			default:
				v = hole()
			}
		} else {
			v = hole()
		}
		if tv, ok := fc.info.Types[argOrNil(args, argi)]; ok && tv.Value != nil && verb == 'd' {
			v = lit(tv.Value.ExactString())
		}
		out = concat(out, v)
		argi++
		i = j
	}
	return out
}

func argOrNil(args []ast.Expr, i int) ast.Expr {
	if i >= 0 && i < len(args) {
		return args[i]
	}
	return nil
}

// substitute replaces a helper's parameters in its templates with the
// texts of the arguments at one of its calls.
func (c *accessCollector) substitute(alts []tmpl, s *callSite) []tmpl {
	return c.substituteArgs(alts, s.fn, s.call, 0)
}

func (c *accessCollector) substituteArgs(alts []tmpl, fc *funcCtx, call *ast.CallExpr, depth int) []tmpl {
	args := map[int][]tmpl{}
	arg := func(i int) []tmpl {
		if a, ok := args[i]; ok {
			return a
		}
		var a []tmpl
		if i < len(call.Args) && !(call.Ellipsis.IsValid() && i == len(call.Args)-1) {
			a = c.eval(fc, call.Args[i], depth+1)
		} else {
			a = []tmpl{hole()}
		}
		args[i] = a
		return a
	}
	var out []tmpl
	for _, t := range alts {
		cur := []tmpl{{}}
		for _, p := range t {
			if p.param >= 0 {
				cur = product(cur, arg(p.param))
			} else {
				cur = product(cur, []tmpl{{p}})
			}
		}
		out = append(out, cur...)
		if len(out) >= maxAlts {
			return out[:maxAlts]
		}
	}
	return out
}

// firstStringParam is the index of a function's first string parameter.
func firstStringParam(fn *types.Func) int {
	params := fn.Signature().Params()
	for i := 0; i < params.Len(); i++ {
		if b, ok := params.At(i).Type().Underlying().(*types.Basic); ok && b.Kind() == types.String {
			return i
		}
	}
	return -1
}
