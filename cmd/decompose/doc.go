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
// Tables. Propose also finds the database tables the code reads and
// writes (see Tables below for how; --tables=false skips it, --dialect
// and --verbose are as there). Tables shape the proposal in two ways.
// First, they are affinity when clustering: two service packages that
// touch the same table are linked with weight 2 when both write it, 1 when
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
// The report. Text (the default; styled on a terminal, plain on a pipe or
// with NO_COLOR) leads with a summary, then lists each boundary with its
// packages, size, the boundaries it depends on and is used by (with
// reference counts) and its API: the symbols other boundaries use, with
// reference counts, and the tables it owns. Then cycles between boundaries
// (with the references that form them), the tables shared between
// boundaries (the other boundaries' accesses in full, a few of the
// owner's), the shared kernel (with the reason for each package),
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
//	metrics       {modularity, cross_boundary_refs, resolution, seed, algorithm,
//	              tables, table_ownership_purity, foreign_table_accesses}
//	stats         {packages, files, lines, symbols, refs}
//	problems[]    {package, pos, message} packages that did not load cleanly
//
// File paths in samples are relative to the module root, with forward
// slashes ("internal/orders/service.go:42").
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
// compiler needed; it takes one to two seconds of CPU to start, done while
// the packages load) and MySQL's (the TiDB parser). Placeholders are
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
// coarser --level draws less. Graphviz takes its time on big graphs: dot
// needs about 20 s for 400 symbols and 1,300 lines. Mermaid (and GitHub)
// draw at most 50,000 characters and 500 edges; graph warns when a
// diagram is bigger.
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
// shape the proposal (--resolution, --seed, --algorithm, --shared,
// --tests) are those of propose, and give the same boundaries; at
// --level symbol the proposal is made at symbol level, so a god package's
// symbols are drawn in the boundaries they would go to.
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
