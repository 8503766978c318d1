// Package analyze loads a Go module with go/packages and turns it into a
// Graph: the module's packages and package-level symbols, the weighted
// references between them with file:line evidence, and the import edges.
//
// The Graph is plain data. It knows nothing of clusters, boundaries or
// output formats; later stages read it and never write to it.
package analyze

import (
	"fmt"
	"sort"
)

// Graph is everything the later stages need to know about the loaded code.
// Slices are sorted so that indices are stable for the same input: packages
// by import path, symbols by package then name, edges by (From, To).
type Graph struct {
	// Module is the main module's path; Root its directory on disk.
	Module string
	Root   string

	// Packages are the loaded module packages, sorted by Path. A PkgID is
	// an index into this slice.
	Packages []*Package

	// Symbols are the package-level symbols of the loaded packages, sorted
	// by package and name. A SymID is an index into this slice. Empty when
	// the load did not ask for types.
	Symbols []*Symbol

	// Files are module-root-relative, slash-separated file paths. A FileID
	// is an index into this slice.
	Files []File

	// PkgEdges are package-to-package references (A's code uses B's
	// objects), aggregated from SymEdges. Self references are left out.
	PkgEdges []Edge

	// SymEdges are symbol-to-symbol references, within and across
	// packages.
	SymEdges []Edge

	// Imports are the import declarations between module packages, with
	// the position of each import spec. They exist even without types.
	Imports []Import

	// Accesses are the database table accesses found in the code, sorted
	// by table, package and position. Empty unless Config.Tables.
	Accesses []TableAccess
	// SQL says how the accesses were found (dialect, unresolved queries).
	SQL SQLInfo

	// Errors are the per-package problems met while loading (syntax and
	// type errors). Packages with errors are still part of the graph,
	// with whatever could be analysed.
	Errors []PackageError

	pkgIndex map[string]PkgID
}

// PkgID indexes Graph.Packages.
type PkgID int32

// SymID indexes Graph.Symbols.
type SymID int32

// FileID indexes Graph.Files.
type FileID int32

// Package is one loaded module package.
type Package struct {
	ID   PkgID
	Path string // import path
	Name string // package name
	Dir  string // module-root-relative directory, slash-separated ("." for the root)

	Files []FileID
	Lines int // lines in the package's files, generated ones included

	// GeneratedLines counts the lines in files marked
	// "// Code generated ... DO NOT EDIT.".
	GeneratedLines int

	// Symbols are the package's symbols (a contiguous range of
	// Graph.Symbols, in order).
	Symbols []SymID

	// IsMain is true for package main: a composition root.
	IsMain bool

	// HasErrors is true when the package did not load or type-check
	// cleanly; see Graph.Errors.
	HasErrors bool
}

// File is one source file of a loaded package.
type File struct {
	Path      string // module-root-relative, slash-separated
	Package   PkgID
	Generated bool // carries a "Code generated ... DO NOT EDIT." marker
	Test      bool // a _test.go file
}

// SymbolKind says what a Symbol declares.
type SymbolKind uint8

// The symbol kinds. A named type carries its methods and fields with it;
// package-level variables and constants are grouped by declaration.
const (
	KindType SymbolKind = iota + 1
	KindFunc
	KindVar
	KindConst
	KindInit // the package's init functions, together
)

func (k SymbolKind) String() string {
	switch k {
	case KindType:
		return "type"
	case KindFunc:
		return "func"
	case KindVar:
		return "var"
	case KindConst:
		return "const"
	case KindInit:
		return "init"
	}
	return fmt.Sprintf("SymbolKind(%d)", k)
}

// Symbol is a package-level unit of code: a named type with its methods, a
// function, or a group of variables or constants declared together.
type Symbol struct {
	ID       SymID
	Package  PkgID
	Name     string // the declared name (the first name of a var/const group)
	Kind     SymbolKind
	Exported bool
	Pos      Pos    // where it is declared
	Lines    int    // lines of its declarations (methods included)
	Sig      string // a one-line signature for reports, e.g. "func NewService(db *sql.DB) *Service"
	// Struct is true for a named struct type: data, which becomes a DTO
	// or a shared schema when it crosses a service boundary.
	Struct bool
}

// Pos is a compact source position.
type Pos struct {
	File FileID
	Line int32
}

// EdgeKind classifies a reference between symbols. An edge may combine
// several kinds; Kinds is a bit set.
type EdgeKind uint16

// The reference kinds.
const (
	RefCall      EdgeKind = 1 << iota // a call of a function or method
	RefType                           // a use of a named type (signatures, fields, literals, conversions)
	RefValue                          // a use of a variable, constant, or a function/method value not called
	RefField                          // a field selection
	RefEmbed                          // struct or interface embedding
	RefImplement                      // a concrete type used as an interface declared elsewhere
)

// Edge is a weighted, directed reference from one unit to another (two
// packages in PkgEdges, two symbols in SymEdges).
type Edge struct {
	From, To int32
	// Refs is the number of references behind the edge.
	Refs int
	// Weight is the clustering affinity the references give (see the
	// weighting scheme in the manual).
	Weight float64
	Kinds  EdgeKind
	// Evidence holds the position of each reference, sorted.
	Evidence []Pos
}

// Import is one import declaration between two module packages.
type Import struct {
	From, To PkgID
	Pos      Pos
}

// PackageError is a problem with one package: it could not be parsed,
// type-checked, or found.
type PackageError struct {
	Package string // import path
	Pos     string // "rel/file.go:12:3" when known
	Msg     string
}

func (e PackageError) String() string {
	if e.Pos != "" {
		return e.Pos + ": " + e.Msg
	}
	return e.Package + ": " + e.Msg
}

// Package returns the package with the given import path, or nil.
func (g *Graph) Package(path string) *Package {
	if id, ok := g.pkgIndex[path]; ok {
		return g.Packages[id]
	}
	return nil
}

// PosString renders p as "rel/file.go:12".
func (g *Graph) PosString(p Pos) string {
	return fmt.Sprintf("%s:%d", g.Files[p.File].Path, p.Line)
}

// SymbolName is the qualified name of a symbol: "import/path.Name".
func (g *Graph) SymbolName(id SymID) string {
	s := g.Symbols[id]
	return g.Packages[s.Package].Path + "." + s.Name
}

// index rebuilds lookup tables after the slices are final.
func (g *Graph) index() {
	g.pkgIndex = make(map[string]PkgID, len(g.Packages))
	for _, p := range g.Packages {
		g.pkgIndex[p.Path] = p.ID
	}
}

// sortEdges orders edges by (From, To) and their evidence by position.
func sortEdges(es []Edge) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].From != es[j].From {
			return es[i].From < es[j].From
		}
		return es[i].To < es[j].To
	})
	for i := range es {
		ev := es[i].Evidence
		sort.Slice(ev, func(a, b int) bool {
			if ev[a].File != ev[b].File {
				return ev[a].File < ev[b].File
			}
			return ev[a].Line < ev[b].Line
		})
	}
}
