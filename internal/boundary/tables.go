package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// Data ownership. Every table access the analysis found belongs to the
// boundary of the symbol that makes it. The rule for a data-access layer
// outside the boundaries (a shared-kernel "store" or "db" package, sqlc's
// generated Queries, an ent client) is to look through it: its accesses
// count for the boundaries whose code calls into it, at the calls (the
// analysis records these as accesses "through" a call). An access made
// inside a boundary counts there only; a call into another boundary's
// store is a dependency between the boundaries, not a shared table.
// Accesses made by entry points (package main) count for no boundary.
//
// The owner of a table is the boundary that writes it most (by number of
// access sites); a table no boundary writes is owned by the one that reads
// it most; ties go to the bigger boundary. DDL (CREATE TABLE, AutoMigrate)
// is listed in the inventory but counts for neither.

// Table affinity for clustering: each pair of service packages touching
// the same table is pulled together by these weights, divided by the
// number of packages touching the table less one (so a table everyone
// reads does not glue everything into one boundary). Writers of a table
// belong together more surely than readers.
const (
	TableCoWrite   = 2.0 // both packages write the table
	TableWriteRead = 1.0 // one writes it, the other only reads it
	TableCoRead    = 0.5 // both only read it
)

// Severities of table warnings.
const (
	SeverityHigh   = "high"
	SeverityMedium = "medium"
)

// Kinds of table warnings.
const (
	// WarnMultipleWriters: more than one boundary writes the table.
	WarnMultipleWriters = "multiple-writers"
	// WarnForeignRead: a boundary reads a table another one owns.
	WarnForeignRead = "foreign-read"
)

// TableWarning is a table touched by more than one boundary.
type TableWarning struct {
	Table    string
	Severity string // SeverityHigh or SeverityMedium
	Kind     string // WarnMultipleWriters or WarnForeignRead
	Owner    string
	// Writers are the boundaries that write the table, most writes
	// first; Readers those that only read it.
	Writers, Readers []string
	// Boundaries are all the boundaries touching it, sorted.
	Boundaries []string
	// Accesses are every access of the boundaries, by file and line.
	Accesses []TableAccessSite
}

// TableAccessSite is one access of a table, where the code makes it.
type TableAccessSite struct {
	Boundary string
	Package  string // import path
	Symbol   string // import/path.Name
	File     string // module-root-relative
	Line     int
	Op       string // "read", "write" or "ddl"
	Via      string // the library: database/sql, gorm, ...
	// Through is "rel/file.go:12", where the SQL runs, when the access
	// is attributed through a call into a data-access package.
	Through string
}

// effective reports which boundary an access counts for, or -1. symOf is
// the boundary of each symbol (-1 outside the boundaries).
func effective(a analyze.TableAccess, symOf []int) int {
	if a.Op == analyze.DDL {
		return -1
	}
	b := symOf[a.Symbol]
	if !a.Through {
		return b
	}
	if symOf[a.OriginSymbol] >= 0 {
		return -1 // made inside a boundary: counted there
	}
	return b
}

// site renders one access for the model.
func site(g *analyze.Graph, a analyze.TableAccess, boundary string) TableAccessSite {
	s := TableAccessSite{
		Boundary: boundary,
		Package:  g.Packages[a.Package].Path,
		Symbol:   g.SymbolName(a.Symbol),
		File:     g.Files[a.Pos.File].Path,
		Line:     int(a.Pos.Line),
		Op:       a.Op.String(),
		Via:      a.Via,
	}
	if a.Through {
		s.Through = g.PosString(a.Origin)
	}
	return s
}

