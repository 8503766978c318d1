package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// TablesRenderer writes the table inventory of "decompose tables".
type TablesRenderer interface {
	RenderTables(w io.Writer, inv *boundary.TableInventory) error
}

// TablesFormats lists the formats of "decompose tables".
var TablesFormats = []string{"text", "json"}

// NewTablesRenderer returns the inventory renderer for a format name.
// Verbose text also lists the calls that reach a table from another
// package and the queries that gave no table.
func NewTablesRenderer(format string, verbose bool) (TablesRenderer, error) {
	switch format {
	case "", "text":
		return TablesText{Verbose: verbose}, nil
	case "json":
		return TablesJSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, joinOr(TablesFormats))
}

// TablesText renders the inventory for a terminal.
type TablesText struct {
	Verbose bool
}

// RenderTables writes one block per table: what touches it and where.
func (t TablesText) RenderTables(w io.Writer, inv *boundary.TableInventory) error {
	var sb strings.Builder
	rel := relativizer(inv.Module)
	fmt.Fprintf(&sb, "%s %s %s\n", styleTitle.Render("decompose tables"), inv.Module, styleLabel.Render("(dialect "+inv.Dialect+")"))
	fmt.Fprintf(&sb, "%s in %s data-access calls · %s packages analysed\n",
		plural(len(inv.Tables), "table", "tables"), num(inv.Calls), num(inv.Stats.Packages))
	if inv.DialectWhy != "" {
		fmt.Fprintf(&sb, "%s dialect from %s\n", styleLabel.Render("·"), inv.DialectWhy)
	}
	if n := len(inv.Unresolved); n > 0 {
		hint := "; --verbose lists them"
		if t.Verbose {
			hint = "; listed at the end"
		}
		fmt.Fprintf(&sb, "%s %s gave no table%s\n", styleWarn.Render("!"), plural(n, "query", "queries"), hint)
	}
	for _, e := range inv.Tables {
		counts := []string{}
		for _, c := range []struct {
			n    int
			what string
		}{{e.Writes, "write"}, {e.Reads, "read"}, {e.DDL, "ddl"}} {
			if c.n > 0 {
				counts = append(counts, plural(c.n, c.what, c.what+"s"))
			}
		}
		mark := ""
		if len(e.Writers) > 1 {
			mark = " " + styleWarn.Render(fmt.Sprintf("written by %d packages", len(e.Writers)))
		}
		fmt.Fprintf(&sb, "\n%s  %s%s\n", styleHeading.Render(e.Name), styleLabel.Render(strings.Join(counts, " · ")), mark)
		through := 0
		for _, a := range e.Accesses {
			if a.Through != "" {
				through++
				if !t.Verbose {
					continue
				}
			}
			loc := fmt.Sprintf("%s:%d", a.File, a.Line)
			extra := rel(a.Symbol) + " · " + a.Via
			if a.Through != "" {
				extra = rel(a.Symbol) + " calls into " + a.Through
			}
			fmt.Fprintf(&sb, "  %-5s %s %s\n", a.Op, loc, styleLabel.Render(extra))
		}
		if through > 0 && !t.Verbose {
			fmt.Fprintf(&sb, "  %s\n", styleMuted.Render(fmt.Sprintf("… and %s from other packages (--verbose)", plural(through, "call", "calls"))))
		}
	}
	if t.Verbose && len(inv.Unresolved) > 0 {
		sb.WriteString("\n" + styleHeading.Render("Queries that gave no table") + "\n")
		for _, u := range inv.Unresolved {
			fmt.Fprintf(&sb, "  %s:%d %s %s\n", u.File, u.Line, styleLabel.Render("("+u.Via+")"), u.Reason)
			if u.SQL != "" {
				fmt.Fprintf(&sb, "      %s\n", styleMuted.Render(u.SQL))
			}
		}
	}
	if len(inv.Problems) > 0 {
		sb.WriteString("\n" + styleHeading.Render("Load problems") + styleLabel.Render(" (the inventory is built from what could be analysed)") + "\n")
		for _, p := range inv.Problems {
			loc := p.Pos
			if loc == "" {
				loc = rel(p.Package)
			}
			fmt.Fprintf(&sb, "  %s %s: %s\n", styleError.Render("✗"), loc, p.Msg)
		}
	}
	_, err := lipgloss.Fprint(w, sb.String())
	return err
}

// TablesSchema names the JSON schema of "decompose tables --format json".
const TablesSchema = "decompose.tables/v1"

// TablesJSON renders the inventory as decompose.tables/v1.
type TablesJSON struct{}

type jsonInventory struct {
	Schema     string           `json:"schema"`
	Module     string           `json:"module"`
	Dialect    string           `json:"dialect"`
	DialectWhy string           `json:"dialect_source"`
	Calls      int              `json:"calls"`
	Tables     []jsonTableEntry `json:"tables"`
	Unresolved []jsonUnresolved `json:"unresolved"`
	Stats      jsonStats        `json:"stats"`
	Problems   []jsonProblem    `json:"problems"`
}

type jsonTableEntry struct {
	Name     string       `json:"name"`
	Reads    int          `json:"reads"`
	Writes   int          `json:"writes"`
	DDL      int          `json:"ddl"`
	Packages []string     `json:"packages"`
	Writers  []string     `json:"writers"`
	Accesses []jsonAccess `json:"accesses"`
}

type jsonUnresolved struct {
	Package string `json:"package"`
	Symbol  string `json:"symbol"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Via     string `json:"via"`
	SQL     string `json:"sql"`
	Reason  string `json:"reason"`
}

// RenderTables writes inv as decompose.tables/v1 JSON.
func (TablesJSON) RenderTables(w io.Writer, inv *boundary.TableInventory) error {
	out := jsonInventory{
		Schema: TablesSchema, Module: inv.Module, Dialect: inv.Dialect, DialectWhy: inv.DialectWhy, Calls: inv.Calls,
		Tables: []jsonTableEntry{}, Unresolved: []jsonUnresolved{}, Stats: jsonStats(inv.Stats), Problems: []jsonProblem{},
	}
	for _, e := range inv.Tables {
		out.Tables = append(out.Tables, jsonTableEntry{Name: e.Name, Reads: e.Reads, Writes: e.Writes, DDL: e.DDL,
			Packages: nonNil(e.Packages), Writers: nonNil(e.Writers), Accesses: jsonAccesses(e.Accesses)})
	}
	for _, u := range inv.Unresolved {
		out.Unresolved = append(out.Unresolved, jsonUnresolved(u))
	}
	for _, p := range inv.Problems {
		out.Problems = append(out.Problems, jsonProblem{Package: p.Package, Pos: p.Pos, Message: p.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
