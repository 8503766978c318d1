package analyze

import (
	"go/ast"
	"go/token"
	"go/types"
)

// implementations records RefImplement edges for the file: places where a
// concrete module type is used as an interface declared elsewhere in the
// module. Go never names the interface a type satisfies, so this is the
// only trace of the link: an assignment, a call argument, a return value,
// a composite-literal field or element, a channel send or an explicit
// conversion whose source is a concrete module type and whose destination
// is a module interface. The edge goes from the concrete type's symbol to
// the interface's, with the position of the use as evidence.
func (b *builder) implementations(w *refWalker, f unitFile) {
	if f.syntax == nil || f.info == nil {
		return
	}
	iw := implWalker{b: b, info: f.info, file: f.id}
	for _, d := range f.syntax.Decls {
		iw.sigs = iw.sigs[:0]
		ast.Inspect(d, iw.visit)
	}
}

// implWalker walks one file's declarations. sigs is the stack of enclosing
// function signatures (for return statements); a function literal pushes
// its own.
type implWalker struct {
	b     *builder
	info  *types.Info
	file  FileID
	sigs  []*types.Signature
	stack []ast.Node
}

func (iw *implWalker) visit(n ast.Node) bool {
	if n == nil {
		top := iw.stack[len(iw.stack)-1]
		iw.stack = iw.stack[:len(iw.stack)-1]
		switch top.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			iw.sigs = iw.sigs[:len(iw.sigs)-1]
		}
		return false
	}
	iw.stack = append(iw.stack, n)
	switch n := n.(type) {
	case *ast.FuncDecl:
		iw.sigs = append(iw.sigs, iw.signatureOf(n.Name))
	case *ast.FuncLit:
		sig, _ := iw.typeOf(n).(*types.Signature)
		iw.sigs = append(iw.sigs, sig)
	case *ast.AssignStmt:
		if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
			for i, lhs := range n.Lhs {
				iw.flow(n.Rhs[i], iw.typeOf(lhs))
			}
		}
	case *ast.ValueSpec:
		if n.Type != nil && len(n.Values) == len(n.Names) {
			t := iw.typeOf(n.Type)
			for _, v := range n.Values {
				iw.flow(v, t)
			}
		}
	case *ast.ReturnStmt:
		if len(iw.sigs) == 0 {
			break
		}
		sig := iw.sigs[len(iw.sigs)-1]
		if sig == nil || sig.Results().Len() != len(n.Results) {
			break // a bare return, or f() returning several values
		}
		for i, r := range n.Results {
			iw.flow(r, sig.Results().At(i).Type())
		}
	case *ast.CallExpr:
		iw.call(n)
	case *ast.CompositeLit:
		iw.literal(n)
	case *ast.SendStmt:
		if ch, ok := under(iw.typeOf(n.Chan)).(*types.Chan); ok {
			iw.flow(n.Value, ch.Elem())
		}
	}
	return true
}

// call handles the arguments of a call and explicit conversions I(x).
func (iw *implWalker) call(n *ast.CallExpr) {
	tv, ok := iw.info.Types[n.Fun]
	if !ok {
		return
	}
	if tv.IsType() {
		if len(n.Args) == 1 {
			iw.flow(n.Args[0], tv.Type)
		}
		return
	}
	sig, ok := under(tv.Type).(*types.Signature)
	if !ok {
		return
	}
	params := sig.Params()
	if len(n.Args) == 1 && params.Len() > 1 {
		return // f(g()) spreading several results
	}
	for i, a := range n.Args {
		var t types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			last := params.At(params.Len() - 1).Type()
			if n.Ellipsis.IsValid() {
				t = last
			} else if s, ok := under(last).(*types.Slice); ok {
				t = s.Elem()
			}
		case i < params.Len():
			t = params.At(i).Type()
		}
		iw.flow(a, t)
	}
}

// literal handles the fields of a struct literal and the elements (and
// keys) of slice, array and map literals.
func (iw *implWalker) literal(n *ast.CompositeLit) {
	t := iw.typeOf(n)
	if t == nil {
		return
	}
	switch u := under(deref(t)).(type) {
	case *types.Struct:
		for i, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := iw.info.Uses[id].(*types.Var); ok {
						iw.flow(kv.Value, v.Type())
					}
				}
				continue
			}
			if i < u.NumFields() {
				iw.flow(e, u.Field(i).Type())
			}
		}
	case *types.Slice:
		iw.elements(n.Elts, nil, u.Elem())
	case *types.Array:
		iw.elements(n.Elts, nil, u.Elem())
	case *types.Map:
		iw.elements(n.Elts, u.Key(), u.Elem())
	}
}

func (iw *implWalker) elements(elts []ast.Expr, key, elem types.Type) {
	for _, e := range elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if key != nil {
				iw.flow(kv.Key, key)
			}
			e = kv.Value
		}
		iw.flow(e, elem)
	}
}

// flow records an edge when the value of e, of a concrete module type, goes
// where an interface of the module is expected.
func (iw *implWalker) flow(e ast.Expr, dst types.Type) {
	if e == nil || dst == nil {
		return
	}
	if _, ok := dst.Underlying().(*types.Interface); !ok {
		return
	}
	iface := namedOf(dst)
	if iface == nil || iface.Obj().Pkg() == nil {
		return
	}
	tv, ok := iw.info.Types[e]
	if !ok || tv.Type == nil || tv.IsNil() || tv.IsType() {
		return
	}
	if types.IsInterface(tv.Type) {
		return // an interface passed on: no concrete type is revealed here
	}
	concrete := namedOf(tv.Type)
	if concrete == nil || concrete.Obj().Pkg() == nil {
		return
	}
	from, _, ok := iw.b.lookup(concrete.Obj().Pkg().Path(), concrete.Obj().Name(), RefImplement)
	if !ok {
		return
	}
	to, _, ok := iw.b.lookup(iface.Obj().Pkg().Path(), iface.Obj().Name(), RefImplement)
	if !ok || from == to {
		return
	}
	iw.b.addRef(from, to, RefImplement, iw.b.pos(iw.file, e.Pos()))
}

func (iw *implWalker) typeOf(e ast.Expr) types.Type {
	if tv, ok := iw.info.Types[e]; ok {
		return tv.Type
	}
	if id, ok := e.(*ast.Ident); ok {
		if obj := iw.info.ObjectOf(id); obj != nil {
			return obj.Type()
		}
	}
	return nil
}

func (iw *implWalker) signatureOf(name *ast.Ident) *types.Signature {
	if fn, ok := iw.info.Defs[name].(*types.Func); ok {
		return fn.Signature()
	}
	return nil
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
