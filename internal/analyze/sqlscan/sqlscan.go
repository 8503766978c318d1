// Package sqlscan finds the tables a SQL statement reads and writes.
//
// A statement is parsed by a real parser for its dialect: PostgreSQL's own
// grammar (libpg_query, run as WebAssembly so that no C compiler is needed)
// or MySQL's (the TiDB parser). When neither accepts it, because it is a
// fragment assembled at run time or uses syntax the parsers do not know, a
// tolerant token scanner picks out the table names that follow FROM, JOIN,
// INTO, UPDATE and the like. CTE names, aliases and pseudo-tables (EXCLUDED,
// NEW, OLD, DUAL) are never reported as tables.
package sqlscan

import (
	"fmt"
	"sort"
	"strings"
)

// Dialect names a SQL dialect.
type Dialect string

// The dialects. Unknown tries PostgreSQL first, then MySQL.
const (
	Unknown  Dialect = ""
	Postgres Dialect = "postgres"
	MySQL    Dialect = "mysql"
	SQLite   Dialect = "sqlite"
)

// Dialects lists the dialect names accepted by ParseDialect, for help.
var Dialects = []string{"auto", "postgres", "mysql", "sqlite"}

// ParseDialect reads a dialect name: postgres (postgresql, pg), mysql
// (mariadb, tidb), sqlite (sqlite3), or auto / "" for Unknown.
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return Unknown, nil
	case "postgres", "postgresql", "pg", "pgx", "cockroach", "cockroachdb":
		return Postgres, nil
	case "mysql", "mariadb", "tidb":
		return MySQL, nil
	case "sqlite", "sqlite3":
		return SQLite, nil
	}
	return Unknown, fmt.Errorf("unknown dialect %q (want auto, postgres, mysql or sqlite)", s)
}

// Op is what a statement does to a table.
type Op uint8

// The operations. DDL (CREATE, ALTER, DROP) says who manages a table's
// schema, which is neither a read nor a write of its rows.
const (
	Read Op = iota + 1
	Write
	DDL
)

func (op Op) String() string {
	switch op {
	case Read:
		return "read"
	case Write:
		return "write"
	case DDL:
		return "ddl"
	}
	return "unknown"
}

// Table is one table a statement touches.
type Table struct {
	// Name is the table's name, schema-qualified when the SQL qualifies
	// it ("billing.invoices"). Unquoted identifiers are lower-cased;
	// quoted ones keep their case.
	Name string
	Op   Op
}

// Result is what a scan found.
type Result struct {
	// Tables are sorted by name; a table both read and written by the
	// statement is listed once, as written.
	Tables []Table
	// Parser says what understood the SQL: "postgres", "mysql" or, for
	// fragments and SQL neither parser accepts, "fragment".
	Parser string
}

// Hole stands for a part of a query that is not known before run time
// (a value computed by the program). It is a valid identifier, so that
// "SELECT * FROM t WHERE id IN (" + Hole + ")" still parses; a table name
// containing it is never reported.
const Hole = "decompose__hole"

// Error says why a statement yielded nothing.
type Error struct {
	Reason string
}

func (e *Error) Error() string { return e.Reason }

// Scan finds the tables of sql, which may hold several statements.
func Scan(sql string, d Dialect) (Result, error) {
	if strings.TrimSpace(stripComments(sql)) == "" {
		return Result{}, &Error{Reason: "empty statement"}
	}
	toks := tokenize(sql)
	if len(toks) > 0 && tableless[kw(toks[0])] {
		return Result{Parser: "none"}, nil
	}
	var firstErr error
	empty := ""
	for _, p := range parsersFor(d) {
		tables, err := p.parse(sql)
		if err == nil {
			if ts := normalise(tables); len(ts) > 0 {
				return Result{Tables: ts, Parser: p.name}, nil
			}
			// Accepted but no table: right for SELECT now(), wrong when
			// a word is a keyword in one dialect and a table in another
			// (FROM user); let the others try.
			if empty == "" {
				empty = p.name
			}
			continue
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	tables := normalise(scanTokens(toks))
	if len(tables) > 0 {
		return Result{Tables: tables, Parser: "fragment"}, nil
	}
	if empty != "" {
		return Result{Parser: empty}, nil
	}
	reason := "no table found"
	if firstErr != nil {
		reason = firstErr.Error()
	}
	return Result{}, &Error{Reason: reason}
}

// ScanFragment finds the tables of a piece of SQL that is not a statement
// of its own, such as the argument of an ORM's Joins("JOIN t ON ...") or a
// query builder's From("t AS x"): every table it names is read.
func ScanFragment(sql string) []Table {
	return normalise(scanTokens(tokenize(sql)))
}

type parser struct {
	name  string
	parse func(string) ([]Table, error)
}

func parsersFor(d Dialect) []parser {
	pg := parser{"postgres", parsePostgres}
	my := parser{"mysql", parseMySQL}
	switch d {
	case Postgres:
		return []parser{pg}
	case MySQL:
		return []parser{my}
	}
	return []parser{pg, my}
}

// tableless are the statements that touch no table: transactions,
// session settings, SQLite pragmas.
var tableless = setOf("BEGIN COMMIT ROLLBACK START SAVEPOINT RELEASE SET RESET SHOW PRAGMA VACUUM USE DISCARD LISTEN NOTIFY UNLISTEN DEALLOCATE")

// pseudo are names that look like tables in some statements but are not:
// PostgreSQL's EXCLUDED (ON CONFLICT) and NEW/OLD (rules, triggers), and
// MySQL's DUAL.
var pseudo = map[string]bool{"excluded": true, "new": true, "old": true, "dual": true}

// normalise drops holes and pseudo-tables and merges duplicates, keeping
// the strongest operation (write over DDL over read).
func normalise(ts []Table) []Table {
	best := map[string]Op{}
	for _, t := range ts {
		if t.Name == "" || strings.Contains(strings.ToLower(t.Name), Hole) || pseudo[t.Name] || system(t.Name) {
			continue
		}
		if rank(t.Op) > rank(best[t.Name]) {
			best[t.Name] = t.Op
		}
	}
	out := make([]Table, 0, len(best))
	for n, op := range best {
		out = append(out, Table{Name: n, Op: op})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// system reports whether a name is a database's own catalog, which no
// service owns: information_schema, pg_catalog and PostgreSQL's pg_*
// views, SQLite's sqlite_* tables, MySQL's mysql and performance_schema.
func system(name string) bool {
	schema, table, ok := strings.Cut(strings.ToLower(name), ".")
	if !ok {
		table, schema = schema, ""
	}
	switch schema {
	case "information_schema", "pg_catalog", "mysql", "performance_schema", "sys":
		return true
	}
	return schema == "" && (strings.HasPrefix(table, "pg_") || strings.HasPrefix(table, "sqlite_"))
}

func rank(op Op) int {
	switch op {
	case Write:
		return 3
	case DDL:
		return 2
	case Read:
		return 1
	}
	return 0
}
