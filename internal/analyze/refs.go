package analyze

import (
	"go/ast"
	"go/types"
)

// Reference weights: how much affinity one reference of each kind adds to
// an edge. Embedding ties two types together far more than a single call
// does (the outer type takes on the inner one's whole method set), and a
// concrete type standing in for an interface is a design-level link.
var kindWeight = map[EdgeKind]float64{
	RefCall:      1,
	RefType:      1,
	RefValue:     1,
	RefField:     1,
	RefEmbed:     4,
	RefImplement: 2,
}

// refWalker finds, within one declaration, every use of a module symbol.
type refWalker struct {
	b     *builder
	info  *types.Info
	file  FileID
	owner SymID

	calls     map[*ast.Ident]bool
	embeds    map[*ast.Ident]bool
	selectors map[*ast.Ident]*ast.SelectorExpr
	keys      map[*ast.Ident]types.Type // composite-literal keys -> the literal's type
}

// collectReferences walks every declaration of every package and records a
// symbol edge for each use of another module symbol.
func (b *builder) collectReferences() {
	for _, u := range b.units {
		for _, f := range u.files {
			if f.syntax == nil || f.info == nil || f.tpkg == nil {
				continue
			}
			names := b.symByName[f.tpkg.Path()]
			w := &refWalker{b: b, info: f.info, file: f.id,
				calls: map[*ast.Ident]bool{}, embeds: map[*ast.Ident]bool{},
				selectors: map[*ast.Ident]*ast.SelectorExpr{}, keys: map[*ast.Ident]types.Type{}}
			for _, du := range topLevel(f.syntax) {
				owner, ok := names[du.name]
				if !ok {
					continue
				}
				w.owner = owner
				ast.Inspect(du.node, w.visit)
				clear(w.calls)
				clear(w.embeds)
				clear(w.selectors)
				clear(w.keys)
			}
			b.implementations(w, f)
		}
	}
}

func (w *refWalker) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		if id := calleeIdent(n.Fun); id != nil {
			w.calls[id] = true
		}
	case *ast.SelectorExpr:
		w.selectors[n.Sel] = n
	case *ast.StructType:
		for _, f := range n.Fields.List {
			if len(f.Names) == 0 {
				if id := typeIdent(f.Type); id != nil {
					w.embeds[id] = true
				}
			}
		}
	case *ast.InterfaceType:
		for _, m := range n.Methods.List {
			if len(m.Names) == 0 {
				if id := typeIdent(m.Type); id != nil {
					w.embeds[id] = true
				}
			}
		}
	case *ast.CompositeLit:
		if tv, ok := w.info.Types[n]; ok {
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						w.keys[id] = tv.Type
					}
				}
			}
		}
	case *ast.Ident:
		w.use(n)
	}
	return true
}

// use records the reference made by one identifier, if it names a module
// symbol other than the enclosing one.
func (w *refWalker) use(id *ast.Ident) {
	obj := w.info.Uses[id]
	if obj == nil {
		return
	}
	target, kind, ok := w.resolve(obj, id)
	if !ok || target == w.owner {
		return
	}
	w.b.addRef(w.owner, target, kind, w.b.pos(w.file, id.Pos()))
}

func (w *refWalker) resolve(obj types.Object, id *ast.Ident) (SymID, EdgeKind, bool) {
	pkg := obj.Pkg()
	if pkg == nil {
		return 0, 0, false
	}
	switch o := obj.(type) {
	case *types.TypeName:
		if o.Parent() != pkg.Scope() {
			return 0, 0, false // local types and type parameters
		}
		kind := RefType
		if w.embeds[id] {
			kind = RefEmbed
		}
		return w.b.lookup(pkg.Path(), o.Name(), kind)
	case *types.Func:
		o = o.Origin()
		kind := RefValue
		if w.calls[id] {
			kind = RefCall
		}
		if recv := o.Signature().Recv(); recv != nil {
			named := namedOf(recv.Type())
			if named == nil || named.Obj().Pkg() == nil {
				return 0, 0, false
			}
			return w.b.lookup(named.Obj().Pkg().Path(), named.Obj().Name(), kind)
		}
		if o.Parent() != pkg.Scope() {
			return 0, 0, false
		}
		return w.b.lookup(pkg.Path(), o.Name(), kind)
	case *types.Var:
		o = o.Origin()
		if o.IsField() {
			named := w.fieldOwner(id)
			if named == nil || named.Obj().Pkg() == nil {
				return 0, 0, false
			}
			return w.b.lookup(named.Obj().Pkg().Path(), named.Obj().Name(), RefField)
		}
		if o.Parent() != pkg.Scope() {
			return 0, 0, false
		}
		return w.b.lookup(pkg.Path(), o.Name(), RefValue)
	case *types.Const:
		if o.Parent() != pkg.Scope() {
			return 0, 0, false
		}
		return w.b.lookup(pkg.Path(), o.Name(), RefValue)
	}
	return 0, 0, false
}

// fieldOwner finds the named struct type that declares the field id
// refers to: the literal's type for a composite-literal key, or the end of
// the embedding path for a selection (so promoted fields go to the type
// that really declares them).
func (w *refWalker) fieldOwner(id *ast.Ident) *types.Named {
	if t, ok := w.keys[id]; ok {
		return namedOf(t)
	}
	sel := w.selectors[id]
	if sel == nil {
		return nil
	}
	s := w.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil
	}
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		t = st.Field(i).Type()
	}
	return namedOf(t)
}

func (b *builder) lookup(pkgPath, name string, kind EdgeKind) (SymID, EdgeKind, bool) {
	id, ok := b.symByName[pkgPath][name]
	return id, kind, ok
}

// addRef adds one reference to the symbol edge from -> to.
func (b *builder) addRef(from, to SymID, kind EdgeKind, at Pos) {
	k := [2]int32{int32(from), int32(to)}
	e := b.symEdges[k]
	if e == nil {
		e = &Edge{From: int32(from), To: int32(to)}
		b.symEdges[k] = e
	}
	e.Refs++
	e.Weight += kindWeight[kind]
	e.Kinds |= kind
	e.Evidence = append(e.Evidence, at)
}

// calleeIdent returns the identifier naming the function called by fun:
// f, pkg.F, x.M, f[T], (f).
func calleeIdent(fun ast.Expr) *ast.Ident {
	for {
		switch x := fun.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			return x.Sel
		case *ast.ParenExpr:
			fun = x.X
		case *ast.IndexExpr:
			fun = x.X
		case *ast.IndexListExpr:
			fun = x.X
		default:
			return nil
		}
	}
}

// typeIdent returns the identifier naming an embedded type: T, *T, pkg.T,
// T[P].
func typeIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			return x.Sel
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		default:
			return nil
		}
	}
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// namedOf returns the (origin of the) named type behind t or *t.
func namedOf(t types.Type) *types.Named {
	t = types.Unalias(deref(types.Unalias(t)))
	if n, ok := t.(*types.Named); ok {
		return n.Origin()
	}
	return nil
}
