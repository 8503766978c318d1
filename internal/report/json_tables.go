package report

import "github.com/decompose-dev/decompose/internal/boundary"

// The data-ownership part of decompose.propose/v1.

type jsonTableWarning struct {
	Table      string       `json:"table"`
	Severity   string       `json:"severity"`
	Kind       string       `json:"kind"`
	Owner      string       `json:"owner"`
	Writers    []string     `json:"writers"`
	Readers    []string     `json:"readers"`
	Boundaries []string     `json:"boundaries"`
	Accesses   []jsonAccess `json:"accesses"`
}

type jsonAccess struct {
	Boundary string `json:"boundary,omitempty"`
	Package  string `json:"package"`
	Symbol   string `json:"symbol"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Op       string `json:"op"`
	Via      string `json:"via"`
	Through  string `json:"through,omitempty"`
}

type jsonSQL struct {
	Dialect    string `json:"dialect"`
	Calls      int    `json:"calls"`
	Unresolved int    `json:"unresolved"`
}

// jsonTables fills in the table warnings, the table metrics and the SQL
// summary.
func jsonTables(out *jsonProposal, m *boundary.Model) {
	for _, w := range m.TableWarnings {
		out.TableWarnings = append(out.TableWarnings, jsonTableWarning{
			Table: w.Table, Severity: w.Severity, Kind: w.Kind, Owner: w.Owner,
			Writers: nonNil(w.Writers), Readers: nonNil(w.Readers), Boundaries: nonNil(w.Boundaries),
			Accesses: jsonAccesses(w.Accesses),
		})
	}
	out.Metrics.Tables = m.Metrics.Tables
	out.Metrics.TablePurity = round(m.Metrics.TablePurity)
	out.Metrics.ForeignTableAccess = round(m.Metrics.ForeignTableAccess)
	out.SQL = jsonSQL{Dialect: m.SQL.Dialect, Calls: m.SQL.Calls, Unresolved: m.SQL.Unresolved}
}

func jsonAccesses(as []boundary.TableAccessSite) []jsonAccess {
	out := make([]jsonAccess, 0, len(as))
	for _, a := range as {
		out = append(out, jsonAccess{Boundary: a.Boundary, Package: a.Package, Symbol: a.Symbol, File: a.File,
			Line: a.Line, Op: a.Op, Via: a.Via, Through: a.Through})
	}
	return out
}
