// Package sqlx is a trimmed, offline stand-in for github.com/jmoiron/sqlx.
// Only the subset of the API used by the Staybright platform is provided.
package sqlx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// Ext is the union of query/exec helpers implemented by DB and Tx.
type ExtContext interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// DB wraps *sql.DB with struct-scanning helpers.
type DB struct {
	*sql.DB
	driverName string
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

// Open opens a database and wraps it.
func Open(driverName, dsn string) (*DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	return NewDb(db, driverName), nil
}

// DriverName returns the driver name used to open the DB.
func (db *DB) DriverName() string { return db.driverName }

// Rebind converts '?' bindvars to '$n' for postgres.
func (db *DB) Rebind(q string) string { return Rebind(q) }

// GetContext scans a single row into dest.
func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	return GetContext(ctx, db.DB, dest, query, args...)
}

// SelectContext scans all rows into the slice pointed to by dest.
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	return SelectContext(ctx, db.DB, dest, query, args...)
}

// NamedExecContext executes a query with :name parameters bound from arg.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	return NamedExecContext(ctx, db.DB, query, arg)
}

// BeginTxx starts a transaction.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx}, nil
}

// Tx wraps *sql.Tx.
type Tx struct{ *sql.Tx }

// GetContext scans a single row into dest.
func (tx *Tx) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	return GetContext(ctx, tx.Tx, dest, query, args...)
}

// SelectContext scans rows into dest.
func (tx *Tx) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	return SelectContext(ctx, tx.Tx, dest, query, args...)
}

// NamedExecContext executes a named query inside the transaction.
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	return NamedExecContext(ctx, tx.Tx, query, arg)
}

// GetContext runs query on q and scans the first row into dest.
func GetContext(ctx context.Context, q ExtContext, dest any, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := scanStruct(rows, reflect.ValueOf(dest)); err != nil {
		return err
	}
	return rows.Close()
}

// SelectContext runs query on q and appends every row to *dest.
func SelectContext(ctx context.Context, q ExtContext, dest any, query string, args ...any) error {
	v := reflect.ValueOf(dest)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Slice {
		return errors.New("sqlx: dest must be a pointer to a slice")
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	slice := v.Elem()
	elemType := slice.Type().Elem()
	isPtr := elemType.Kind() == reflect.Pointer
	base := elemType
	if isPtr {
		base = elemType.Elem()
	}
	for rows.Next() {
		item := reflect.New(base)
		if err := scanStruct(rows, item); err != nil {
			return err
		}
		if isPtr {
			slice.Set(reflect.Append(slice, item))
		} else {
			slice.Set(reflect.Append(slice, item.Elem()))
		}
	}
	return rows.Err()
}

// NamedExecContext binds :name parameters from a struct or map and executes.
func NamedExecContext(ctx context.Context, q ExtContext, query string, arg any) (sql.Result, error) {
	bound, args, err := bindNamed(query, arg)
	if err != nil {
		return nil, err
	}
	return q.ExecContext(ctx, bound, args...)
}

// In expands slice arguments for IN (?) clauses.
func In(query string, args ...any) (string, []any, error) {
	var out []any
	var b strings.Builder
	argi := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != '?' {
			b.WriteByte(c)
			continue
		}
		if argi >= len(args) {
			return "", nil, errors.New("sqlx: not enough args for In")
		}
		a := reflect.ValueOf(args[argi])
		argi++
		if a.Kind() == reflect.Slice && a.Type().Elem().Kind() != reflect.Uint8 {
			if a.Len() == 0 {
				return "", nil, errors.New("sqlx: empty slice passed to In")
			}
			for j := 0; j < a.Len(); j++ {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteByte('?')
				out = append(out, a.Index(j).Interface())
			}
			continue
		}
		b.WriteByte('?')
		out = append(out, a.Interface())
	}
	return b.String(), out, nil
}

// Rebind converts '?' bindvars to postgres '$n' bindvars.
func Rebind(query string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func scanStruct(rows *sql.Rows, dest reflect.Value) error {
	if dest.Kind() != reflect.Pointer {
		return errors.New("sqlx: dest must be a pointer")
	}
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	elem := dest.Elem()
	if elem.Kind() != reflect.Struct || implementsScanner(dest.Type()) {
		return rows.Scan(dest.Interface())
	}
	fields := fieldMap(elem.Type())
	targets := make([]any, len(cols))
	for i, c := range cols {
		idx, ok := fields[c]
		if !ok {
			return fmt.Errorf("sqlx: missing destination name %s in %s", c, elem.Type())
		}
		targets[i] = elem.FieldByIndex(idx).Addr().Interface()
	}
	return rows.Scan(targets...)
}

func implementsScanner(t reflect.Type) bool {
	return t.Implements(reflect.TypeOf((*sql.Scanner)(nil)).Elem())
}

func fieldMap(t reflect.Type) map[string][]int {
	m := map[string][]int{}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int{}, prefix...), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			if !f.IsExported() {
				continue
			}
			name := f.Tag.Get("db")
			if name == "-" {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			m[name] = idx
		}
	}
	walk(t, nil)
	return m
}

func bindNamed(query string, arg any) (string, []any, error) {
	lookup, err := namedLookup(arg)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	var args []any
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c == ':' && i+1 < len(query) && query[i+1] == ':' {
			b.WriteString("::")
			i++
			continue
		}
		if c != ':' || i+1 >= len(query) || !isNameChar(rune(query[i+1])) {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(query) && isNameChar(rune(query[j])) {
			j++
		}
		name := query[i+1 : j]
		v, ok := lookup(name)
		if !ok {
			return "", nil, fmt.Errorf("sqlx: could not find name %s", name)
		}
		args = append(args, v)
		b.WriteString("$" + strconv.Itoa(len(args)))
		i = j - 1
	}
	return b.String(), args, nil
}

func isNameChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func namedLookup(arg any) (func(string) (any, bool), error) {
	if m, ok := arg.(map[string]any); ok {
		return func(n string) (any, bool) { v, ok := m[n]; return v, ok }, nil
	}
	v := reflect.ValueOf(arg)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("sqlx: unsupported named arg %T", arg)
	}
	fields := fieldMap(v.Type())
	return func(n string) (any, bool) {
		idx, ok := fields[n]
		if !ok {
			return nil, false
		}
		return v.FieldByIndex(idx).Interface(), true
	}, nil
}
