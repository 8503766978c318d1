// Package sqlx is a trimmed stand-in for github.com/jmoiron/sqlx, vendored so
// the monolith builds offline. Only the subset used by Ledgerly is kept.
package sqlx

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strings"
)

// DB wraps *sql.DB with struct scanning helpers.
type DB struct {
	*sql.DB
	driverName string
}

// NewDb returns a DB wrapping an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB {
	return &DB{DB: db, driverName: driverName}
}

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

// GetContext runs a query and scans the first row into dest.
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
	return scanStruct(rows, dest)
}

// SelectContext runs a query and scans all rows into dest, a pointer to a slice.
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	sv := reflect.ValueOf(dest)
	if sv.Kind() != reflect.Pointer || sv.Elem().Kind() != reflect.Slice {
		return errors.New("sqlx: dest must be a pointer to a slice")
	}
	slice := sv.Elem()
	elemType := slice.Type().Elem()
	for rows.Next() {
		item := reflect.New(elemType)
		if err := scanStruct(rows, item.Interface()); err != nil {
			return err
		}
		slice.Set(reflect.Append(slice, item.Elem()))
	}
	return rows.Err()
}

// NamedExecContext executes a query with :name placeholders bound from arg's db tags.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	q, args, err := bindNamed(query, arg)
	if err != nil {
		return nil, err
	}
	return db.ExecContext(ctx, q, args...)
}

// MustExec executes a query and panics on error.
func (db *DB) MustExec(query string, args ...any) sql.Result {
	res, err := db.Exec(query, args...)
	if err != nil {
		panic(err)
	}
	return res
}

func fieldMap(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("db")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name == "-" {
			continue
		}
		m[name] = i
	}
	return m
}

func scanStruct(rows *sql.Rows, dest any) error {
	v := reflect.ValueOf(dest)
	if v.Kind() != reflect.Pointer {
		return errors.New("sqlx: dest must be a pointer")
	}
	v = v.Elem()
	if v.Kind() != reflect.Struct {
		return rows.Scan(dest)
	}
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	fm := fieldMap(v.Type())
	targets := make([]any, len(cols))
	for i, c := range cols {
		idx, ok := fm[c]
		if !ok {
			var discard any
			targets[i] = &discard
			continue
		}
		targets[i] = v.Field(idx).Addr().Interface()
	}
	return rows.Scan(targets...)
}

func bindNamed(query string, arg any) (string, []any, error) {
	v := reflect.Indirect(reflect.ValueOf(arg))
	if v.Kind() != reflect.Struct {
		return "", nil, errors.New("sqlx: named arg must be a struct")
	}
	fm := fieldMap(v.Type())
	var out strings.Builder
	var args []any
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != ':' || i+1 >= len(query) || !isIdent(query[i+1]) {
			out.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(query) && isIdent(query[j]) {
			j++
		}
		name := query[i+1 : j]
		idx, ok := fm[name]
		if !ok {
			return "", nil, errors.New("sqlx: missing field for :" + name)
		}
		args = append(args, v.Field(idx).Interface())
		out.WriteString("$")
		out.WriteString(itoa(len(args)))
		i = j - 1
	}
	return out.String(), args, nil
}

func isIdent(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
