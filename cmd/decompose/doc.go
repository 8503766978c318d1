// Decompose reads a Go module and proposes where to cut it into services:
// the candidate bounded contexts (boundaries), the API each would have to
// expose, the dependencies and cycles between them, and the packages kept
// out of them (the shared kernel and the composition roots).
//
// Usage:
//
//	decompose [propose] [packages] [flags]   propose boundaries (default ./...)
//	decompose graph [packages] [flags]       export the graph as DOT, Mermaid or JSON
//	decompose tables [packages] [flags]      list the database tables the code reads and writes
//	decompose check [packages] [flags]       enforce the agreed boundaries of decompose.yaml
//	decompose score --truth FILE [packages]  compare a proposal with a ground truth
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
// The graph. The load builds one graph of symbols, and the package graph
// is its sum, so one load serves both levels. A symbol is a named type
// with its methods and fields, a package-level function, a group of
// variables or constants declared together (named by its first name), or
// a package's init functions. The edge from symbol A to symbol B counts
// the references from A's code to B, each with its file:line as evidence
// and weighted by kind:
//
//	call       1  a call of B (a function, or a method of type B)
//	type       1  B named in a signature, field, literal, conversion T(x)
//	value      1  B's variable or constant, or a function/method value not called
//	field      1  a selection or keyed literal field of struct B
//	embed      4  B embedded in a struct or interface: A takes on B's method set
//	implement  2  A, a concrete type, used where interface B is expected
//
// The last kind is the only trace Go leaves of which interface a type
// satisfies: A's value is assigned to B, passed as a B argument, returned
// as a B, put in a B field or element of a composite literal, sent on a
// channel of B, or converted with B(x), wherever that happens (often in
// main, where the wiring is). The edge from package A to package B sums
// the edges from A's symbols to B's. For clustering the two directions
// are added and damped, affinity = 1 + ln(weight), so that one very
// chatty pair does not outweigh many ordinary links.
//
// Roles. Package main packages are entry points (composition roots): they
// wire everything together and would glue every boundary to every other.
// The shared kernel is found by rules, each of which gives its reason in
// the report:
//
//   - fan-in: at least 20% of the module's other non-main packages import
//     the package (and at least 3 do), and it imports little of the
//     module: the service packages it needs, directly or not, number at
//     most a quarter of its importers (and at most 3), and each of them is
//     also used by someone else or by an entry point (a package's private
//     store makes it part of a service; the config package main loads and
//     the database helper reads is infrastructure). Those it needs join
//     the kernel with it. Applied until
//     nothing changes, so a database helper that imports the logger and
//     the config package is found whichever comes first, most imported
//     package first, and never past 30% of the non-main packages (where
//     every context imports every other's events, each find would make
//     the next look like it imports little);
//   - entry-point support: a package only entry points import, that
//     imports no service package (a config loader), unless it queries
//     tables service code queries too (a sales report the entry point
//     runs is business code);
//   - spread (after a first clustering): a package whose importers fall
//     into at least 3 boundaries, none holding more than half of them, and
//     whose folder is not mostly one boundary's (an HTTP helper every
//     context's handlers use); or one used by two or more boundaries that
//     sits in a folder of mostly shared-kernel packages (a notifier in
//     pkg/ beside the logger). It imports no service package, or takes
//     along the few it needs (at most 3, as the fan-in rule does: the
//     HTTP helper takes the logger it imports), provided each of them is
//     set up by an entry point itself (imported by a main package), none
//     is its private implementation or lives below it (a service's
//     store), and neither it nor they query tables then. Never a package that queries a table other service code
//     queries too: that is a context's data, reached for by others (a
//     layered monolith's store/reservation that three contexts import). A
//     spread find stays found in later rounds;
//   - and back: a fan-in find whose service importers sit mostly in one
//     boundary (more than half of them, at least two, and twice as many
//     as in any other) is that
//     boundary's core, used by others, and goes back to it.
//
// The rules that need boundaries cluster again until the roles settle (at
// most five rounds, at resolution 1 with 8 seeds when the resolution is
// chosen automatically; it is chosen once the roles have settled). Typical finds: logging, config, database helpers,
// HTTP helpers, money and ID types, and god packages such as "models"
// (see --level symbol to split those). --shared PATTERN (repeatable, or
// comma-separated) replaces the rules with your own list; patterns are go
// list patterns, "./" being the module root; --shared=none turns the
// shared kernel off.
//
// Clustering. The service packages are clustered by community detection
// (Leiden by default, gonum's Louvain with --algorithm louvain) on the
// undirected affinity graph, maximising modularity at --resolution
// (higher gives more, smaller boundaries). Every random choice
// is seeded from --seed (default 1): the same code and flags give
// byte-identical output.
//
// Shared names. Besides the references and the tables, packages whose paths
// share business words are linked: the path segments below the module
// without technical ones (internal, api, handler, service, store, repo,
// domain, jobs, legacy, ...), compared by stem (messages, messaging and
// message meet; so do leases and lease), weighed by tf-idf, the link
// being the cosine of the two packages' words times the affinity of one
// reference at most. So internal/handler/booking, internal/service/booking
// and internal/store/booking lean together, as do pkg/forum/api and
// pkg/forum/store, and api/messages and internal/messaging; the code's
// references still decide, names break ties (combining structural and
// lexical evidence follows Bavota et al., EMSE 2013). It matters most for
// small contexts of two or three packages.
//
// A package linked to no other service package (by reference, table or
// name) joins the boundary of its nearest neighbour in the directory
// tree, when they share a folder below the module that is not a technical
// one (internal, pkg, ...); otherwise it stays a boundary of its own.
//
// Own data. Modularity folds a small context into the neighbour it calls,
// whatever the resolution: a group of one or two packages with a single
// neighbour always gains by joining it. So after clustering, each
// boundary's packages are grouped into modules by the stem of the first
// business word of their paths (internal/messaging, internal/messaging/api
// and api/messages are one module), and a module is kept apart, as a boundary of its
// own, when it owns data (it writes a table no other module writes) and
// so does another module of the boundary; when the rest of the boundary
// does not use its data (no table it writes is queried by the rest, in
// the rest's own code or through calls into the module; the module may
// read the rest's tables); and when it uses the rest at least as much as
// the rest uses it (a store the boundary's services call is their
// implementation, not a customer). Smaller modules are tried first, until
// none qualifies; when a small module is the one used (the catalog calls
// into the reviews), the larger one is kept apart instead. The report
// marks such a boundary ("apart: clustered with shops, kept apart: ...";
// JSON kept_apart_from and kept_apart_why): merging it back is a
// defensible choice. Without --tables there is no data to go by. Packages
// a --config spec places are never moved, and a free module that owns its
// tables and was clustered into a context of the spec is kept apart
// whichever way the calls go: the spec did not place it there.
//
// Choosing the resolution. Modularity at resolution 1 merges contexts
// that are small next to the whole codebase even when they barely touch
// (its resolution limit), so by default (--resolution auto) the
// resolution is chosen: from 1 up in steps of 10% (1, 1.1, 1.21, … 1.95),
// the service packages are clustered with 8 seeds (more with --runs), and
// the first resolution is kept whose boundaries the seeds agree on and
// that 10% more leaves alone: stability, the seeds' mean adjusted Rand
// index times the one with the next step, at least 0.95. A proposal that
// the seeds disagree on, or that slightly more resolution breaks up, sits
// on a knife edge between two readings of the code; the first firm one
// above it is proposed. When no step up to 2 is firm, 1 is kept and the
// Quality section says so: compare a few --resolution values then. The
// chosen resolution and its stability are in the Quality section and in
// the JSON metrics (resolution, resolution_auto, resolution_stability).
// --resolution F uses F as given.
//
// Granularity and stability. --services N searches the resolution that
// gives N boundaries (bisection on a log scale); when no resolution gives
// exactly N the report says so and shows the closest it found. --runs K
// clusters K times with seeds seed..seed+K-1 (at each step with
// --resolution auto, at least 8) and keeps the run of highest
// modularity; a package's confidence is the share of runs that put it
// with the bulk of its boundary, and packages below --min-confidence
// (default 0.8) are listed as undecided (the ten least sure in the text
// report, all in the JSON), with the runs' mean agreement (adjusted Rand
// index) in the report's Quality section.
//
// Refining an agreed spec. --config decompose.yaml clusters around a spec
// instead of starting over: the packages its contexts name stay in them
// (the boundary takes the context's name), its shared and ignored
// packages keep those roles, and only the packages it does not place are
// clustered, joining a context or forming new boundaries (named with a
// "-new" suffix when the name is a context's); a free module with tables
// of its own does not join a context of the spec (see Own data).
//
// Quality. The report's last section and the JSON metrics give Newman's
// modularity Q = Σ_c [e_c/m − γ(K_c/2m)²] over the affinity graph, the
// share of references that cross a boundary, and the metrics of the
// microservice-identification literature (Mono2Micro, Kalia et al., FSE
// 2021), over the service packages (with --level symbol, each in the
// boundary holding its main part) and their reference counts vol(a,b):
//
//	SM  = (1/K) Σ_k μ_k/N_k² − 2/(K(K−1)) Σ_{k≠l} σ_kl/(2 N_k N_l)   ↑ structural modularity
//	ICP = Σ_{cross (a,b)} w(a,b) / Σ_{(a,b)} w(a,b), w = ln vol + 1     ↓ inter-partition call percentage
//	IFN = #(connected package pairs across boundaries) / K             ↓ interface number
//	NED = 1 − Σ_{k: 3 ≤ N_k ≤ 30} N_k / N                              ↓ non-extreme distribution
//
// where N_k is the number of packages of boundary k, μ_k the connected
// pairs inside it and σ_kl those between k and l. Per boundary, cohesion
// is μ_k/N_k² and coupling its share of the SM coupling term.
//
// Symbol level. --level symbol refines the package-level proposal one
// symbol at a time; it needs the leiden algorithm.
//
//	decompose --level symbol
//	decompose --level symbol --format json | jq .splits
//
// The roles and boundaries of the package level are kept. The symbols of
// the service packages are clustered on the symbol graph (affinity as
// above) with one hub node per package, pinned to the package's
// boundary and tied to each of its symbols with half the symbol's own
// affinity to other symbols (at least 1), so that a symbol leaves its
// package only when about three quarters of its links point into one
// other boundary: a type that merely calls much of another boundary's API
// stays home. Symbols that group apart from every hub join the boundary
// they have most affinity with. A package then belongs to the boundary
// that holds most of its lines. A part of a package in another boundary
// counts only when it holds at least 5% of the package's lines and at
// least 10 lines, and either a named type, three or more symbols, or a
// quarter of the lines; smaller fragments (a helper function mostly
// called from elsewhere) stay with the rest of the package, so that one
// stray function does not make every package a split. The shared kernel stays
// out of the clustering, but a shared package can be a god package (a
// "models" or "util" holding the types of several contexts): when, summed
// over its symbols, the boundary using each symbol most makes at least 75%
// of the references the boundaries make to it (a logger, an errors or a
// database package is used by everyone alike and stays far below), and
// the symbols of at least two boundaries make parts that count, each
// symbol whose main user holds more than half of the references to it
// joins that boundary (references from other shared symbols count for
// their boundary, or against every boundary while they have none; those
// from entry points do not count). The package stays in the shared kernel
// until someone splits it, and is listed as a split: the package, the
// symbols going to each boundary, and those staying shared.
//
// Names. A boundary is named after the business word its packages' paths
// share most (weighted by lines of code), skipping technical words such as
// internal, api, service, store or postgres. Clashes get the runner-up word
// appended ("orders-checkout").
//
// Tables. Propose also finds the database tables the code reads and
// writes (see Tables below for how; --tables=false skips it, --dialect
// and --verbose are as there). Tables shape the proposal in two ways.
// First, they are affinity when clustering: two service packages (two
// symbols at --level symbol) that touch the same table are linked with weight 2 when both write it, 1 when
// one writes and the other only reads it, 0.5 when both only read it,
// divided by the number of packages touching the table less one, so that
// a table everybody reads does not glue everything together. Second,
// every boundary owns the tables it writes most (by number of access
// sites; a table no boundary writes goes to the one that reads it most;
// ties to the bigger boundary), and a table touched by more than one
// boundary is a warning, listed with every access (boundary, package,
// symbol, file:line, read or write): high when several boundaries write
// it (they are one service in disguise, or one of them must go through
// the other's API), medium when another boundary reads it (it needs an
// API, an event or a replica). An access counts for the boundary whose
// code makes it; an access made in a data-access package outside the
// boundaries (a shared-kernel store, sqlc's Queries, an ent client)
// counts instead for the boundaries whose code calls into it, at those
// calls. A call into another boundary's store is a dependency, not a
// shared table. Entry points count for no boundary, and DDL (CREATE TABLE,
// AutoMigrate) for neither reads nor writes. The table ownership purity
// metric is the fraction of the tables written by at most one boundary
// (higher is better); foreign table accesses the fraction of accesses made
// by a boundary that does not own the table (lower is better).
//
// What crosses. A boundary's API is its symbols that other boundaries'
// code references, each with its signature, the boundaries using it and
// how many references each makes, and a few of the sites. An
// implementation counts the other way round: when boundary A's type is
// used as boundary B's interface, B's code calls A through it, so B
// depends on A and A's type is in A's API. A dependency between two
// boundaries counts its references and the distinct symbols behind them,
// with the heaviest symbol-to-symbol links; it is chatty when one
// boundary uses 8 or more distinct symbols of another (the cut runs
// through a conversation: merge the two, or give one a coarser API). A
// struct type whose fields another boundary reads or sets is data
// crossing the boundary: a future DTO or shared schema.
//
// Extraction order. The strangler-fig path: each step extracts a boundary
// that nothing left in the monolith depends on, so the monolith never
// calls out to what was just extracted; among those, the one that calls
// least into what is left goes first. Cycles are broken first, against the
// grain: a boundary's grain is the references it makes to other boundaries
// minus those it receives (consumers rank above the providers they call),
// and within a cycle a dependency from a boundary to one of greater grain
// (a provider calling back a consumer: often an event in disguise) is the
// one to break (the feedback-arc heuristic of Eades, Lin and Smyth). The
// step that needs it names it, with the references to change.
//
// The report. Text (the default; styled on a terminal, plain on a pipe or
// with NO_COLOR) leads with a summary a reviewer reads in a minute: the
// boundaries, what is kept out, cycles, packages to split, how much API
// the cut creates and where to start. Then it lists each boundary with
// its packages (and parts of split packages), size, the boundaries it
// depends on and is used by (with reference counts), its API (each
// symbol with its signature, users and reference counts; "data" marks a
// data type) and the tables it owns. Then the splits, the data crossing
// boundaries, the chatty dependencies, the cycles between boundaries (with
// the symbol references that form them), the tables shared between
// boundaries (the other boundaries' accesses in full, a few of the
// owner's), the extraction order, the shared kernel (with the reason for
// each package), the entry points, and the packages that did not load.
// --format markdown gives the same for a design document; --format json
// the decompose.propose/v1 schema below.
//
// Writing a spec. --write FILE also turns the proposal into a
// decompose.yaml for check (see Check), one that the code passes as it
// is today: a context per boundary, its packages (a directory whose
// packages all belong to it written as one "./dir/..."), api the packages
// other contexts import now, depends_on the contexts it imports now,
// tables the tables only it reads or writes, the shared kernel as shared,
// the entry points as ignore, and acyclic: true unless boundaries depend
// on each other. What was left out is said in comments at the end. The
// file is written atomically, and an existing file is never replaced
// unless --force is given. It must be inside the module, since its
// package patterns are relative to its own directory. Both are checked
// before anything is loaded. Edit it to agree on the cut, then commit it.
//
// JSON schema decompose.propose/v1. Fields are never removed or renamed
// within a schema version; new fields may be added.
//
//	schema        "decompose.propose/v1"
//	module        the module path
//	level         "package" or "symbol"
//	boundaries[]  name, packages[] (import paths), symbols[]
//	              ("import/path.Name"; symbol level), tables[],
//	              api[] {symbol, kind, signature, used_by[], refs, samples[],
//	              users[] {boundary, refs}, data_type},
//	              files, lines, internal_refs, outgoing_refs, incoming_refs,
//	              depends_on[], used_by[], kept_apart_from and
//	              kept_apart_why (when kept apart: see Own data)
//	shared[]      shared-kernel import paths
//	shared_reasons[] {package, reason, imported_by}
//	entrypoints[] package main import paths
//	splits[]      {package, parts[] {boundary, symbols[] (names), lines},
//	              shared[] (names staying in the kernel)} (symbol level)
//	dependencies[] {from, to, refs, samples[], symbols (distinct symbols of
//	              "to" used), chatty, links[] {from, to, refs, kinds[],
//	              samples[]}}   boundary to boundary, heaviest first
//	cycles[]      [boundary names] that depend on each other
//	data_types[]  {symbol, owner, used_by[], refs} structs crossing a boundary
//	extraction_order[] {step, boundary, reason, break[] (dependencies, as
//	              above, to break first), calls[] {boundary, refs}}
//	table_warnings[] {table, severity, kind, owner, writers[], readers[],
//	              boundaries[], accesses[]}, most severe first; severity
//	              "high" (kind "multiple-writers") or "medium" (kind
//	              "foreign-read"); accesses[] {boundary, package, symbol,
//	              file, line, op, via, through}: op "read" or "write", via
//	              the library, through the file:line of the SQL when the
//	              access is attributed through a call into a data-access
//	              package
//	sql           {dialect, calls, unresolved}: how much data access was
//	              understood
//	metrics       {modularity, cross_boundary_refs, resolution,
//	              resolution_auto, resolution_stability, seed, algorithm,
//	              tables, table_ownership_purity, foreign_table_accesses,
//	              sm, icp, ifn, ned, runs, runs_agreement, ...}
//	stats         {packages, files, lines, symbols, refs}
//	problems[]    {package, pos, message} packages that did not load cleanly
//
// File paths in samples are relative to the module root, with forward
// slashes ("internal/orders/service.go:42").
//
// # Score
//
// Score compares the proposal with a ground truth you know to be right,
// for validating the tool on your code (and its own tests on the example
// monoliths under testdata/):
//
//	decompose score --truth truth.tsv
//	decompose score --truth truth.tsv --resolution 1.5 --format json
//
// The truth file has one line per package, "import/path<TAB>label"; blank
// lines and # comments are skipped. Label the shared kernel "shared" and
// package main "entrypoint", as the proposal does. It prints MoJoFM (Wen
// & Tzerpos: 100 when the proposal is the truth, 0 when it is as far as
// any can be; only packages in both count), the MoJo distance (moves and
// joins), the adjusted Rand index, the packages that sit in a group
// labelled otherwise, and those missing from the truth. The proposal
// flags (--resolution, --services, --seed, --shared, ...) apply. The JSON
// (decompose.score/v1) has schema, module, units, mojofm, mojo, ari,
// misplaced[] {package, truth, proposed, group_majority} and
// unlabelled[].
//
// # Tables
//
// Tables lists every database table the code touches, and where: each
// call site that reads or writes it, with the symbol that makes the call
// and the library it goes through.
//
//	decompose tables                      # text, one block per table
//	decompose tables --verbose            # also calls from other packages, and queries that gave no table
//	decompose tables --format json        # the decompose.tables/v1 schema below
//	decompose tables --dialect mysql ./internal/...
//
// Finding the calls. Call sites are recognised by types, not by names: a
// call is resolved with go/types to the function or method it invokes
// (package, receiver type, name), so wrappers, embedded handles, renamed
// imports and interfaces are all seen. Test files are left out unless
// --tests is given. What each library contributes:
//
//	database/sql  Query, QueryRow, Exec (and their Context forms) of DB,
//	              Tx and Conn: the SQL argument. Prepare: the SQL is
//	              attributed to the calls of the Stmt, followed through
//	              the variable or struct field it is stored in (and
//	              Tx.Stmt); a statement never seen run is reported at the
//	              Prepare.
//	interfaces    a method of an interface the code declares for its
//	              database handle (a Querier, sqlc's DBTX) with a SQL
//	              name (Exec, QueryContext, Select, ...) and a string
//	              parameter followed by the query arguments.
//	sqlx          Select, Get, Queryx, QueryRowx, NamedExec, NamedQuery,
//	              MustExec (and Context forms), Preparex and PrepareNamed
//	              with their statements, the package-level Select and Get;
//	              In, Rebind and Named pass the query through.
//	pgx           Query, QueryRow, Exec of Conn, pgxpool.Pool and Tx;
//	              Prepare(ctx, name, sql); Batch.Queue; CopyFrom, whose
//	              table is the pgx.Identifier{"schema", "table"} literal.
//	gorm          the call that runs a chain (First, Find, Take, Last,
//	              Count, Pluck, Scan, Create, Save, Update(s), Delete,
//	              FirstOrCreate, ...): the table of Table("t"), else of the
//	              Model(&T{}), else of the destination's type; a model's
//	              table is its TableName() constant, else GORM's naming
//	              strategy (snake_case, plural with jinzhu/inflection,
//	              the TablePrefix and SingularTable of a
//	              schema.NamingStrategy literal in the code). Preload and
//	              Joins of an association read the associated model's
//	              table; Joins and Where with SQL are read as fragments;
//	              Raw and Exec are SQL; AutoMigrate is DDL.
//	xorm          Get, Find, Count, Exist, Iterate, Insert, Update,
//	              Delete on Engine and Session: Table("t") or the bean's
//	              type (TableName(), else the mapper given to SetMapper:
//	              SnakeMapper by default, GonicMapper, with
//	              NewPrefixMapper's prefix); Join(op, "t", ...) reads t;
//	              SQL(), Exec and Query are SQL; Sync2 is DDL.
//	bun           Scan, Exec, Count, Exists of the query types (a
//	              SelectQuery reads; Insert, Update, Delete, Merge and
//	              Truncate queries write): Table, TableExpr and
//	              ModelTableExpr, else the Model's table (the table: or,
//	              for reads, select: option of the bun tag on its
//	              embedded bun.BaseModel, else plural(underscored name));
//	              Relation reads the related model's table; NewRaw is SQL.
//	squirrel      a builder expression, read once from its outermost call:
//	              Select(...).From("t"), joins, Insert("t"), Update("t"),
//	              Delete("t"), also through StatementBuilder; the SQL its
//	              ToSql returns is not reported again where it runs.
//	ent           the run methods of generated builders (UserQuery.All,
//	              UserCreate.Save, UserUpdate.Exec, UserDelete.Exec,
//	              UserClient.Get, ...): the Table constant of the entity's
//	              generated package (ent/user: const Table = "users").
//	sqlc          generated files ("Code generated by sqlc"): the query
//	              constants passed to DBTX, reported with via "sqlc" and
//	              attributed through to the callers of each query method.
//
// Recovering the SQL. A query is followed statically from the call:
// literals, named constants and constant concatenations (their values as
// the type checker computes them); package-level string variables; local
// variables, through every assignment (each a possible query) and every
// += (appended); fmt.Sprintf and fmt.Fprintf with a constant format (the
// verbs take the arguments' values); strings.Join of a literal list;
// strings.Builder writes; a module function that returns text; and the
// parameters of helpers: a function whose parameter reaches a query (a
// generic QueryAll(ctx, q, query, args...), a truncate(table) that builds
// "TRUNCATE " + table) is a helper, and each call of it with a known
// argument is an access at that call. What is known only at run time
// becomes a hole, which is never taken for a table.
//
// Parsing. Queries are parsed by a real parser for their dialect:
// PostgreSQL's own grammar (libpg_query, run as WebAssembly: no C
// compiler needed) and MySQL's (the TiDB parser). The PostgreSQL parser
// costs about 1.6 s of CPU and 250-300 MB of memory to start, once per
// run; it is started while the packages load when go.mod requires a
// PostgreSQL driver (or --dialect is postgres or sqlite), else only when a
// query needs it. Measured with a warm build cache on 2 cores, propose
// takes 1.3 s of CPU and 120 MB on gogs (48k lines) with --tables=false,
// 3.1 s and 390 MB with tables (1.3 s with --dialect mysql, which never
// starts it). The analysis itself is cheap. Placeholders are
// rewritten for the parser (?, $1, :name, @name), and leftover %s verbs
// become holes. The dialect comes from the database drivers the code
// imports (lib/pq, pgx, the GORM and bun PostgreSQL drivers give postgres;
// go-sql-driver/mysql and the MySQL drivers give mysql; the SQLite drivers
// give sqlite), else from go.mod; drivers of several databases, or none,
// give auto: PostgreSQL first, then MySQL. --dialect postgres, mysql or
// sqlite overrides it (sqlite tries both parsers). When no parser accepts
// a query (a fragment, or syntax they do not know), a tolerant scanner
// reads the tables after FROM, JOIN, INTO, UPDATE, USING, TABLE. CTE
// names, aliases, table functions and the pseudo-tables EXCLUDED, NEW,
// OLD and DUAL are never reported as tables. Names are lower-cased unless
// quoted, and schema-qualified when the SQL qualifies them
// ("billing.invoices"). SELECT reads; INSERT, UPDATE, DELETE, MERGE,
// REPLACE, TRUNCATE, COPY FROM write (in INSERT ... SELECT and UPDATE ...
// FROM the sources are read); CREATE, ALTER and DROP are DDL.
//
// Attribution. Each access belongs to the symbol and the package whose
// code makes the call, at the call's line (for a chain over several lines,
// the line of the call that runs it). It is also attributed to every call
// from another package that reaches it through the package's own
// functions ("through" accesses: the caller's file:line, with the file:line
// of the SQL); propose uses these for data-access packages outside the
// boundaries (see Propose).
//
// Queries that give no table never stop the run: they are counted in the
// report, and --verbose lists them with the reason (SQL computed at run
// time, a parse error, an ORM call whose model is unknown).
//
// JSON schema decompose.tables/v1. Fields are never removed or renamed
// within a schema version; new fields may be added.
//
//	schema        "decompose.tables/v1"
//	module        the module path
//	dialect       "postgres", "mysql", "sqlite" or "auto"
//	dialect_source where the dialect came from
//	calls         data-access calls whose SQL or model was known
//	tables[]      {name, reads, writes, ddl, packages[], writers[], accesses[]}
//	              sorted by name; reads/writes/ddl count access sites;
//	              packages[] the import paths whose code makes them,
//	              writers[] those that write; accesses[] {package, symbol,
//	              file, line, op, via, through}, op "read", "write" or
//	              "ddl", through (the file:line of the SQL) only for
//	              calls into another package, listed after the others
//	unresolved[]  {package, symbol, file, line, via, sql, reason}
//	stats         {packages, files, lines, symbols, refs}
//	problems[]    {package, pos, message} packages that did not load cleanly
//
// # Check
//
// Check keeps agreed boundaries from eroding. It compares the code with a
// spec, decompose.yaml, and fails on every import, dependency or table
// access that crosses a boundary the spec does not allow; it is meant for
// CI. A team adopting it on old code accepts today's violations in a
// baseline, and from then on only new ones fail.
//
//	decompose propose --write decompose.yaml   # a spec the code passes today
//	$EDITOR decompose.yaml                     # agree on the cut, then commit it
//	decompose check                            # exit 1 on a violation
//	decompose check --update-baseline          # accept the violations there are
//	decompose check --format github            # annotations in a pull request
//
// The spec. check reads decompose.yaml from the current directory or the
// nearest parent directory, or the file --config names:
//
//	version: 1                      # required; the only version there is
//	contexts:                       # at least one
//	  - name: orders                # letters, digits, '-', '_', '.'
//	    packages: [./internal/orders/..., ./internal/checkout]
//	    api: [./internal/orders]    # what other contexts may import; absent: nothing
//	    depends_on: [catalog]       # contexts it may import; absent: any, []: none
//	    tables: [orders, order_items]   # the tables it owns
//	shared: [./internal/platform/...]   # the shared kernel: anyone may import it
//	ignore: [./cmd/...]             # not checked: entry points, tools, generated code
//	acyclic: true                   # no cycles of contexts (default false)
//
// Patterns are go list patterns: "./x" is the package in directory x,
// relative to the spec's own directory, "./x/..." x and every package
// below it; an import path of the module works too. A package belongs to
// one context or to the shared kernel: one that two of them claim is an
// error naming both patterns (found from the patterns alone when they
// obviously overlap, else from the packages). ignore takes precedence
// over everything, so that it can carve a tool or generated code out of
// a context. A spec speaks for the packages under its directory and those
// its patterns name: keep it at the module root (or above it, in a
// repository with several modules). Table names compare without case,
// and "invoices" also owns a schema-qualified "billing.invoices".
//
// Decoding is strict. An unknown key (with the one probably meant), a
// value of the wrong type, a duplicate key or context, an unknown context
// in depends_on, a table with two owners, a depends_on cycle under
// acyclic: true, a missing or unsupported version, an empty file, YAML
// anchors, aliases, tags or a second document: each is an error, all of
// them reported at once as FILE:LINE:COLUMN: message, and check exits 2
// before loading anything. A spec is at most 1 MiB. Patterns that match
// no package are warnings.
//
// The rules. Every violation names the file and line to change.
//
//	import      a package imports a package of another context that is not in
//	            that context's api (the shared kernel too: it may import only
//	            api packages of the contexts)
//	dependency  a context imports a context its depends_on does not list
//	table       code reads or writes a table another context owns, at the SQL
//	            or ORM call; an access made outside the contexts (a shared
//	            store, generated queries) counts at the contexts' calls into
//	            it; calling another context's api, which reads its own
//	            tables, is not a table violation
//	unassigned  a package no entry matches, at its package clause: new code
//	            is never silently unchecked
//	cycle       with acyclic: true, an import between contexts that depend
//	            on each other
//
// An import gets at most one violation: dependency, else import, else
// cycle. Ignored packages are not checked, and anyone may import them.
// Package arguments (check ./internal/orders/...) narrow the packages
// whose code is reported; the whole module is still loaded, so that each
// import is judged by the package it reaches.
//
// Loading. Only what the rules need is loaded. A spec without tables
// needs the import declarations alone: the packages are listed and their
// imports parsed, with no type checking and nothing compiled. On
// harness/harness (426 packages, 337,000 lines; 2 busy cores) check took
// 4.0 s, 1.6 s of CPU and 67 MB, where "go list -deps ./..." takes 4.1 s,
// 1.6 s and 85 MB. A spec that owns tables needs the typed load of
// propose and SQL detection: 16 s, 8.8 s of CPU and 500 MB, against
// 13.5 s, 5.8 s and 420 MB for the typed load alone (and, in a cold build
// cache, the dependencies get compiled first).
//
// The baseline. --update-baseline writes every current violation to
// decompose.baseline.yaml beside the spec (or the file --baseline names),
// atomically, sorted, one entry per line, and exits 0; commit it. Entries
// are keyed without line numbers (kind, file, from, to, target; an
// unassigned package by its import path), with a count when a key occurs
// more than once, so that editing a file does not churn them. check then
// fails only on violations the baseline does not hold: when a key occurs
// more often than its count, the later occurrences are new. Entries that
// no longer occur are reported as stale, and fail the check with
// --strict, so that the baseline can only shrink. check never writes the
// baseline unless asked; a --baseline file must exist; --update-baseline
// takes no package arguments (it records the whole module), and with
// package arguments no entry is called stale.
//
// Formats. --format text (the default) groups the violations by the pair
// of contexts they cross, the pair with most violations first, then lists
// stale baseline entries and spec warnings, and ends with a summary.
// --format github writes GitHub Actions workflow commands: one
// "::error file=…,line=…,title=…::message" per violation (an annotation
// on that line of the pull request), "::warning" for stale entries
// (errors with --strict) and spec warnings. --format sarif writes SARIF
// 2.1.0 for GitHub code scanning and other tools: a rule per kind, with
// its help, and a result per violation, with a fingerprint (the baseline
// key) that survives moved lines; stale entries and spec warnings are
// tool notifications. In both, paths are relative to the repository root
// (the nearest directory above the module holding .git). --format json
// is the schema below.
//
// JSON schema decompose.check/v1. Fields are never removed or renamed
// within a schema version; new fields may be added.
//
//	schema        "decompose.check/v1"
//	module        the module path
//	spec          the spec file, as named on the command line
//	contexts[]    context names, in spec order
//	packages      the number of packages checked
//	violations[]  {kind, from, to, package, target, file, line, message}:
//	              kind import, dependency, table, unassigned or cycle; from
//	              and to contexts ("" for the shared kernel and unassigned
//	              packages); package the offending code's import path;
//	              target an import path or a table; file module-relative
//	baselined     the number of violations the baseline accepts
//	stale[]       {kind, file, from, to, target, count, baseline, line}
//	              baseline entries that no longer occur, count times
//	warnings[]    {file, line, column, message} remarks on the spec
//	problems[]    {package, pos, message} packages that did not load cleanly
//
// Exit codes: 0 no new violations; 1 new violations (or, with --strict,
// stale baseline entries); 2 a usage error, a malformed spec or baseline,
// or code that could not be loaded.
//
// # Graph
//
// Graph draws the graph the analysis builds, coloured by the proposed
// boundaries, for a design document or a pull request.
//
//	decompose graph --level boundary > boundaries.dot
//	dot -Tsvg boundaries.dot > boundaries.svg
//	decompose graph --level package --format mermaid -o docs/packages.mmd
//	decompose graph --level symbol --focus orders | dot -Tsvg > orders.svg
//
// Levels. --level package (the default) draws one node per package, in a
// box per boundary; the shared kernel and the entry points get boxes of
// their own, grey and dashed, dotted. --level symbol draws the
// package-level symbols (types with their methods, functions, variables
// and constants), boxed by package inside their boundary. At these two
// levels references to the shared kernel and from the entry points are
// left out: every package may use the kernel and the entry points use
// everything, so their lines would bury the ones that matter. Lines
// within a boundary take its colour; lines across boundaries are red.
// --level boundary condenses each boundary, the shared kernel and the
// entry points to one node, with the reference count on every line:
// dark grey between boundaries, red for the ones that form a cycle, faint
// grey to the kernel and from the entry points, and dashed with an open
// arrow from a boundary whose code uses database tables to the boundary
// that owns them (see table_warnings in the proposal). That is the
// picture for a design review. Line widths grow with the logarithm of
// the reference count. Each boundary keeps its colour in every view of
// the same proposal.
//
// Big graphs. Past 400 nodes a drawing is hard to read, and graph says so
// on stderr with what to draw instead: --focus BOUNDARY draws one boundary
// and the nodes directly linked to it, in their own boundaries' boxes; a
// coarser --level draws less. Graphviz takes its time on big graphs:
// seconds to minutes once there are thousands of nodes (7 s for the 2,300
// symbols and 4,300 lines of a 93,000-line module on 2 cores), well under
// a second for its 150 packages. Mermaid (and GitHub) draw at most
// 50,000 characters and 500 edges; graph warns when a diagram is bigger.
//
// Formats. --format dot (the default) is Graphviz DOT, one cluster
// subgraph per boundary (cluster_NAME), node IDs the import paths,
// "import/path.Name" for symbols, the boundary names at boundary level;
// hovering in an SVG shows reference counts and signatures. --format
// mermaid is a Mermaid flowchart for Markdown (GitHub draws it in a
// ```mermaid block): one subgraph per boundary, IDs n1, n2, … so that no
// name can be read as a keyword, every label quoted and escaped. --format
// json is the decompose.graph/v1 schema below, for other tools. -o FILE
// writes the file atomically (a reader never sees half of it) and refuses
// to replace an existing file unless --force is given. The flags that
// shape the proposal (--resolution, --services, --seed, --runs,
// --algorithm, --shared, --tests, --tables, --dialect) are those of
// propose, and give the same boundaries; at --level symbol the proposal
// is made at symbol level, so a god package's symbols are drawn in the
// boundaries they would go to.
//
// Agreed contexts. --config decompose.yaml draws the contexts of a spec
// instead of a proposal, in the spec's order and colours: its shared
// entries are the shared kernel, package main packages outside every
// context the entry points, and a table belongs to the context the spec
// gives it to. Packages no entry matches (and ignored ones) are not drawn;
// stderr names them. The proposal flags cannot be combined with --config.
//
// JSON schema decompose.graph/v1. Fields are never removed or renamed
// within a schema version; new fields may be added.
//
//	schema        "decompose.graph/v1"
//	module        the module path
//	level         "package", "symbol" or "boundary"
//	source        "proposal", or the spec file given to --config
//	focus         the --focus boundary, or ""
//	groups[]      {name, role, packages[]}: the boundaries (role "service"),
//	              then "shared kernel" ("shared"), then "entry points"
//	              ("entrypoint"), each with its import paths
//	nodes[]       {id, label, boundary, role, package, kind, lines, detail}
//	              id: import path, "import/path.Name" or boundary name;
//	              boundary: "" for the shared kernel and entry points;
//	              role: service, shared or entrypoint; package: import path
//	              ("" at boundary level); kind: package; type, func, var,
//	              const or init; boundary, shared or entrypoint;
//	              detail: signature, or size at boundary level
//	edges[]       {from, to, kind, refs, weight, tables[], cycle}
//	              from/to: node ids; kind "references" (from uses to, refs
//	              times, weight as in the proposal's graph) or "tables"
//	              (boundary level: from uses tables[], which to owns);
//	              cycle: the two boundaries depend on each other
package main
