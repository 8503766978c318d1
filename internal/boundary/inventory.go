package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// TableInventory is the answer of "decompose tables": every table the code
// touches and where, without proposing boundaries.
type TableInventory struct {
	Module string
	Root   string

	// Dialect is the SQL dialect the queries were parsed as, and
	// DialectWhy where it came from.
	Dialect, DialectWhy string
	// Calls is the number of data-access calls whose tables were found.
	Calls int

	Tables []TableEntry
	// Unresolved are the data-access calls that gave no table.
	Unresolved []UnresolvedSite

	Stats    Stats
	Problems []Problem
}

// TableEntry is one table and the code that touches it.
type TableEntry struct {
	Name string
	// Reads, Writes and DDL count the access sites in the code that
	// makes them (through-call attributions not included).
	Reads, Writes, DDL int
	// Packages are the packages whose code makes the accesses, sorted;
	// Writers those of them that write it.
	Packages, Writers []string
	// Accesses are the sites that make an access, by file and line, then
	// the calls that reach one from another package (Through set).
	Accesses []TableAccessSite
}

// UnresolvedSite is a data-access call whose tables are unknown.
type UnresolvedSite struct {
	Package string
	Symbol  string
	File    string
	Line    int
	Via     string
	SQL     string
	Reason  string
}

// Inventory lists the tables of g.
func Inventory(g *analyze.Graph) *TableInventory {
	inv := &TableInventory{
		Module: g.Module, Root: g.Root,
		Dialect: g.SQL.Dialect, DialectWhy: g.SQL.DialectWhy, Calls: g.SQL.Calls,
		Stats: stats(g),
	}
	byName := map[string]*TableEntry{}
	pkgs := map[string]map[string]bool{}
	writers := map[string]map[string]bool{}
	for _, a := range g.Accesses {
		e := byName[a.Table]
		if e == nil {
			e = &TableEntry{Name: a.Table}
			byName[a.Table] = e
			pkgs[a.Table], writers[a.Table] = map[string]bool{}, map[string]bool{}
		}
		e.Accesses = append(e.Accesses, site(g, a, ""))
		if a.Through {
			continue
		}
		path := g.Packages[a.Package].Path
		pkgs[a.Table][path] = true
		switch a.Op {
		case analyze.Read:
			e.Reads++
		case analyze.Write:
			e.Writes++
			writers[a.Table][path] = true
		case analyze.DDL:
			e.DDL++
		}
	}
	for name, e := range byName {
		e.Packages = keysSorted(pkgs[name])
		e.Writers = keysSorted(writers[name])
		sort.SliceStable(e.Accesses, func(x, y int) bool {
			a, b := e.Accesses[x], e.Accesses[y]
			if (a.Through == "") != (b.Through == "") {
				return a.Through == ""
			}
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Op < b.Op
		})
		inv.Tables = append(inv.Tables, *e)
	}
	sort.Slice(inv.Tables, func(i, j int) bool { return inv.Tables[i].Name < inv.Tables[j].Name })
	for _, u := range g.SQL.Unresolved {
		inv.Unresolved = append(inv.Unresolved, UnresolvedSite{
			Package: g.Packages[u.Package].Path, Symbol: g.SymbolName(u.Symbol),
			File: g.Files[u.Pos.File].Path, Line: int(u.Pos.Line), Via: u.Via, SQL: u.SQL, Reason: u.Reason,
		})
	}
	for _, e := range g.Errors {
		inv.Problems = append(inv.Problems, Problem{Package: e.Package, Pos: e.Pos, Msg: e.Msg})
	}
	return inv
}

func keysSorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
