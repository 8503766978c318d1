package sqlscan

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	pgparser "github.com/wasilibs/go-pgquery/parser"
)

// The PostgreSQL parser is libpg_query, PostgreSQL's own grammar, compiled
// to WebAssembly. Starting it costs about 1.6 s of CPU once per process,
// so it is started lazily, or early in the background by Warm.

var (
	warmOnce sync.Once
	pgReady  = make(chan struct{})
)

// Warm starts the PostgreSQL parser in the background, so that its one-off
// start-up overlaps with other work (loading packages). It returns at once.
func Warm() {
	warmOnce.Do(func() {
		go func() {
			defer close(pgReady)
			_, _ = pgparser.ParseToJSON("SELECT 1")
		}()
	})
}

// waitPostgres starts the parser if need be and waits until it is ready:
// the library compiles a new instance for every call made while none is
// free, so the first calls must not race.
func waitPostgres() {
	Warm()
	<-pgReady
}

// parsePostgres parses sql with libpg_query and walks the JSON parse tree.
func parsePostgres(sql string) (tables []Table, err error) {
	defer func() {
		// The parser runs foreign code; never let it take the run down.
		if r := recover(); r != nil {
			tables, err = nil, fmt.Errorf("postgres parser: %v", r)
		}
	}()
	waitPostgres()
	out, err := pgparser.ParseToJSON(rewriteParams(sql, dollarParams))
	if err != nil {
		return nil, err
	}
	var tree any
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		return nil, err
	}
	w := &pgWalker{ctes: map[string]bool{}}
	w.collectCTEs(tree)
	w.walk(tree, Read)
	return w.tables, nil
}

type pgWalker struct {
	ctes   map[string]bool
	tables []Table
}

func (w *pgWalker) collectCTEs(n any) {
	switch n := n.(type) {
	case map[string]any:
		if name, ok := n["ctename"].(string); ok {
			w.ctes[name] = true
		}
		for _, v := range n {
			w.collectCTEs(v)
		}
	case []any:
		for _, v := range n {
			w.collectCTEs(v)
		}
	}
}

// targets maps a statement node to the field holding the table it writes
// (or whose schema it changes), and how.
var targets = map[string]map[string]Op{
	"InsertStmt":        {"relation": Write},
	"UpdateStmt":        {"relation": Write},
	"DeleteStmt":        {"relation": Write},
	"MergeStmt":         {"relation": Write},
	"TruncateStmt":      {"relations": Write},
	"CreateStmt":        {"relation": DDL},
	"AlterTableStmt":    {"relation": DDL},
	"IndexStmt":         {"relation": DDL},
	"RenameStmt":        {"relation": DDL},
	"CreateTrigStmt":    {"relation": DDL},
	"RuleStmt":          {"relation": DDL},
	"ViewStmt":          {"view": DDL},
	"CreateTableAsStmt": {"into": Write},
	"SelectStmt":        {"intoClause": Write},
}

// walk visits the parse tree. op is how a table found here is used; the
// target fields of the statements above override it for their subtree.
func (w *pgWalker) walk(n any, op Op) {
	switch n := n.(type) {
	case []any:
		for _, v := range n {
			w.walk(v, op)
		}
	case map[string]any:
		if rel, ok := n["relname"].(string); ok {
			// A RangeVar: a table, view or CTE reference.
			schema, _ := n["schemaname"].(string)
			if schema == "" && w.ctes[rel] {
				return
			}
			name := rel
			if schema != "" {
				name = schema + "." + rel
			}
			w.tables = append(w.tables, Table{Name: name, Op: op})
			return
		}
		// Node types are CamelCase ({"SelectStmt": {...}}), fields
		// lower-case ({"relation": {...}}).
		for key, body := range n {
			fields, ok := body.(map[string]any)
			if !ok || key == "" || key[0] < 'A' || key[0] > 'Z' {
				w.walk(body, op)
				continue
			}
			if _, ok := fields["relname"]; ok {
				w.walk(fields, op) // {"RangeVar": {...}}
				continue
			}
			switch key {
			case "CopyStmt":
				copyOp := Read
				if from, _ := fields["is_from"].(bool); from {
					copyOp = Write
				}
				w.walkFields(fields, map[string]Op{"relation": copyOp}, op)
			case "DropStmt":
				if t, _ := fields["removeType"].(string); t == "OBJECT_TABLE" || t == "OBJECT_VIEW" {
					w.dropped(fields["objects"])
				}
			default:
				w.walkFields(fields, targets[key], op)
			}
		}
	}
}

func (w *pgWalker) walkFields(fields map[string]any, target map[string]Op, op Op) {
	for k, v := range fields {
		if k == "pktable" {
			continue // the table a foreign key references is not touched
		}
		if k == "lockedRels" {
			continue // FOR UPDATE OF b names a FROM item (often an alias), counted there
		}
		if t, ok := target[k]; ok {
			w.walk(v, t)
			continue
		}
		w.walk(v, op)
	}
}

// dropped records the tables of DROP TABLE, whose names are lists of
// strings rather than RangeVars.
func (w *pgWalker) dropped(objects any) {
	list, _ := objects.([]any)
	for _, o := range list {
		m, _ := o.(map[string]any)
		l, _ := m["List"].(map[string]any)
		items, _ := l["items"].([]any)
		var parts []string
		for _, it := range items {
			s, _ := it.(map[string]any)["String"].(map[string]any)
			if v, ok := s["sval"].(string); ok {
				parts = append(parts, v)
			}
		}
		if len(parts) > 0 {
			w.tables = append(w.tables, Table{Name: strings.Join(parts, "."), Op: DDL})
		}
	}
}
