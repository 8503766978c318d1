package squirrel

import (
	"fmt"
	"strings"
)

// StatementBuilderType carries the placeholder format.
type StatementBuilderType struct{ format PlaceholderFormat }

// StatementBuilder is the default builder using "?" placeholders.
var StatementBuilder = StatementBuilderType{format: Question}

func (b StatementBuilderType) PlaceholderFormat(f PlaceholderFormat) StatementBuilderType {
	return StatementBuilderType{format: f}
}

func (b StatementBuilderType) Select(cols ...string) SelectBuilder {
	return SelectBuilder{format: b.format, cols: cols}
}

func (b StatementBuilderType) Insert(into string) InsertBuilder {
	return InsertBuilder{format: b.format, into: into}
}

func (b StatementBuilderType) Update(table string) UpdateBuilder {
	return UpdateBuilder{format: b.format, table: table}
}

func (b StatementBuilderType) Delete(from string) DeleteBuilder {
	return DeleteBuilder{format: b.format, from: from}
}

func Select(cols ...string) SelectBuilder { return StatementBuilder.Select(cols...) }
func Insert(into string) InsertBuilder    { return StatementBuilder.Insert(into) }
func Update(table string) UpdateBuilder   { return StatementBuilder.Update(table) }
func Delete(from string) DeleteBuilder    { return StatementBuilder.Delete(from) }

// SelectBuilder builds SELECT statements.
type SelectBuilder struct {
	format  PlaceholderFormat
	cols    []string
	from    string
	joins   []string
	where   []Sqlizer
	groupBy []string
	orderBy []string
	limit   uint64
	offset  uint64
	suffix  string
}

func (b SelectBuilder) PlaceholderFormat(f PlaceholderFormat) SelectBuilder { b.format = f; return b }
func (b SelectBuilder) Columns(cols ...string) SelectBuilder {
	b.cols = append(append([]string{}, b.cols...), cols...)
	return b
}
func (b SelectBuilder) From(t string) SelectBuilder { b.from = t; return b }
func (b SelectBuilder) Join(j string) SelectBuilder {
	b.joins = append(append([]string{}, b.joins...), "JOIN "+j)
	return b
}
func (b SelectBuilder) LeftJoin(j string) SelectBuilder {
	b.joins = append(append([]string{}, b.joins...), "LEFT JOIN "+j)
	return b
}
func (b SelectBuilder) Where(pred interface{}, args ...interface{}) SelectBuilder {
	b.where = append(append([]Sqlizer{}, b.where...), toPred(pred, args))
	return b
}
func (b SelectBuilder) GroupBy(g ...string) SelectBuilder { b.groupBy = g; return b }
func (b SelectBuilder) OrderBy(o ...string) SelectBuilder { b.orderBy = o; return b }
func (b SelectBuilder) Limit(n uint64) SelectBuilder      { b.limit = n; return b }
func (b SelectBuilder) Offset(n uint64) SelectBuilder     { b.offset = n; return b }
func (b SelectBuilder) Suffix(s string) SelectBuilder     { b.suffix = s; return b }

func (b SelectBuilder) ToSql() (string, []interface{}, error) {
	if len(b.cols) == 0 {
		return "", nil, fmt.Errorf("select statements must have at least one result column")
	}
	var sb strings.Builder
	sb.WriteString("SELECT " + strings.Join(b.cols, ", "))
	if b.from != "" {
		sb.WriteString(" FROM " + b.from)
	}
	for _, j := range b.joins {
		sb.WriteString(" " + j)
	}
	w, args, err := wherePart(b.where)
	if err != nil {
		return "", nil, err
	}
	sb.WriteString(w)
	if len(b.groupBy) > 0 {
		sb.WriteString(" GROUP BY " + strings.Join(b.groupBy, ", "))
	}
	if len(b.orderBy) > 0 {
		sb.WriteString(" ORDER BY " + strings.Join(b.orderBy, ", "))
	}
	if b.limit > 0 {
		fmt.Fprintf(&sb, " LIMIT %d", b.limit)
	}
	if b.offset > 0 {
		fmt.Fprintf(&sb, " OFFSET %d", b.offset)
	}
	if b.suffix != "" {
		sb.WriteString(" " + b.suffix)
	}
	s, err := b.format.ReplacePlaceholders(sb.String())
	return s, args, err
}

// InsertBuilder builds INSERT statements.
type InsertBuilder struct {
	format PlaceholderFormat
	into   string
	cols   []string
	rows   [][]interface{}
	suffix string
}

