// Package squirrel is a trimmed stand-in for github.com/Masterminds/squirrel.
package squirrel

import (
	"fmt"
	"sort"
	"strings"
)

// Sqlizer is anything that can render itself to SQL.
type Sqlizer interface {
	ToSql() (string, []interface{}, error)
}

// PlaceholderFormat rewrites "?" placeholders.
type PlaceholderFormat interface {
	ReplacePlaceholders(sql string) (string, error)
}

type questionFormat struct{}

func (questionFormat) ReplacePlaceholders(sql string) (string, error) { return sql, nil }

type dollarFormat struct{}

func (dollarFormat) ReplacePlaceholders(sql string) (string, error) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(sql); i++ {
		if sql[i] == '?' {
			if i+1 < len(sql) && sql[i+1] == '?' {
				b.WriteByte('?')
				i++
				continue
			}
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(sql[i])
	}
	return b.String(), nil
}

var (
	Question PlaceholderFormat = questionFormat{}
	Dollar   PlaceholderFormat = dollarFormat{}
)

// Eq renders col = ? (or IN for slices) for each key.
type Eq map[string]interface{}

func (eq Eq) toSQL(op, inOp string) (string, []interface{}, error) {
	keys := make([]string, 0, len(eq))
	for k := range eq {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	var args []interface{}
	for _, k := range keys {
		v := eq[k]
		switch vv := v.(type) {
		case nil:
			if op == "=" {
				parts = append(parts, k+" IS NULL")
			} else {
				parts = append(parts, k+" IS NOT NULL")
			}
		case []string:
			ph := make([]string, len(vv))
			for i, s := range vv {
				ph[i] = "?"
				args = append(args, s)
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", k, inOp, strings.Join(ph, ",")))
		case []int64:
			ph := make([]string, len(vv))
			for i, s := range vv {
				ph[i] = "?"
				args = append(args, s)
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", k, inOp, strings.Join(ph, ",")))
		default:
			parts = append(parts, fmt.Sprintf("%s %s ?", k, op))
			args = append(args, v)
		}
	}
	return strings.Join(parts, " AND "), args, nil
}

func (eq Eq) ToSql() (string, []interface{}, error) { return eq.toSQL("=", "IN") }

// NotEq renders col <> ?.
type NotEq map[string]interface{}

func (n NotEq) ToSql() (string, []interface{}, error) { return Eq(n).toSQL("<>", "NOT IN") }

type cmp struct {
	m  map[string]interface{}
	op string
}

func (c cmp) ToSql() (string, []interface{}, error) {
	keys := make([]string, 0, len(c.m))
	for k := range c.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	var args []interface{}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %s ?", k, c.op))
		args = append(args, c.m[k])
	}
	return strings.Join(parts, " AND "), args, nil
}

// Gt renders col > ?.
type Gt map[string]interface{}

func (g Gt) ToSql() (string, []interface{}, error) { return cmp{g, ">"}.ToSql() }

// Lt renders col < ?.
type Lt map[string]interface{}

func (l Lt) ToSql() (string, []interface{}, error) { return cmp{l, "<"}.ToSql() }

// ILike renders col ILIKE ?.
type ILike map[string]interface{}

func (l ILike) ToSql() (string, []interface{}, error) { return cmp{l, "ILIKE"}.ToSql() }

type conj struct {
	parts []Sqlizer
	sep   string
}

func (c conj) ToSql() (string, []interface{}, error) {
	var out []string
	var args []interface{}
	for _, p := range c.parts {
		s, a, err := p.ToSql()
		if err != nil {
			return "", nil, err
		}
		if s == "" {
			continue
		}
		out = append(out, "("+s+")")
		args = append(args, a...)
	}
	return strings.Join(out, c.sep), args, nil
}

// And joins predicates with AND.
type And []Sqlizer

func (a And) ToSql() (string, []interface{}, error) { return conj{a, " AND "}.ToSql() }

// Or joins predicates with OR.
type Or []Sqlizer

func (o Or) ToSql() (string, []interface{}, error) { return conj{o, " OR "}.ToSql() }

type expr struct {
	sql  string
	args []interface{}
}

func (e expr) ToSql() (string, []interface{}, error) { return e.sql, e.args, nil }

// Expr builds a raw SQL fragment.
func Expr(sql string, args ...interface{}) Sqlizer { return expr{sql, args} }

func wherePart(preds []Sqlizer) (string, []interface{}, error) {
	if len(preds) == 0 {
		return "", nil, nil
	}
	s, a, err := And(preds).ToSql()
	if err != nil {
		return "", nil, err
	}
	return " WHERE " + s, a, nil
}

func toPred(pred interface{}, args []interface{}) Sqlizer {
	switch p := pred.(type) {
	case string:
		return expr{p, args}
	case Sqlizer:
		return p
	case map[string]interface{}:
		return Eq(p)
	default:
		return expr{fmt.Sprint(p), args}
	}
}
