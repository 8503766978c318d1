// Package sqlx is a trimmed offline stand-in for github.com/jmoiron/sqlx.
// It supports Get/Select struct scanning via `db` tags and simple named exec.
package sqlx

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"regexp"
	"strings"
)

// DB wraps *sql.DB.
type DB struct {
	*sql.DB
	driverName string
}

// Tx wraps *sql.Tx.
type Tx struct {
	*sql.Tx
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

// Open opens a database.
func Open(driverName, dsn string) (*DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	return NewDb(db, driverName), nil
}

// DriverName returns the driver name.
func (db *DB) DriverName() string { return db.driverName }

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...interface{}) (*sql.Rows, error)
}

// GetContext scans a single row into dest.
func (db *DB) GetContext(ctx context.Context, dest interface{}, q string, args ...interface{}) error {
	return get(ctx, db.DB, dest, q, args...)
}

// SelectContext scans all rows into dest (pointer to slice).
func (db *DB) SelectContext(ctx context.Context, dest interface{}, q string, args ...interface{}) error {
	return sel(ctx, db.DB, dest, q, args...)
}

// Get is GetContext with a background context.
func (db *DB) Get(dest interface{}, q string, args ...interface{}) error {
	return db.GetContext(context.Background(), dest, q, args...)
}

// Select is SelectContext with a background context.
func (db *DB) Select(dest interface{}, q string, args ...interface{}) error {
	return db.SelectContext(context.Background(), dest, q, args...)
}

// NamedExecContext binds :name parameters from a struct's db tags.
func (db *DB) NamedExecContext(ctx context.Context, q string, arg interface{}) (sql.Result, error) {
	bq, args, err := bindNamed(q, arg)
	if err != nil {
		return nil, err
	}
	return db.ExecContext(ctx, bq, args...)
}

// BeginTxx starts a transaction.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx}, nil
}

// GetContext scans a single row into dest.
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, q string, args ...interface{}) error {
	return get(ctx, tx.Tx, dest, q, args...)
}

// SelectContext scans all rows into dest.
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, q string, args ...interface{}) error {
	return sel(ctx, tx.Tx, dest, q, args...)
}

// NamedExecContext binds :name parameters from a struct's db tags.
func (tx *Tx) NamedExecContext(ctx context.Context, q string, arg interface{}) (sql.Result, error) {
	bq, args, err := bindNamed(q, arg)
	if err != nil {
		return nil, err
	}
	return tx.ExecContext(ctx, bq, args...)
}

// In expands slice arguments; the stand-in only supports a single slice.
func In(q string, args ...interface{}) (string, []interface{}, error) {
	var out []interface{}
	for _, a := range args {
		v := reflect.ValueOf(a)
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8 {
			ph := make([]string, v.Len())
			for i := 0; i < v.Len(); i++ {
				ph[i] = "?"
				out = append(out, v.Index(i).Interface())
			}
			q = strings.Replace(q, "(?)", "("+strings.Join(ph, ", ")+")", 1)
			continue
		}
		out = append(out, a)
	}
	return q, out, nil
}

// Rebind converts ? placeholders to $n.
func (db *DB) Rebind(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$")
			b.WriteString(itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}

func get(ctx context.Context, q queryer, dest interface{}, query string, args ...interface{}) error {
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
	return scanRow(rows, reflect.ValueOf(dest).Elem())
}

func sel(ctx context.Context, q queryer, dest interface{}, query string, args ...interface{}) error {
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Ptr || rv.Elem().Kind() != reflect.Slice {
		return errors.New("sqlx: Select dest must be pointer to slice")
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	slice := rv.Elem()
	et := slice.Type().Elem()
	for rows.Next() {
		ev := reflect.New(et).Elem()
		if err := scanRow(rows, ev); err != nil {
			return err
		}
		slice.Set(reflect.Append(slice, ev))
	}
	return rows.Err()
}

func scanRow(rows *sql.Rows, v reflect.Value) error {
	if v.Kind() != reflect.Struct {
		return rows.Scan(v.Addr().Interface())
	}
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	fields := fieldMap(v)
	targets := make([]interface{}, len(cols))
	for i, c := range cols {
		if f, ok := fields[c]; ok {
			targets[i] = f.Addr().Interface()
		} else {
			var discard interface{}
			targets[i] = &discard
		}
	}
	return rows.Scan(targets...)
}

func fieldMap(v reflect.Value) map[string]reflect.Value {
	m := map[string]reflect.Value{}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for k, fv := range fieldMap(v.Field(i)) {
				m[k] = fv
			}
			continue
		}
		name := f.Tag.Get("db")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name != "-" {
			m[name] = v.Field(i)
		}
	}
	return m
}

var namedRe = regexp.MustCompile(`:([a-zA-Z_][a-zA-Z0-9_]*)`)

func bindNamed(q string, arg interface{}) (string, []interface{}, error) {
	v := reflect.Indirect(reflect.ValueOf(arg))
	var lookup func(string) (interface{}, bool)
	switch v.Kind() {
	case reflect.Struct:
		fm := fieldMap(v)
		lookup = func(n string) (interface{}, bool) {
			f, ok := fm[n]
			if !ok {
				return nil, false
			}
			return f.Interface(), true
		}
	case reflect.Map:
		lookup = func(n string) (interface{}, bool) {
			mv := v.MapIndex(reflect.ValueOf(n))
			if !mv.IsValid() {
				return nil, false
			}
			return mv.Interface(), true
		}
	default:
		return "", nil, errors.New("sqlx: named arg must be struct or map")
	}
	var args []interface{}
	var missing string
	out := namedRe.ReplaceAllStringFunc(q, func(m string) string {
		val, ok := lookup(m[1:])
		if !ok {
			missing = m
			return m
		}
		args = append(args, val)
		return "$" + itoa(len(args))
	})
	if missing != "" {
		return "", nil, errors.New("sqlx: could not find name " + missing)
	}
	return out, args, nil
}