func (b InsertBuilder) PlaceholderFormat(f PlaceholderFormat) InsertBuilder { b.format = f; return b }
func (b InsertBuilder) Columns(cols ...string) InsertBuilder                { b.cols = cols; return b }
func (b InsertBuilder) Values(vals ...interface{}) InsertBuilder {
	b.rows = append(append([][]interface{}{}, b.rows...), vals)
	return b
}
func (b InsertBuilder) SetMap(m map[string]interface{}) InsertBuilder {
	eq := Eq(m)
	keys := make([]string, 0, len(eq))
	for k := range eq {
		keys = append(keys, k)
	}
	sortStrings(keys)
	vals := make([]interface{}, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	b.cols = keys
	b.rows = [][]interface{}{vals}
	return b
}
func (b InsertBuilder) Suffix(s string) InsertBuilder { b.suffix = s; return b }

func (b InsertBuilder) ToSql() (string, []interface{}, error) {
	if b.into == "" || len(b.rows) == 0 {
		return "", nil, fmt.Errorf("insert statements must specify a table and values")
	}
	var sb strings.Builder
	var args []interface{}
	sb.WriteString("INSERT INTO " + b.into)
	if len(b.cols) > 0 {
		sb.WriteString(" (" + strings.Join(b.cols, ",") + ")")
	}
	sb.WriteString(" VALUES ")
	for i, row := range b.rows {
		if i > 0 {
			sb.WriteString(",")
		}
		ph := make([]string, len(row))
		for j, v := range row {
			if e, ok := v.(expr); ok {
				ph[j] = e.sql
				args = append(args, e.args...)
				continue
			}
			ph[j] = "?"
			args = append(args, v)
		}
		sb.WriteString("(" + strings.Join(ph, ",") + ")")
	}
	if b.suffix != "" {
		sb.WriteString(" " + b.suffix)
	}
	s, err := b.format.ReplacePlaceholders(sb.String())
	return s, args, err
}

type setClause struct {
	col string
	val interface{}
}

// UpdateBuilder builds UPDATE statements.
type UpdateBuilder struct {
	format PlaceholderFormat
	table  string
	sets   []setClause
	where  []Sqlizer
	suffix string
}

func (b UpdateBuilder) PlaceholderFormat(f PlaceholderFormat) UpdateBuilder { b.format = f; return b }
func (b UpdateBuilder) Set(col string, v interface{}) UpdateBuilder {
	b.sets = append(append([]setClause{}, b.sets...), setClause{col, v})
	return b
}
func (b UpdateBuilder) Where(pred interface{}, args ...interface{}) UpdateBuilder {
	b.where = append(append([]Sqlizer{}, b.where...), toPred(pred, args))
	return b
}
func (b UpdateBuilder) Suffix(s string) UpdateBuilder { b.suffix = s; return b }

func (b UpdateBuilder) ToSql() (string, []interface{}, error) {
	if len(b.sets) == 0 {
		return "", nil, fmt.Errorf("update statements must have at least one Set clause")
	}
	var sb strings.Builder
	var args []interface{}
	sb.WriteString("UPDATE " + b.table + " SET ")
	for i, s := range b.sets {
		if i > 0 {
			sb.WriteString(", ")
		}
		if e, ok := s.val.(expr); ok {
			sb.WriteString(s.col + " = " + e.sql)
			args = append(args, e.args...)
			continue
		}
		sb.WriteString(s.col + " = ?")
		args = append(args, s.val)
	}
	w, wa, err := wherePart(b.where)
	if err != nil {
		return "", nil, err
	}
	sb.WriteString(w)
	args = append(args, wa...)
	if b.suffix != "" {
		sb.WriteString(" " + b.suffix)
	}
	s, err := b.format.ReplacePlaceholders(sb.String())
	return s, args, err
}

// DeleteBuilder builds DELETE statements.
type DeleteBuilder struct {
	format PlaceholderFormat
	from   string
	where  []Sqlizer
}

func (b DeleteBuilder) PlaceholderFormat(f PlaceholderFormat) DeleteBuilder { b.format = f; return b }
func (b DeleteBuilder) Where(pred interface{}, args ...interface{}) DeleteBuilder {
	b.where = append(append([]Sqlizer{}, b.where...), toPred(pred, args))
	return b
}

func (b DeleteBuilder) ToSql() (string, []interface{}, error) {
	w, args, err := wherePart(b.where)
	if err != nil {
		return "", nil, err
	}
	s, err := b.format.ReplacePlaceholders("DELETE FROM " + b.from + w)
	return s, args, err
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
