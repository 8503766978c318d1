package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// CheckText renders a check for a person: the violations grouped by the
// pair of contexts they cross, the pair with most violations first, then
// stale baseline entries and remarks on the spec, then a one-line
// summary.
type CheckText struct {
	// Strict marks stale baseline entries as failures.
	Strict bool
}

// RenderCheck writes the styled report.
func (t CheckText) RenderCheck(w io.Writer, r *boundary.CheckResult) error {
	var sb strings.Builder
	for _, g := range groupViolations(r.Violations) {
		fmt.Fprintf(&sb, "%s  %s\n", styleHeading.Render(g.title), styleLabel.Render(plural(len(g.vs), "violation", "violations")))
		for _, v := range g.vs {
			loc := fmt.Sprintf("%s:%d", v.File, v.Line)
			fmt.Fprintf(&sb, "  %s  %s  %s\n", loc, styleError.Render(string(v.Kind)), v.Message)
		}
		sb.WriteString("\n")
	}
	if len(r.Stale) > 0 {
		label, style := "Stale baseline entries", styleWarn
		if t.Strict {
			style = styleError
		}
		fmt.Fprintf(&sb, "%s %s\n", style.Render(label), styleLabel.Render("(no longer occur; drop them with check --update-baseline)"))
		for _, e := range r.Stale {
			fmt.Fprintf(&sb, "  %s  %s\n", e.Pos, staleText(e))
		}
		sb.WriteString("\n")
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&sb, "%s\n", styleWarn.Render("Spec warnings"))
		for _, is := range r.Warnings {
			fmt.Fprintf(&sb, "  %s\n", is)
		}
		sb.WriteString("\n")
	}
	sb.WriteString(checkSummary(r, false) + "\n")
	_, err := lipgloss.Fprint(w, sb.String())
	return err
}

// checkSummary is the last line: the verdict, with the counts behind it.
// Plain leaves out the styles, for formats read by machines first.
func checkSummary(r *boundary.CheckResult, plain bool) string {
	render := func(st lipgloss.Style, s string) string {
		if plain {
			return s
		}
		return st.Render(s)
	}
	var parts []string
	if r.Baselined > 0 {
		parts = append(parts, fmt.Sprintf("%d baselined", r.Baselined))
	}
	if len(r.Stale) > 0 {
		parts = append(parts, plural(len(r.Stale), "stale baseline entry", "stale baseline entries"))
	}
	tail := ""
	if len(parts) > 0 {
		tail = "; " + strings.Join(parts, ", ")
	}
	scope := fmt.Sprintf("%s, %s", plural(r.Packages, "package", "packages"), plural(len(r.Contexts), "context", "contexts"))
	verdict := "no violations"
	if len(r.Violations) > 0 {
		verdict = render(styleError, plural(len(r.Violations), "violation", "violations"))
	}
	return fmt.Sprintf("%s %s: %s (%s%s)", render(styleTitle, "decompose check"), r.Spec, verdict, scope, tail)
}

type violationGroup struct {
	title string
	vs    []boundary.Violation
}

// groupViolations groups by context pair (unassigned packages apart), the
// largest group first.
func groupViolations(vs []boundary.Violation) []violationGroup {
	byTitle := map[string]*violationGroup{}
	var groups []*violationGroup
	for _, v := range vs {
		title := orShared(v.From) + " → " + v.To
		if v.Kind == boundary.KindUnassigned {
			title = "unassigned packages"
		}
		g := byTitle[title]
		if g == nil {
			g = &violationGroup{title: title}
			byTitle[title] = g
			groups = append(groups, g)
		}
		g.vs = append(g.vs, v)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if len(groups[i].vs) != len(groups[j].vs) {
			return len(groups[i].vs) > len(groups[j].vs)
		}
		return groups[i].title < groups[j].title
	})
	out := make([]violationGroup, len(groups))
	for i, g := range groups {
		out[i] = *g
	}
	return out
}
