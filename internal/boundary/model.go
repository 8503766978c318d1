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

	// Splits are the packages whose symbols fall into several boundaries
	// (symbol level only), in import path order.
	Splits []Split
	// DataTypes are the struct types used across a boundary: the future
	// DTOs or shared schemas. Most used first.
	DataTypes []DataType
	// Order is the suggested extraction order (strangler fig): boundaries
	// nothing left in the monolith depends on come first; the cycles are
	// broken where they are thinnest.
	Order []Step

	// TableWarnings are the tables more than one boundary touches, the
	// most severe first (see tables.go for the rules).
	TableWarnings []TableWarning
	// SQL says how much of the data access was understood.
	SQL SQLSummary

	Metrics Metrics
	// Undecided lists units whose placement changed between clustering
	// runs (only with several runs), least confident first.
	Undecided []Undecided

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
	// Symbols are the boundary's symbols, "import/path.Name", sorted
	// (symbol level only). At symbol level Packages are the packages that
	// have most of their lines here; see Model.Splits for the others.
	Symbols []string
	Files   int
	Lines   int

	// Cohesion and Coupling are the boundary's terms of SM (structural
	// modularity): the density of links inside it, and its links to each
	// other boundary relative to their sizes, averaged.
	Cohesion, Coupling float64

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

	// Tables are the database tables the boundary owns (writes most),
	// sorted.
	Tables []string

	// KeptApartFrom names the boundary the clustering had folded this one
	// into before it was kept apart for owning its own data (see
	// peel.go), and KeptApartWhy says why; both empty otherwise. It is a
	// judgment call worth reviewing: merging the two back is defensible.
	KeptApartFrom, KeptApartWhy string
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
	// Users are the using boundaries with their reference counts, most
	// references first.
	Users []BoundaryRef
	// DataType is true for a struct type whose fields other boundaries
	// read or set (selections, keyed literals): data that crosses the
	// boundary, a future DTO or shared schema.
	DataType bool
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
	// Symbols is the number of distinct symbols of To that From uses.
	Symbols int
	// Chatty is true when Symbols reaches ChattySymbols: the cut runs
	// through a conversation rather than along an interface.
	Chatty bool
	// Links are the heaviest symbol-to-symbol references behind the
	// dependency (at most LinksPerDependency).
	Links []Link
}

// Link is the references from one symbol to another across a boundary.
type Link struct {
	From, To string // "import/path.Name"
	Refs     int
	// Kinds are the reference kinds: call, type, value, field, embed,
	// implement.
	Kinds []string
	// Samples are the first reference sites, "rel/file.go:12" (at most
	// three).
	Samples []string
}

// Split is a package whose symbols fall into several boundaries.
type Split struct {
	Package string
	// Parts are the boundaries that get some of its symbols, most lines
	// first.
	Parts []SplitPart
	// Shared are the symbols that stay in the shared kernel (a god
	// package's genuine kernel part), by name.
	Shared []string
}

// SplitPart is the share of a split package that goes to one boundary.
type SplitPart struct {
	Boundary string
	Symbols  []string // names within the package, sorted
	Lines    int
}

// DataType is a struct type whose fields boundaries other than its own
// read or set.
type DataType struct {
	Symbol string // "import/path.Name"
	Owner  string // the boundary it belongs to
	UsedBy []string
	Refs   int
}

// Step is one step of the extraction order.
type Step struct {
	Boundary string
	// Break are the dependencies that must be broken before this step:
	// the thinnest links of the cycles the boundary is part of.
	Break []Dependency
	// Calls are the boundaries still in the monolith at this step that
	// the extracted service would call, with reference counts.
	Calls []BoundaryRef
	// Reason says why it comes here, in a few words.
	Reason string
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
	// Tables is the number of tables the boundaries touch.
	Tables int
	// TablePurity is the fraction of those tables written by at most one
	// boundary (higher is better).
	TablePurity float64
	// ForeignTableAccess is the fraction of table accesses made by a
	// boundary that does not own the table (lower is better).
	ForeignTableAccess float64

	// The microservice-identification metrics (Mono2Micro, Kalia et al.
	// FSE 2021) over the service units and their references; see
	// cluster.Metrics for the formulas. SM ↑, ICP ↓, IFN ↓, NED ↓.
	SM, ICP, IFN, NED float64
	// Services is the --services target (0: none) and Reached whether a
	// resolution giving exactly that many boundaries was found.
	Services int
	Reached  bool
	// Runs is the number of clustering runs (--runs); Agreement their mean
	// adjusted Rand index with the run kept (1: every seed agrees).
	Runs      int
	Agreement float64
	// AutoResolution tells that the resolution was chosen automatically
	// (the default); Stability is the chosen resolution's stability and
	// Firm whether it reached cluster.AutoStable (see cluster/auto.go).
	AutoResolution bool
	Stability      float64
	Firm           bool
}

// Undecided is a unit that did not land with its boundary in enough of
// the clustering runs to trust its placement.
type Undecided struct {
	Unit       string // import path (package level)
	Boundary   string
	Confidence float64
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
