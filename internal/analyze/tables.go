package analyze

import "github.com/decompose-dev/decompose/internal/analyze/sqlscan"

// AccessOp says whether code reads or writes a table (or manages its
// schema): the operation the SQL scanner classifies, kept as one type so
// that the two can never disagree.
type AccessOp = sqlscan.Op

// The access operations. DDL (CREATE, ALTER, DROP TABLE, an ORM's
// AutoMigrate) says which code manages a table's schema; it is listed in
// the inventory but is neither a read nor a write for ownership.
const (
	Read  = sqlscan.Read
	Write = sqlscan.Write
	DDL   = sqlscan.DDL
)

// TableAccess is one read or write of a database table by the code, found
// at a call site of a data-access library.
type TableAccess struct {
	// Table is the table's name as the database knows it, lower-cased
	// unless quoted, schema-qualified when the code qualifies it
	// ("billing.invoices").
	Table   string
	Op      AccessOp
	Symbol  SymID // the symbol whose code makes the call
	Package PkgID
	Pos     Pos    // the call site
	Via     string // what recognised it: "database/sql", "gorm", "sqlx", ...

	// Through is true for an access attributed to a caller: Pos is then a
	// call, in Symbol's code, of a function of another package
	// (OriginPackage) that makes the access at Origin, directly or through
	// further calls inside its own package. For a direct access, Origin,
	// OriginSymbol and OriginPackage are Pos, Symbol and Package.
	Through       bool
	Origin        Pos
	OriginSymbol  SymID
	OriginPackage PkgID
}

// SQLInfo describes how tables were detected.
type SQLInfo struct {
	// Dialect is the SQL dialect queries were parsed as: "postgres",
	// "mysql", "sqlite", or "auto" (PostgreSQL first, then MySQL) when
	// the code imports drivers of several databases or none.
	Dialect string
	// DialectWhy says where the dialect came from: the flag, or the
	// driver imports and go.mod requirements that gave it away.
	DialectWhy string
	// Calls is the number of call sites whose SQL was known.
	Calls int
	// Unresolved are the data-access calls that gave no table: SQL
	// computed at run time, or SQL no parser understood.
	Unresolved []UnresolvedQuery
}

// UnresolvedQuery is a data-access call whose tables are unknown.
type UnresolvedQuery struct {
	Symbol  SymID
	Package PkgID
	Pos     Pos
	Via     string
	SQL     string // the known text, run-time parts shown as "…"
	Reason  string
}
