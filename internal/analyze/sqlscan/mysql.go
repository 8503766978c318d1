package sqlscan

import (
	"fmt"
	"sync"

	tidb "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"

	// The parser needs a driver for the values in expressions.
	_ "github.com/pingcap/tidb/pkg/parser/test_driver"
)

// The MySQL parser is TiDB's (MySQL 8 syntax). A Parser is not safe for
// concurrent use, so they are pooled.
var mysqlParsers = sync.Pool{New: func() any { return tidb.New() }}

// parseMySQL parses sql with the TiDB parser and walks the statements.
func parseMySQL(sql string) (tables []Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			tables, err = nil, fmt.Errorf("mysql parser: %v", r)
		}
	}()
	p := mysqlParsers.Get().(*tidb.Parser)
	defer mysqlParsers.Put(p)
	stmts, _, err := p.Parse(rewriteParams(sql, questionParams), "", "")
	if err != nil {
		return nil, err
	}
	w := &myWalker{ops: map[*ast.TableName]Op{}, ctes: map[string]bool{}, skip: map[ast.Node]bool{}}
	for _, s := range stmts {
		w.mark(s)
		s.Accept(w)
	}
	return w.tables, nil
}

// myWalker collects every TableName of a statement. Write targets and
// DDL subjects are marked before the walk; the rest are reads.
type myWalker struct {
	ops    map[*ast.TableName]Op
	ctes   map[string]bool
	skip   map[ast.Node]bool // subtrees that name no table touched (foreign-key references)
	tables []Table
}

func (w *myWalker) Enter(n ast.Node) (ast.Node, bool) {
	if w.skip[n] {
		return n, true
	}
	switch n := n.(type) {
	case *ast.CommonTableExpression:
		w.ctes[n.Name.L] = true
	case *ast.TableName:
		if n.Schema.L == "" && w.ctes[n.Name.L] {
			return n, true
		}
		op, ok := w.ops[n]
		if !ok {
			op = Read
		}
		name := n.Name.L
		if n.Schema.L != "" {
			name = n.Schema.L + "." + name
		}
		w.tables = append(w.tables, Table{Name: name, Op: op})
	}
	return n, false
}

func (w *myWalker) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// mark records the write targets and DDL subjects of a statement.
func (w *myWalker) mark(s ast.StmtNode) {
	switch s := s.(type) {
	case *ast.InsertStmt:
		if s.Table != nil {
			for _, src := range sources(s.Table.TableRefs) {
				w.markSource(src, Write)
			}
		}
	case *ast.UpdateStmt:
		if s.TableRefs == nil {
			return
		}
		srcs := sources(s.TableRefs.TableRefs)
		if len(srcs) == 1 {
			w.markSource(srcs[0], Write)
			return
		}
		// Multi-table UPDATE: the targets are the tables the SET list
		// assigns to, by name or alias.
		assigned := map[string]bool{}
		for _, a := range s.List {
			if a.Column != nil {
				assigned[a.Column.Table.L] = true
			}
		}
		for _, src := range srcs {
			tn, ok := src.Source.(*ast.TableName)
			if ok && (assigned[tn.Name.L] || src.AsName.L != "" && assigned[src.AsName.L] || assigned[""] && src == srcs[0]) {
				w.ops[tn] = Write
			}
		}
	case *ast.DeleteStmt:
		if s.TableRefs == nil {
			return
		}
		srcs := sources(s.TableRefs.TableRefs)
		if !s.IsMultiTable || s.Tables == nil {
			if len(srcs) > 0 {
				w.markSource(srcs[0], Write)
			}
			return
		}
		// DELETE t1, t2 FROM t1 JOIN t2 ...: the list names tables or
		// aliases; the list entries themselves are not extra tables.
		targets := map[string]bool{}
		for _, t := range s.Tables.Tables {
			targets[t.Name.L] = true
			w.skip[t] = true
		}
		for _, src := range srcs {
			if tn, ok := src.Source.(*ast.TableName); ok && (targets[tn.Name.L] || targets[src.AsName.L]) {
				w.ops[tn] = Write
			}
		}
	case *ast.TruncateTableStmt:
		w.ops[s.Table] = Write
	case *ast.LoadDataStmt:
		w.ops[s.Table] = Write
	case *ast.CreateTableStmt:
		w.ops[s.Table] = DDL
		for _, c := range s.Constraints {
			if c.Refer != nil {
				w.skip[c.Refer] = true
			}
		}
		for _, col := range s.Cols {
			for _, o := range col.Options {
				if o.Refer != nil {
					w.skip[o.Refer] = true
				}
			}
		}
	case *ast.AlterTableStmt:
		w.ops[s.Table] = DDL
		for _, spec := range s.Specs {
			w.skip[spec] = true
		}
	case *ast.CreateIndexStmt:
		w.ops[s.Table] = DDL
	case *ast.DropTableStmt:
		for _, t := range s.Tables {
			w.ops[t] = DDL
		}
	case *ast.RenameTableStmt:
		for _, t := range s.TableToTables {
			w.ops[t.OldTable] = DDL
			w.ops[t.NewTable] = DDL
		}
	case *ast.CreateViewStmt:
		w.ops[s.ViewName] = DDL
	}
}

func (w *myWalker) markSource(src *ast.TableSource, op Op) {
	if tn, ok := src.Source.(*ast.TableName); ok {
		w.ops[tn] = op
	}
}

// sources flattens a join tree into its table sources, left to right.
func sources(n ast.ResultSetNode) []*ast.TableSource {
	switch n := n.(type) {
	case *ast.Join:
		out := sources(n.Left)
		if n.Right != nil {
			out = append(out, sources(n.Right)...)
		}
		return out
	case *ast.TableSource:
		return []*ast.TableSource{n}
	}
	return nil
}
