// Package sqlx is a trimmed stand-in for github.com/jmoiron/sqlx providing
// the subset of its API used in this repository.
package sqlx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// DB wraps *sql.DB.
type DB struct {
	*sql.DB
	driverName string
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

func (db *DB) DriverName() string { return db.driverName }

// GetContext scans a single row into dest.
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

// SelectContext scans all rows into dest, a pointer to a slice.
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	sv := reflect.ValueOf(dest)
	if sv.Kind() != reflect.Pointer || sv.Elem().Kind() != reflect.Slice {
		return errors.New("sqlx: Select dest must be a pointer to a slice")
	}
	slice := sv.Elem()
	elemT := slice.Type().Elem()
	for rows.Next() {
		ev := reflect.New(elemT)
		if err := scanStruct(rows, ev.Interface()); err != nil {
			return err
		}
		slice.Set(reflect.Append(slice, ev.Elem()))
	}
	return rows.Err()
}

// NamedExecContext binds :name parameters from a struct or map.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	q, args, err := bindNamed(query, arg)
	if err != nil {
		return nil, err
	}
	return db.ExecContext(ctx, q, args...)
}

func scanStruct(rows *sql.Rows, dest any) error {
	v := reflect.ValueOf(dest)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return errors.New("sqlx: dest must be a non-nil pointer")
	}
	v = v.Elem()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if v.Kind() != reflect.Struct {
		if len(cols) != 1 {
			return fmt.Errorf("sqlx: scannable dest with %d columns", len(cols))
		}
		return rows.Scan(dest)
	}
	fields := fieldMap(v.Type())
	targets := make([]any, len(cols))
	for i, c := range cols {
		idx, ok := fields[strings.ToLower(c)]
		if !ok {
			return fmt.Errorf("sqlx: missing destination name %s in %T", c, dest)
		}
		targets[i] = v.FieldByIndex(idx).Addr().Interface()
	}
	return rows.Scan(targets...)
}

func fieldMap(t reflect.Type) map[string][]int {
	m := map[string][]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Tag.Get("db")
		if name == "-" {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct && name == "" {
			for k, idx := range fieldMap(f.Type) {
				m[k] = append([]int{i}, idx...)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = []int{i}
	}
	return m
}

func bindNamed(query string, arg any) (string, []any, error) {
	lookup := func(name string) (any, bool) { return nil, false }
	v := reflect.Indirect(reflect.ValueOf(arg))
	switch v.Kind() {
	case reflect.Map:
		lookup = func(name string) (any, bool) {
			mv := v.MapIndex(reflect.ValueOf(name))
			if !mv.IsValid() {
				return nil, false
			}
			return mv.Interface(), true
		}
	case reflect.Struct:
		fields := fieldMap(v.Type())
		lookup = func(name string) (any, bool) {
			idx, ok := fields[name]
			if !ok {
				return nil, false
			}
			return v.FieldByIndex(idx).Interface(), true
		}
	default:
		return "", nil, fmt.Errorf("sqlx: unsupported named arg %T", arg)
	}
	var out strings.Builder
	var args []any
	rs := []rune(query)
	for i := 0; i < len(rs); i++ {
		if rs[i] == ':' && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || rs[i+1] == '_') && (i == 0 || rs[i-1] != ':') {
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			name := string(rs[i+1 : j])
			val, ok := lookup(name)
			if !ok {
				return "", nil, fmt.Errorf("sqlx: could not find name %s", name)
			}
			args = append(args, val)
			fmt.Fprintf(&out, "$%d", len(args))
			i = j - 1
			continue
		}
		out.WriteRune(rs[i])
	}
	return out.String(), args, nil
}
