// Package sqlx is a trimmed, offline stand-in for github.com/jmoiron/sqlx.
// It keeps Get/Select/NamedExec with `db` struct tags, implemented with
// reflection over database/sql.
package sqlx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// DB wraps *sql.DB.
type DB struct {
	*sql.DB
	driverName string
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

// Open opens a database.
func Open(driverName, dsn string) (*DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	return &DB{DB: db, driverName: driverName}, nil
}

// DriverName returns the driver name used to open the DB.
func (db *DB) DriverName() string { return db.driverName }

// GetContext scans a single row into dest (pointer to struct or scalar).
func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
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
	return scanInto(rows, reflect.ValueOf(dest))
}

// SelectContext scans all rows into dest, a pointer to a slice.
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	v := reflect.ValueOf(dest)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Slice {
		return errors.New("sqlx: dest must be a pointer to a slice")
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	slice := v.Elem()
	elemT := slice.Type().Elem()
	for rows.Next() {
		elem := reflect.New(elemT)
		if err := scanInto(rows, elem); err != nil {
			return err
		}
		slice.Set(reflect.Append(slice, elem.Elem()))
	}
	return rows.Err()
}

// NamedExecContext binds :name parameters from a struct's db tags.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	q, args, err := bindNamed(query, arg)
	if err != nil {
		return nil, err
	}
	return db.ExecContext(ctx, q, args...)
}

// MustBeginTx starts a transaction and panics on failure.
func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		panic(err)
	}
	return &Tx{Tx: tx}
}

// Tx wraps *sql.Tx.
type Tx struct{ *sql.Tx }

// NamedExecContext binds :name parameters within a transaction.
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	q, args, err := bindNamed(query, arg)
	if err != nil {
		return nil, err
	}
	return tx.ExecContext(ctx, q, args...)
}

// In expands slice arguments for IN (?) clauses.
func In(query string, args ...any) (string, []any, error) {
	var out []any
	var b strings.Builder
	ai := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		if ai >= len(args) {
			return "", nil, errors.New("sqlx: not enough args for In")
		}
		a := reflect.ValueOf(args[ai])
		ai++
		if a.Kind() == reflect.Slice && a.Type().Elem().Kind() != reflect.Uint8 {
			for i := 0; i < a.Len(); i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteRune('?')
				out = append(out, a.Index(i).Interface())
			}
			continue
		}
		b.WriteRune('?')
		out = append(out, a.Interface())
	}
	return b.String(), out, nil
}

// Rebind converts ? placeholders to $n for Postgres.
func (db *DB) Rebind(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func scanInto(rows *sql.Rows, dest reflect.Value) error {
	if dest.Kind() != reflect.Pointer {
		return errors.New("sqlx: dest must be a pointer")
	}
	elem := dest.Elem()
	if elem.Kind() != reflect.Struct {
		return rows.Scan(dest.Interface())
	}
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	fields := fieldMap(elem.Type())
	targets := make([]any, len(cols))
	for i, c := range cols {
		idx, ok := fields[c]
		if !ok {
			var discard any
			targets[i] = &discard
			continue
		}
		targets[i] = elem.FieldByIndex(idx).Addr().Interface()
	}
	return rows.Scan(targets...)
}

func fieldMap(t reflect.Type) map[string][]int {
	m := make(map[string][]int)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("db")
		if name == "" || name == "-" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Index
	}
	return m
}

func bindNamed(query string, arg any) (string, []any, error) {
	v := reflect.Indirect(reflect.ValueOf(arg))
	if v.Kind() != reflect.Struct {
		return "", nil, errors.New("sqlx: named arg must be a struct")
	}
	fields := fieldMap(v.Type())
	var b strings.Builder
	var args []any
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != ':' || i+1 >= len(query) || query[i+1] == ':' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(query) && (query[j] == '_' || query[j] >= 'a' && query[j] <= 'z' || query[j] >= '0' && query[j] <= '9') {
			j++
		}
		name := query[i+1 : j]
		idx, ok := fields[name]
		if !ok {
			return "", nil, fmt.Errorf("sqlx: missing field for :%s", name)
		}
		args = append(args, v.FieldByIndex(idx).Interface())
		fmt.Fprintf(&b, "$%d", len(args))
		i = j - 1
	}
	return b.String(), args, nil
}
