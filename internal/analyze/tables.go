package analyze

// AccessOp says whether code reads or writes a table.
type AccessOp uint8

// The access operations.
const (
	Read AccessOp = iota + 1
	Write
)

func (op AccessOp) String() string {
	switch op {
	case Read:
		return "read"
	case Write:
		return "write"
	}
	return "unknown"
}

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
}
