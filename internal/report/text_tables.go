package report

import (
	"fmt"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// The data-ownership parts of the text report.

// textTableSummary adds a line to the summary when tables are shared.
func textTableSummary(sb *strings.Builder, c *textContext) {
	m := c.m
	if m.Metrics.Tables == 0 {
		return
	}
	high := 0
	for _, w := range m.TableWarnings {
		if w.Severity == boundary.SeverityHigh {
			high++
		}
	}
	line := fmt.Sprintf("%s touched · %.0f%% written by one boundary only", plural(m.Metrics.Tables, "table", "tables"), 100*m.Metrics.TablePurity)
	if n := m.SQL.Unresolved; n > 0 {
		line += fmt.Sprintf(" · %s gave no table (--verbose lists them)", plural(n, "query", "queries"))
	}
	fmt.Fprintf(sb, "%s %s\n", styleLabel.Render("·"), line)
	if len(m.TableWarnings) > 0 {
		fmt.Fprintf(sb, "%s %s shared between boundaries (%d written by several); see Shared tables\n",
			styleWarn.Render("!"), plural(len(m.TableWarnings), "table", "tables"), high)
	}
}

// textBoundaryTables lists the tables a boundary owns, in its detail.
func textBoundaryTables(sb *strings.Builder, b *boundary.Boundary) {
	if len(b.Tables) == 0 {
		return
	}
	fmt.Fprintf(sb, "  %s     %s\n", styleLabel.Render("tables"), strings.Join(b.Tables, ", "))
}

// textTables lists the tables more than one boundary touches, with every
// access.
func textTables(sb *strings.Builder, c *textContext) {
	m := c.m
	if len(m.TableWarnings) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Shared tables") +
		styleLabel.Render(" (one service should own each table; the others call its API or consume its events)") + "\n")
	for _, w := range m.TableWarnings {
		sev := styleWarn.Render("!")
		if w.Severity == boundary.SeverityHigh {
			sev = styleError.Render("!!")
		}
		what := "read by " + strings.Join(others(w.Boundaries, w.Owner), ", ")
		if w.Kind == boundary.WarnMultipleWriters {
			what = "written by " + strings.Join(w.Writers, ", ")
		}
		fmt.Fprintf(sb, "\n  %s %s %s\n", sev, w.Table,
			styleLabel.Render(fmt.Sprintf("%s · owner %s · %s", w.Severity, w.Owner, what)))
		width := 0
		for _, a := range w.Accesses {
			width = max(width, len(a.Boundary))
		}
		// The other boundaries' accesses are what must change: all of
		// them first; then a few of the owner's (all are in the JSON).
		owned := 0
		for _, a := range w.Accesses {
			if a.Boundary != w.Owner {
				textAccess(sb, c, a, width)
			}
		}
		for _, a := range w.Accesses {
			if a.Boundary != w.Owner {
				continue
			}
			if owned++; owned <= ownerAccessesShown {
				textAccess(sb, c, a, width)
			}
		}
		if owned > ownerAccessesShown {
			fmt.Fprintf(sb, "      %s\n", styleMuted.Render(fmt.Sprintf("… %d more by %s", owned-ownerAccessesShown, w.Owner)))
		}
	}
}

// ownerAccessesShown caps the owner's accesses listed per shared table.
const ownerAccessesShown = 3

func textAccess(sb *strings.Builder, c *textContext, a boundary.TableAccessSite, width int) {
	loc := fmt.Sprintf("%s:%d", a.File, a.Line)
	extra := c.rel(a.Symbol)
	if a.Through != "" {
		extra += " via " + a.Through
	}
	fmt.Fprintf(sb, "      %-5s %-*s  %s %s\n", a.Op, width, a.Boundary, loc, styleLabel.Render(extra))
}

func others(all []string, not string) []string {
	var out []string
	for _, x := range all {
		if x != not {
			out = append(out, x)
		}
	}
	return out
}
