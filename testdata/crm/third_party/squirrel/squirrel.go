// Package squirrel is a trimmed, offline stand-in for github.com/Masterminds/squirrel.
// Only the subset of the API used by the CRM is implemented.
package squirrel

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Sqlizer is anything that can produce SQL with args.
type Sqlizer interface {
	ToSql() (string, []any, error)
}

// PlaceholderFormat rewrites '?' placeholders.
type PlaceholderFormat interface {
	ReplacePlaceholders(sql string) (string, error)
}

type questionFormat struct{}

func (questionFormat) ReplacePlaceholders(sql string) (string, error) { return sql, nil }

type dollarFormat struct{}

func (dollarFormat) ReplacePlaceholders(sql string) (string, error) {
	buf := &bytes.Buffer{}
	n := 0
	for {
		p := strings.Index(sql, "?")
		if p == -1 {
			break
		}
		if len(sql) > p+1 && sql[p+1] == '?' { // escaped "??"
			buf.WriteString(sql[:p] + "?")
			sql = sql[p+2:]
			continue
		}
		n++
		buf.WriteString(sql[:p])
		buf.WriteString("$" + strconv.Itoa(n))
		sql = sql[p+1:]
	}
	buf.WriteString(sql)
	return buf.String(), nil
}

var (
	// Question is the default '?' format.
	Question PlaceholderFormat = questionFormat{}
	// Dollar is the Postgres $n format.
	Dollar PlaceholderFormat = dollarFormat{}
)

// Expr builds a raw SQL expression with args.
func Expr(sql string, args ...any) Sqlizer { return expr{sql: sql, args: args} }

type expr struct {
	sql  string
	args []any
}

func (e expr) ToSql() (string, []any, error) { return e.sql, e.args, nil }

// Eq is an equality map; slice values become IN lists.
type Eq map[string]any

func (eq Eq) ToSql() (string, []any, error) { return eq.toSql(false) }

func (eq Eq) toSql(not bool) (string, []any, error) {
	var parts []string
	var args []any
	for _, k := range sortedKeys(eq) {
		v := eq[k]
		switch {
		case v == nil:
			if not {
				parts = append(parts, k+" IS NOT NULL")
			} else {
				parts = append(parts, k+" IS NULL")
			}
		case isList(v):
			rv := reflect.ValueOf(v)
			if rv.Len() == 0 {
				if not {
					parts = append(parts, "(1=1)")
				} else {
					parts = append(parts, "(1=0)")
				}
				continue
			}
			ph := make([]string, rv.Len())
			for i := 0; i < rv.Len(); i++ {
				ph[i] = "?"
				args = append(args, rv.Index(i).Interface())
			}
			op := " IN "
			if not {
				op = " NOT IN "
			}
			parts = append(parts, k+op+"("+strings.Join(ph, ",")+")")
		default:
			op := " = ?"
			if not {
				op = " <> ?"
			}
			parts = append(parts, k+op)
			args = append(args, v)
		}
	}
	return strings.Join(parts, " AND "), args, nil
}

// NotEq is the negation of Eq.
type NotEq map[string]any

func (ne NotEq) ToSql() (string, []any, error) { return Eq(ne).toSql(true) }

type cmp struct {
	m  map[string]any
	op string
}

func (c cmp) ToSql() (string, []any, error) {
	var parts []string
	var args []any
	for _, k := range sortedKeys(c.m) {
		parts = append(parts, k+" "+c.op+" ?")
		args = append(args, c.m[k])
	}
	return strings.Join(parts, " AND "), args, nil
}

// Lt, LtOrEq, Gt, GtOrEq, ILike are comparison maps.
type (
	Lt     map[string]any
	LtOrEq map[string]any
	Gt     map[string]any
	GtOrEq map[string]any
	ILike  map[string]any
)

func (m Lt) ToSql() (string, []any, error)     { return cmp{m, "<"}.ToSql() }
func (m LtOrEq) ToSql() (string, []any, error) { return cmp{m, "<="}.ToSql() }
func (m Gt) ToSql() (string, []any, error)     { return cmp{m, ">"}.ToSql() }
func (m GtOrEq) ToSql() (string, []any, error) { return cmp{m, ">="}.ToSql() }
func (m ILike) ToSql() (string, []any, error)  { return cmp{m, "ILIKE"}.ToSql() }

// And joins predicates with AND.
type And []Sqlizer

func (a And) ToSql() (string, []any, error) { return conj(a, " AND ") }

// Or joins predicates with OR.
type Or []Sqlizer

func (o Or) ToSql() (string, []any, error) { return conj(o, " OR ") }

func conj(ps []Sqlizer, sep string) (string, []any, error) {
	if len(ps) == 0 {
		return "", nil, nil
	}
	var parts []string
	var args []any
	for _, p := range ps {
		s, a, err := p.ToSql()
		if err != nil {
			return "", nil, err
		}
		if s == "" {
			continue
		}
		parts = append(parts, s)
		args = append(args, a...)
	}
	return "(" + strings.Join(parts, sep) + ")", args, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isList(v any) bool {
	k := reflect.TypeOf(v).Kind()
	return k == reflect.Slice || k == reflect.Array
}

type wherePart struct {
	pred any
	args []any
}

func (w wherePart) ToSql() (string, []any, error) {
	switch p := w.pred.(type) {
	case string:
		return p, w.args, nil
	case Sqlizer:
		return p.ToSql()
	case map[string]any:
		return Eq(p).ToSql()
	case nil:
		return "", nil, nil
	}
	return "", nil, fmt.Errorf("squirrel: unsupported where type %T", w.pred)
}

func whereSQL(ws []wherePart) (string, []any, error) {
	if len(ws) == 0 {
		return "", nil, nil
	}
	var parts []string
	var args []any
	for _, w := range ws {
		s, a, err := w.ToSql()
		if err != nil {
			return "", nil, err
		}
		if s == "" {
			continue
		}
		parts = append(parts, s)
		args = append(args, a...)
	}
	if len(parts) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(parts, " AND "), args, nil
}
