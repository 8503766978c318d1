// Decompose reads a Go module and proposes where to cut it into services:
// the candidate bounded contexts (boundaries), the API each would have to
// expose, the dependencies and cycles between them, and the packages kept
// out of them (the shared kernel and the composition roots).
//
// Usage:
//
//	decompose [propose] [packages] [flags]   propose boundaries (default ./...)
//	decompose version                        print the version
//
// Run it in the module's directory, or pass -C DIR. Packages are go list
// patterns ("./...", "./internal/...", an import path); only the main
// module's packages are analysed. "decompose help COMMAND" shows a
// command's manual.
//
// Exit codes: 0 success; 1 violations found (check only); 2 usage, config
// or load error. Anything that takes long shows progress on stderr when
// stderr is a terminal, and stays silent when it is not.
//
// # Propose
//
// Propose loads the packages, builds the weighted reference graph between
// them, sets aside the composition roots and the shared kernel, clusters
// the rest into boundaries, and reports them.
//
//	decompose                         # the module in the current directory
//	decompose -C ~/src/shop ./...     # another directory
//	decompose --format json > proposal.json
//
// Loading. The module's packages are parsed and type-checked from source;
// their dependencies (the standard library, other modules) come from the
// go command's export data, which is the cheapest load that still
// resolves every reference. The first run in a cold build cache compiles
// the dependencies once; later runs reuse the cache. Packages with syntax
// or type errors are listed on stderr and in the report, and the proposal
// is built from what could be analysed. Test files are left out unless
// --tests is given; files marked "// Code generated ... DO NOT EDIT." are
// analysed and marked as generated.
//
// The graph. A unit is a package. The weight of the edge from package A to
// package B is the number of references from A's code to B's package-level
// objects (every identifier that resolves to one of B's types, functions,
// methods, fields, variables or constants), each weighted by kind: a call,
// a type use, a value use or a field selection counts 1; embedding a type
// counts 4 (the outer type takes on the inner one's method set). Each
// reference keeps its file:line as evidence. For clustering the two
// directions are added and damped, affinity = 1 + ln(weight), so that one
// very chatty pair does not outweigh many ordinary links.
//
// Roles. Package main packages are entry points (composition roots): they
// wire everything together and would glue every boundary to every other.
// A package is shared kernel when at least 20% of the module's other
// non-main packages import it (and at least 3 do), and it imports at most
// one module package that is not shared kernel itself; the rule is applied
// until nothing changes, so a database helper that imports the logger and
// the config package is found after them. Typical finds: logging, config,
// database helpers, HTTP helpers, money and ID types, and god packages
// such as "models" (see --level symbol to split those). --shared PATTERN
// (repeatable, or comma-separated) replaces the rule with your own list;
// patterns are go list patterns, "./" being the module root;
// --shared=none turns the shared kernel off.
//
// Clustering. The service packages are clustered by community detection
// (Leiden by default, gonum's Louvain with --algorithm louvain) on the
// undirected affinity graph, maximising modularity at --resolution
// (default 1; higher gives more, smaller boundaries). Every random choice
// is seeded from --seed (default 1): the same code and flags give
// byte-identical output. A package with no reference to any other service
// package joins the boundary of its nearest neighbour in the directory
// tree.
//
// Names. A boundary is named after the business word its packages' paths
// share most (weighted by lines of code), skipping technical words such as
// internal, api, service, store or postgres. Clashes get the runner-up word
// appended ("orders-checkout").
//
// The report. Text (the default; styled on a terminal, plain on a pipe or
// with NO_COLOR) leads with a summary, then lists each boundary with its
// packages, size, the boundaries it depends on and is used by (with
// reference counts) and its API: the symbols other boundaries use, with
// reference counts. Then cycles between boundaries (with the references
// that form them), the shared kernel (with the reason for each package),
// the entry points, and the packages that did not load. --format markdown
// gives the same for a design document; --format json the
// decompose.propose/v1 schema below.
//
// JSON schema decompose.propose/v1. Fields are never removed or renamed
// within a schema version; new fields may be added.
//
//	schema        "decompose.propose/v1"
//	module        the module path
//	level         "package"
//	boundaries[]  name, packages[] (import paths), symbols[], tables[],
//	              api[] {symbol, kind, signature, used_by[], refs, samples[]},
//	              files, lines, internal_refs, outgoing_refs, incoming_refs,
//	              depends_on[], used_by[]
//	shared[]      shared-kernel import paths
//	shared_reasons[] {package, reason, imported_by}
//	entrypoints[] package main import paths
//	splits[]      {package, parts[] {boundary, symbols[]}} (symbol level)
//	dependencies[] {from, to, refs, samples[]}   boundary to boundary
//	cycles[]      [boundary names] that depend on each other
//	table_warnings[] {table, owner, boundaries[], accesses[]}
//	metrics       {modularity, cross_boundary_refs, resolution, seed, algorithm}
//	stats         {packages, files, lines, symbols, refs}
//	problems[]    {package, pos, message} packages that did not load cleanly
//
// File paths in samples are relative to the module root, with forward
// slashes ("internal/orders/service.go:42").
package main