// tableOwnership fills in the tables each boundary owns, the warnings and
// the data metrics. symOf is the boundary of each symbol.
func tableOwnership(g *analyze.Graph, m *Model, symOf []int) {
	type count struct{ writes, reads int }
	type tableUse struct {
		counts map[int]*count
		sites  []TableAccessSite
	}
	uses := map[string]*tableUse{}
	var names []string
	for _, a := range g.Accesses {
		b := effective(a, symOf)
		if b < 0 {
			continue
		}
		u := uses[a.Table]
		if u == nil {
			u = &tableUse{counts: map[int]*count{}}
			uses[a.Table] = u
			names = append(names, a.Table)
		}
		c := u.counts[b]
		if c == nil {
			c = &count{}
			u.counts[b] = c
		}
		if a.Op == analyze.Write {
			c.writes++
		} else {
			c.reads++
		}
		u.sites = append(u.sites, site(g, a, m.Boundaries[b].Name))
	}
	sort.Strings(names)

	pure, accesses, foreign := 0, 0, 0
	for _, name := range names {
		u := uses[name]
		bs := make([]int, 0, len(u.counts))
		for b := range u.counts {
			bs = append(bs, b)
		}
		// Most writes, then most reads, then the bigger boundary (lower
		// index) first: the first is the owner.
		sort.Slice(bs, func(i, j int) bool {
			x, y := u.counts[bs[i]], u.counts[bs[j]]
			if x.writes != y.writes {
				return x.writes > y.writes
			}
			if x.reads != y.reads {
				return x.reads > y.reads
			}
			return bs[i] < bs[j]
		})
		owner := bs[0]
		m.Boundaries[owner].Tables = append(m.Boundaries[owner].Tables, name)
		var writers, readers, all []string
		for _, b := range bs {
			c := u.counts[b]
			accesses += c.writes + c.reads
			if b != owner {
				foreign += c.writes + c.reads
			}
			all = append(all, m.Boundaries[b].Name)
			if c.writes > 0 {
				writers = append(writers, m.Boundaries[b].Name)
			} else {
				readers = append(readers, m.Boundaries[b].Name)
			}
		}
		if len(writers) <= 1 {
			pure++
		}
		if len(bs) == 1 {
			continue
		}
		w := TableWarning{Table: name, Owner: m.Boundaries[owner].Name, Writers: writers, Readers: readers, Accesses: u.sites}
		w.Severity, w.Kind = SeverityMedium, WarnForeignRead
		if len(writers) > 1 {
			w.Severity, w.Kind = SeverityHigh, WarnMultipleWriters
		}
		sort.Strings(all)
		w.Boundaries = all
		sort.SliceStable(w.Accesses, func(i, j int) bool {
			a, b := w.Accesses[i], w.Accesses[j]
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Op < b.Op
		})
		m.TableWarnings = append(m.TableWarnings, w)
	}
	sort.SliceStable(m.TableWarnings, func(i, j int) bool {
		a, b := m.TableWarnings[i], m.TableWarnings[j]
		if a.Severity != b.Severity {
			return a.Severity == SeverityHigh
		}
		return a.Table < b.Table
	})
	for _, b := range m.Boundaries {
		sort.Strings(b.Tables)
	}
	m.Metrics.Tables = len(names)
	if len(names) > 0 {
		m.Metrics.TablePurity = float64(pure) / float64(len(names))
	}
	if accesses > 0 {
		m.Metrics.ForeignTableAccess = float64(foreign) / float64(accesses)
	}
	m.SQL = SQLSummary{Dialect: g.SQL.Dialect, Calls: g.SQL.Calls, Unresolved: len(g.SQL.Unresolved)}
}

// SQLSummary says how much of the code's data access was understood.
type SQLSummary struct {
	Dialect    string
	Calls      int // call sites whose SQL or model was known
	Unresolved int // data-access calls that gave no table
}

// addTableAffinity adds the table links between service packages to the
// clustering graph (node is each package's node, -1 for non-services).
func addTableAffinity(g *analyze.Graph, cg *cluster.Graph, node []int, roles []Role) {
	tableAffinity(g, cg, func(a analyze.TableAccess) int { return node[a.Package] }, roles)
}

// addSymbolTableAffinity does the same between symbols (symNode is each
// symbol's node, -1 for those not clustered).
func addSymbolTableAffinity(g *analyze.Graph, cg *cluster.Graph, symNode []int, roles []Role) {
	tableAffinity(g, cg, func(a analyze.TableAccess) int { return symNode[a.Symbol] }, roles)
}

// tableAffinity links the units (nodeOf an access, -1 for none) that
// touch the same tables. Accesses through a call count only when the code
// making them is not a service package (a shared data-access layer).
func tableAffinity(g *analyze.Graph, cg *cluster.Graph, nodeOf func(analyze.TableAccess) int, roles []Role) {
	type touch struct{ writes bool }
	byTable := map[string]map[int]*touch{}
	var names []string
	for _, a := range g.Accesses {
		if a.Op == analyze.DDL {
			continue
		}
		if a.Through && roles[a.OriginPackage] == RoleService {
			continue // counted where it is made
		}
		n := nodeOf(a)
		if n < 0 {
			continue
		}
		t := byTable[a.Table]
		if t == nil {
			t = map[int]*touch{}
			byTable[a.Table] = t
			names = append(names, a.Table)
		}
		if t[n] == nil {
			t[n] = &touch{}
		}
		t[n].writes = t[n].writes || a.Op == analyze.Write
	}
	sort.Strings(names)
	for _, name := range names {
		t := byTable[name]
		if len(t) < 2 {
			continue
		}
		nodes := make([]int, 0, len(t))
		for n := range t {
			nodes = append(nodes, n)
		}
		sort.Ints(nodes)
		scale := 1 / float64(len(nodes)-1)
		for i, u := range nodes {
			for _, v := range nodes[i+1:] {
				w := TableCoRead
				switch {
				case t[u].writes && t[v].writes:
					w = TableCoWrite
				case t[u].writes || t[v].writes:
					w = TableWriteRead
				}
				cg.Add(u, v, w*scale)
			}
		}
	}
}
