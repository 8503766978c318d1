// Package boundary turns a clustered Graph (or an agreed spec) into the
// boundary Model: named contexts, their packages and symbols, the API each
// must expose, the dependencies and cycles between them, and the packages
// kept out of them (the shared kernel and the composition roots).
//
// The Model is plain data for the renderers in package report; nothing here
// prints.
package boundary

// Model is a proposal of service boundaries for one module.
type Model struct {
	Module string
	Root   string
	Level  string // "package" or "symbol"

	Boundaries []*Boundary

	// Shared are the shared-kernel packages, kept out of every boundary.
	Shared []SharedPackage
	// Entrypoints are the composition roots (package main).
	Entrypoints []string

	// Dependencies are the references between boundaries, heaviest first.
	Dependencies []Dependency
	// Cycles are sets of boundaries that depend on each other, each
	// sorted, listed in order.
	Cycles [][]string

	Metrics Metrics

	// Stats describe the loaded code.
	Stats Stats

	// Problems are the packages that did not load or type-check cleanly;
	// the proposal is built from what could be analysed.
	Problems []Problem
}

// Boundary is one proposed service (bounded context).
type Boundary struct {
	Name     string
	Packages []string // import paths, sorted
	Files    int
	Lines    int

	// Internal is the number of references between the boundary's own
	// packages; Outgoing and Incoming count references to and from other
	// boundaries (the shared kernel not included).
	Internal, Outgoing, Incoming int

	// DependsOn and UsedBy name the boundaries this one references and is
	// referenced by, heaviest first.
	DependsOn []BoundaryRef
	UsedBy    []BoundaryRef

	// API lists the boundary's symbols used by other boundaries, most used
	// first.
	API []APIEntry
}

// BoundaryRef is a weighted reference to another boundary.
type BoundaryRef struct {
	Name string
	Refs int
}

// APIEntry is one symbol other boundaries use.
type APIEntry struct {
	Symbol string // import/path.Name
	Kind   string // type, func, var, const
	Sig    string
	UsedBy []string
	Refs   int
	// Samples are a few reference sites, "rel/file.go:12".
	Samples []string
}

// SharedPackage is a shared-kernel package and why it was set aside.
type SharedPackage struct {
	Package string
	Reason  string
	// ImportedBy is the number of module packages importing it.
	ImportedBy int
}

// Dependency is the reference count from one boundary to another, with a
// few sample sites.
type Dependency struct {
	From, To string
	Refs     int
	Samples  []string
}

// Metrics measure the quality of the proposal.
type Metrics struct {
	// Modularity is Newman's Q of the partition over the clustered graph.
	Modularity float64
	// Resolution is the resolution used.
	Resolution float64
	// Seed is the random seed used.
	Seed uint64
	// Algorithm is the community detection algorithm used.
	Algorithm string
	// CrossRefs is the fraction of references between service packages that
	// cross a boundary (lower is better).
	CrossRefs float64
}

// Stats describe the analysed code.
type Stats struct {
	Packages int
	Files    int
	Lines    int
	Symbols  int
	Refs     int
}

// Problem is a package that did not load cleanly.
type Problem struct {
	Package string
	Pos     string
	Msg     string
}
