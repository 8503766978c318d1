package analyze

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// builder accumulates a Graph from loaded packages. It is used once.
type builder struct {
	fset    *token.FileSet
	root    string
	g       *Graph
	units   []*unit
	fileIDs map[string]FileID // absolute path -> id

	// symByName finds a symbol from a types.Package path and a declared
	// name (every name of a var/const group maps to the group).
	symByName map[string]map[string]SymID

	symEdges map[[2]int32]*Edge
}

// unit is a Package under construction with the go/packages data behind it.
type unit struct {
	pkg      *Package
	variants []*packages.Package
	files    []unitFile
}

type unitFile struct {
	id     FileID
	syntax *ast.File         // nil without types (or when it failed to parse)
	info   *types.Info       // the variant's info for this file
	tpkg   *types.Package    // the variant's types package
	vpkg   *packages.Package // the variant
}

func newBuilder(fset *token.FileSet, root, module string) *builder {
	return &builder{
		fset:      fset,
		root:      root,
		g:         &Graph{Module: module, Root: root},
		fileIDs:   map[string]FileID{},
		symByName: map[string]map[string]SymID{},
		symEdges:  map[[2]int32]*Edge{},
	}
}

func (b *builder) addPackage(l *loaded) {
	first := l.variants[0]
	p := &Package{
		ID:   PkgID(len(b.g.Packages)),
		Path: l.path,
		Name: strings.TrimSuffix(first.Name, "_test"),
	}
	u := &unit{pkg: p, variants: l.variants}
	for _, v := range l.variants {
		if v.Name == "main" {
			p.IsMain = true
		}
		syntax := map[string]*ast.File{}
		for _, f := range v.Syntax {
			if tf := b.fset.File(f.FileStart); tf != nil {
				syntax[tf.Name()] = f
			}
		}
		for _, name := range v.GoFiles {
			if !strings.HasSuffix(name, ".go") {
				continue // cgo and other generated intermediates
			}
			if _, dup := b.fileIDs[name]; dup {
				continue // shared between a package and its test variant
			}
			id := FileID(len(b.g.Files))
			b.fileIDs[name] = id
			f := File{Path: relPath(b.root, name), Package: p.ID, Test: strings.HasSuffix(name, "_test.go")}
			uf := unitFile{id: id, syntax: syntax[name], info: v.TypesInfo, tpkg: v.Types, vpkg: v}
			if uf.syntax != nil {
				f.Generated = ast.IsGenerated(uf.syntax)
				lines := b.fset.File(uf.syntax.FileStart).LineCount()
				p.Lines += lines
				if f.Generated {
					p.GeneratedLines += lines
				}
			}
			b.g.Files = append(b.g.Files, f)
			p.Files = append(p.Files, id)
			u.files = append(u.files, uf)
		}
		if p.Dir == "" && len(v.GoFiles) > 0 {
			p.Dir = relPath(b.root, dirOf(v.GoFiles[0]))
		}
	}
	if p.Dir == "" {
		p.Dir = "."
	}
	b.g.Packages = append(b.g.Packages, p)
	b.units = append(b.units, u)
}

