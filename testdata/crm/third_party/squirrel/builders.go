package squirrel

import (
	"errors"
	"sort"
	"strconv"
	"strings"
)

// StatementBuilderType carries a placeholder format into new builders.
type StatementBuilderType struct{ format PlaceholderFormat }

// StatementBuilder is the default builder (question placeholders).
var StatementBuilder = StatementBuilderType{format: Question}

// PlaceholderFormat returns a copy using the given format.
func (b StatementBuilderType) PlaceholderFormat(f PlaceholderFormat) StatementBuilderType {
	b.format = f
	return b
}

// Select starts a SELECT.
func (b StatementBuilderType) Select(cols ...string) SelectBuilder {
	return SelectBuilder{format: b.format, columns: cols}
}

// Update starts an UPDATE.
func (b StatementBuilderType) Update(table string) UpdateBuilder {
	return UpdateBuilder{format: b.format, table: table}
}

// Select starts a SELECT with question placeholders.
func Select(cols ...string) SelectBuilder { return StatementBuilder.Select(cols...) }

// SelectBuilder builds SELECT statements. It is immutable.
type SelectBuilder struct {
	format  PlaceholderFormat
	columns []string
	from    string
	joins   []string
	where   []wherePart
	groupBy []string
	orderBy []string
	limit   string
	offset  string
}

func (b SelectBuilder) Columns(cols ...string) SelectBuilder {
	b.columns = append(append([]string{}, b.columns...), cols...)
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
func (b SelectBuilder) Where(pred any, args ...any) SelectBuilder {
	b.where = append(append([]wherePart{}, b.where...), wherePart{pred, args})
	return b
}
func (b SelectBuilder) GroupBy(g ...string) SelectBuilder {
	b.groupBy = append(append([]string{}, b.groupBy...), g...)
	return b
}
func (b SelectBuilder) OrderBy(o ...string) SelectBuilder {
	b.orderBy = append(append([]string{}, b.orderBy...), o...)
	return b
}
func (b SelectBuilder) Limit(n uint64) SelectBuilder {
	b.limit = strconv.FormatUint(n, 10)
	return b
}
func (b SelectBuilder) Offset(n uint64) SelectBuilder {
	b.offset = strconv.FormatUint(n, 10)
	return b
}
func (b SelectBuilder) PlaceholderFormat(f PlaceholderFormat) SelectBuilder {
	b.format = f
	return b
}

// ToSql renders the statement.
func (b SelectBuilder) ToSql() (string, []any, error) {
	if len(b.columns) == 0 {
		return "", nil, errors.New("select statements must have at least one result column")
	}
	var sb strings.Builder
	sb.WriteString("SELECT " + strings.Join(b.columns, ", "))
	if b.from != "" {
		sb.WriteString(" FROM " + b.from)
	}
	for _, j := range b.joins {
		sb.WriteString(" " + j)
	}
	w, args, err := whereSQL(b.where)
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
	if b.limit != "" {
		sb.WriteString(" LIMIT " + b.limit)
	}
	if b.offset != "" {
		sb.WriteString(" OFFSET " + b.offset)
	}
	f := b.format
	if f == nil {
		f = Question
	}
	s, err := f.ReplacePlaceholders(sb.String())
	return s, args, err
}

// UpdateBuilder builds UPDATE statements.
type UpdateBuilder struct {
	format PlaceholderFormat
	table  string
	sets   []setClause
	where  []wherePart
}

type setClause struct {
	col string
	val any
}

func (b UpdateBuilder) Set(col string, val any) UpdateBuilder {
	b.sets = append(append([]setClause{}, b.sets...), setClause{col, val})
	return b
}

func (b UpdateBuilder) SetMap(m map[string]any) UpdateBuilder {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b = b.Set(k, m[k])
	}
	return b
}

func (b UpdateBuilder) Where(pred any, args ...any) UpdateBuilder {
	b.where = append(append([]wherePart{}, b.where...), wherePart{pred, args})
	return b
}

// ToSql renders the statement.
func (b UpdateBuilder) ToSql() (string, []any, error) {
	if b.table == "" || len(b.sets) == 0 {
		return "", nil, errors.New("update statements must specify a table and at least one Set clause")
	}
	var parts []string
	var args []any
	for _, s := range b.sets {
		if e, ok := s.val.(Sqlizer); ok {
			es, ea, err := e.ToSql()
			if err != nil {
				return "", nil, err
			}
			parts = append(parts, s.col+" = "+es)
			args = append(args, ea...)
			continue
		}
		parts = append(parts, s.col+" = ?")
		args = append(args, s.val)
	}
	w, wargs, err := whereSQL(b.where)
	if err != nil {
		return "", nil, err
	}
	sql := "UPDATE " + b.table + " SET " + strings.Join(parts, ", ") + w
	f := b.format
	if f == nil {
		f = Question
	}
	sql, err = f.ReplacePlaceholders(sql)
	return sql, append(args, wargs...), err
}
