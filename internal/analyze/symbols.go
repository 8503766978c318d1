package analyze

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// symbolDecl is a symbol being declared, before IDs are assigned.
type symbolDecl struct {
	sym     Symbol
	variant string // types.Package path the name lives in
	hasDecl bool   // a declaration (not only methods) was seen
}

// declareSymbols creates the symbols of every package: named types (their
// methods counted with them), functions, var/const groups, and "init".
func (b *builder) declareSymbols() {
	for _, u := range b.units {
		decls := map[[2]string]*symbolDecl{} // (variant path, name)
		get := func(variant, name string, kind SymbolKind) *symbolDecl {
			k := [2]string{variant, name}
			d := decls[k]
			if d == nil {
				d = &symbolDecl{variant: variant, sym: Symbol{Package: u.pkg.ID, Name: name, Kind: kind, Exported: token.IsExported(name)}}
				decls[k] = d
			}
			return d
		}
		for _, f := range u.files {
			if f.syntax == nil || f.tpkg == nil {
				continue
			}
			variant := f.tpkg.Path()
			for _, du := range topLevel(f.syntax) {
				d := get(variant, du.name, du.kind)
				d.sym.Lines += b.lines(du.node)
				if du.isMethod {
					continue // counted with its type, declared there
				}
				if !d.hasDecl {
					d.hasDecl = true
					d.sym.Kind = du.kind
					d.sym.Pos = b.pos(f.id, declPos(du.node))
					d.sym.Sig = signature(f.tpkg, du.name, du.kind)
					d.sym.Struct = isStruct(f.tpkg, du.name, du.kind)
				}
			}
		}
		list := make([]*symbolDecl, 0, len(decls))
		for _, d := range decls {
			if !d.hasDecl {
				continue // methods of a type we never saw (a broken package)
			}
			list = append(list, d)
		}
		// A name may exist twice: in the package and in its external test
		// package. Keep both, marking the test one.
		sort.Slice(list, func(i, j int) bool {
			if list[i].sym.Name != list[j].sym.Name {
				return list[i].sym.Name < list[j].sym.Name
			}
			return list[i].variant < list[j].variant
		})
		for i, d := range list {
			if i > 0 && list[i-1].sym.Name == d.sym.Name {
				d.sym.Name += " (test)"
			}
			id := SymID(len(b.g.Symbols))
			d.sym.ID = id
			s := d.sym
			b.g.Symbols = append(b.g.Symbols, &s)
			u.pkg.Symbols = append(u.pkg.Symbols, id)
			m := b.symByName[d.variant]
			if m == nil {
				m = map[string]SymID{}
				b.symByName[d.variant] = m
			}
			m[nameKey(d)] = id
		}
		// Every name of a var/const group resolves to the group.
		for _, f := range u.files {
			if f.syntax == nil || f.tpkg == nil {
				continue
			}
			m := b.symByName[f.tpkg.Path()]
			for _, du := range topLevel(f.syntax) {
				if du.group == nil || du.kind == KindInit {
					continue
				}
				id, ok := m[du.name]
				if !ok {
					continue
				}
				for _, spec := range du.group.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						if n.Name != "_" {
							m[n.Name] = id
						}
					}
				}
			}
		}
	}
}

// nameKey is the lookup name of a declared symbol: its declared name,
// without the "(test)" mark added for display.
func nameKey(d *symbolDecl) string {
	return d.sym.Name
}

// declUnit is a top-level declaration, or one spec of a grouped type
// declaration, with the symbol it belongs to.
type declUnit struct {
	node     ast.Node
	name     string
	kind     SymbolKind
	isMethod bool
	group    *ast.GenDecl // the var/const declaration, for its other names
}

// topLevel lists the declaration units of a file in source order.
func topLevel(f *ast.File) []declUnit {
	var out []declUnit
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			switch {
			case d.Recv != nil && len(d.Recv.List) > 0:
				if name := recvTypeName(d.Recv.List[0].Type); name != "" {
					out = append(out, declUnit{node: d, name: name, kind: KindType, isMethod: true})
				}
			case d.Name.Name == "init" || d.Name.Name == "_":
				out = append(out, declUnit{node: d, name: "init", kind: KindInit})
			default:
				out = append(out, declUnit{node: d, name: d.Name.Name, kind: KindFunc})
			}
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					var n ast.Node = ts
					if len(d.Specs) == 1 {
						n = d // keep the doc comment and "type" keyword in the span
					}
					out = append(out, declUnit{node: n, name: ts.Name.Name, kind: KindType})
				}
			case token.VAR, token.CONST:
				kind := KindVar
				if d.Tok == token.CONST {
					kind = KindConst
				}
				u := declUnit{node: d, name: "init", kind: KindInit, group: d}
				for _, spec := range d.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						if n.Name != "_" && u.kind == KindInit {
							u.name, u.kind = n.Name, kind
						}
					}
				}
				out = append(out, u) // all-blank groups ("var _ I = (*T)(nil)") belong to init
			}
		}
	}
	return out
}

// recvTypeName returns the type name of a method receiver expression:
// T, *T, T[P], *T[P, Q].
func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func declPos(n ast.Node) token.Pos {
	switch d := n.(type) {
	case *ast.FuncDecl:
		return d.Name.Pos()
	case *ast.TypeSpec:
		return d.Name.Pos()
	case *ast.GenDecl:
		if d.Tok == token.TYPE && len(d.Specs) == 1 {
			return d.Specs[0].(*ast.TypeSpec).Name.Pos()
		}
	}
	return n.Pos()
}

func (b *builder) lines(n ast.Node) int {
	return b.fset.Position(n.End()).Line - b.fset.Position(n.Pos()).Line + 1
}

// signature renders a one-line description of a package-level object, with
// names from its own package unqualified.
func signature(pkg *types.Package, name string, kind SymbolKind) string {
	if kind == KindInit {
		return "func init()"
	}
	obj := pkg.Scope().Lookup(name)
	if obj == nil {
		return ""
	}
	qual := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	if tn, ok := obj.(*types.TypeName); ok {
		kindWord := "type"
		switch tn.Type().Underlying().(type) {
		case *types.Struct:
			return "type " + name + " struct"
		case *types.Interface:
			return "type " + name + " interface"
		}
		s := types.TypeString(tn.Type().Underlying(), qual)
		if len(s) > 60 {
			s = s[:57] + "..."
		}
		return kindWord + " " + name + " " + s
	}
	s := types.ObjectString(obj, qual)
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// isStruct reports whether a package-level name declares a struct type.
func isStruct(pkg *types.Package, name string, kind SymbolKind) bool {
	if kind != KindType {
		return false
	}
	tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		return false
	}
	_, ok = tn.Type().Underlying().(*types.Struct)
	return ok
}