func dirOf(file string) string {
	if i := strings.LastIndexAny(file, `/\`); i >= 0 {
		return file[:i]
	}
	return "."
}

// addErrors records the per-package errors of the module's packages.
func (b *builder) addErrors(roots []*loaded, all []*packages.Package) {
	for i, l := range roots {
		seen := map[string]bool{}
		for _, v := range l.variants {
			typed := false
			for _, e := range v.Errors {
				typed = typed || e.Kind == packages.TypeError || e.Kind == packages.ParseError
			}
			for _, e := range v.Errors {
				// With type errors, the go command's compiler output
				// ("# pkg\nfile:line: ...") only repeats them.
				if typed && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
					continue
				}
				pe := PackageError{Package: l.path, Msg: e.Msg}
				if e.Pos != "" && e.Pos != "-" {
					pe.Pos = b.relPos(e.Pos)
				}
				key := pe.String()
				if seen[key] {
					continue
				}
				seen[key] = true
				b.g.Errors = append(b.g.Errors, pe)
				b.g.Packages[i].HasErrors = true
			}
		}
	}
}

// relPos rewrites "/abs/file.go:12:3" as "rel/file.go:12:3".
func (b *builder) relPos(pos string) string {
	// The file name may itself contain colons (Windows); split from the right.
	rest := pos
	var tail []string
	for k := 0; k < 2; k++ {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		if _, err := strconv.Atoi(rest[i+1:]); err != nil {
			break
		}
		tail = append([]string{rest[i+1:]}, tail...)
		rest = rest[:i]
	}
	return strings.Join(append([]string{relPath(b.root, rest)}, tail...), ":")
}

// parseImports parses just the import clauses when no types were loaded,
// so that import edges still carry their file:line.
func (b *builder) parseImports() error {
	for _, u := range b.units {
		for i := range u.files {
			f := &u.files[i]
			name := b.g.Files[f.id].Path
			abs := name
			if !strings.HasPrefix(name, "/") {
				abs = b.root + "/" + name
			}
			af, err := parser.ParseFile(b.fset, abs, nil, parser.ImportsOnly|parser.ParseComments)
			if af == nil {
				_ = err // a broken file is already reported by go list or will be by the compiler
				continue
			}
			f.syntax = af
			b.g.Files[f.id].Generated = ast.IsGenerated(af)
		}
	}
	return nil
}

// collectImports records import specs that point at other module packages.
func (b *builder) collectImports() {
	b.g.index()
	for _, u := range b.units {
		for _, f := range u.files {
			if f.syntax == nil {
				continue
			}
			for _, spec := range f.syntax.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					continue
				}
				to, ok := b.g.pkgIndex[path]
				if !ok || to == u.pkg.ID {
					continue
				}
				b.g.Imports = append(b.g.Imports, Import{From: u.pkg.ID, To: to, Pos: b.pos(f.id, spec.Pos())})
			}
		}
	}
	sort.Slice(b.g.Imports, func(i, j int) bool {
		x, y := b.g.Imports[i], b.g.Imports[j]
		if x.From != y.From {
			return x.From < y.From
		}
		if x.To != y.To {
			return x.To < y.To
		}
		if x.Pos.File != y.Pos.File {
			return x.Pos.File < y.Pos.File
		}
		return x.Pos.Line < y.Pos.Line
	})
}

func (b *builder) pos(file FileID, p token.Pos) Pos {
	return Pos{File: file, Line: int32(b.fset.Position(p).Line)}
}

// finish sorts what needs sorting and aggregates package edges.
func (b *builder) finish() *Graph {
	g := b.g
	g.SymEdges = make([]Edge, 0, len(b.symEdges))
	for _, e := range b.symEdges {
		g.SymEdges = append(g.SymEdges, *e)
	}
	sortEdges(g.SymEdges)
	g.PkgEdges = aggregate(g)
	sort.SliceStable(g.Errors, func(i, j int) bool {
		if g.Errors[i].Package != g.Errors[j].Package {
			return g.Errors[i].Package < g.Errors[j].Package
		}
		return g.Errors[i].Pos < g.Errors[j].Pos
	})
	g.index()
	return g
}

// aggregate sums symbol edges between different packages into package
// edges, so that one load serves both levels.
func aggregate(g *Graph) []Edge {
	m := map[[2]int32]*Edge{}
	for _, e := range g.SymEdges {
		from, to := int32(g.Symbols[e.From].Package), int32(g.Symbols[e.To].Package)
		if from == to {
			continue
		}
		k := [2]int32{from, to}
		pe := m[k]
		if pe == nil {
			pe = &Edge{From: from, To: to}
			m[k] = pe
		}
		pe.Refs += e.Refs
		pe.Weight += e.Weight
		pe.Kinds |= e.Kinds
		pe.Evidence = append(pe.Evidence, e.Evidence...)
	}
	out := make([]Edge, 0, len(m))
	for _, e := range m {
		out = append(out, *e)
	}
	sortEdges(out)
	return out
}
