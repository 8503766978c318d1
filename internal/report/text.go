package report

import (
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// Text renders the terminal report: a summary a reviewer reads in a
// minute, then each boundary in detail.
type Text struct {
	// APILimit caps the API entries shown per boundary (0: 5).
	APILimit int
}

// RenderProposal writes the styled report.
func (t Text) RenderProposal(w io.Writer, m *boundary.Model) error {
	limit := t.APILimit
	if limit == 0 {
		limit = 5
	}
	ctx := &textContext{m: m, rel: relativizer(m.Module), apiLimit: limit}
	var sb strings.Builder
	// Each section writes nothing when it has nothing to say. The summary
	// comes first: a reviewer reads it in a minute.
	for _, section := range []func(*strings.Builder, *textContext){
		textSummary,
		textTableSummary,
		textDigest,
		textBoundaries,
		textSplits,
		textDataTypes,
		textChatty,
		textCycles,
		textTables,
		textOrder,
		textShared,
		textEntrypoints,
		textQuality,
		textProblems,
	} {
		section(&sb, ctx)
	}
	_, err := lipgloss.Fprint(w, sb.String())
	return err
}

// textContext is what every section of the text report needs.
type textContext struct {
	m        *boundary.Model
	rel      func(string) string
	apiLimit int
}

// boundaryIndex returns the position of a boundary by name, for its colour.
func (c *textContext) boundaryIndex(name string) int {
	for i, b := range c.m.Boundaries {
		if b.Name == name {
			return i
		}
	}
	return 0
}

func textSummary(sb *strings.Builder, c *textContext) {
	m := c.m
	fmt.Fprintf(sb, "%s %s %s\n", styleTitle.Render("decompose"), m.Module, styleLabel.Render("("+m.Level+" level)"))
	fmt.Fprintf(sb, "%s packages · %s files · %s lines analysed\n",
		num(m.Stats.Packages), num(m.Stats.Files), num(m.Stats.Lines))
	fmt.Fprintf(sb, "%s proposed · modularity %.2f · %.0f%% of references cross a boundary\n",
		plural(len(m.Boundaries), "boundary", "boundaries"), m.Metrics.Modularity, 100*m.Metrics.CrossRefs)
	fmt.Fprintf(sb, "%s kept out: %s shared kernel, %s\n", styleLabel.Render("·"),
		plural(len(m.Shared), "package", "packages"), plural(len(m.Entrypoints), "entry point", "entry points"))
	if len(m.Cycles) > 0 {
		fmt.Fprintf(sb, "%s %s between boundaries must be broken before extraction\n",
			styleWarn.Render("!"), plural(len(m.Cycles), "cycle", "cycles"))
	}
	if len(m.Problems) > 0 {
		fmt.Fprintf(sb, "%s %s did not load cleanly; see the end\n",
			styleWarn.Render("!"), plural(countPackages(m.Problems), "package", "packages"))
	}
}

func textBoundaries(sb *strings.Builder, c *textContext) {
	m, rel := c.m, c.rel
	sb.WriteString("\n" + styleHeading.Render("Boundaries") + "\n")
	for i, b := range m.Boundaries {
		fmt.Fprintf(sb, "\n%s  %s\n", boundaryStyle(i).Render(b.Name),
			styleLabel.Render(fmt.Sprintf("%s · %s lines · %d refs inside, %d out, %d in",
				plural(len(b.Packages), "package", "packages"), num(b.Lines), b.Internal, b.Outgoing, b.Incoming)))
		for _, p := range b.Packages {
			fmt.Fprintf(sb, "    %s\n", rel(p))
		}
		textBoundaryParts(sb, c, b)
		textBoundaryTables(sb, b)
		if b.KeptApartFrom != "" {
			fmt.Fprintf(sb, "  %s      %s\n", styleLabel.Render("apart"),
				styleLabel.Render(fmt.Sprintf("clustered with %s, kept apart: %s", b.KeptApartFrom, b.KeptApartWhy)))
		}
		if len(b.DependsOn) > 0 {
			fmt.Fprintf(sb, "  %s %s\n", styleLabel.Render("depends on"), refList(b.DependsOn))
		}
		if len(b.UsedBy) > 0 {
			fmt.Fprintf(sb, "  %s    %s\n", styleLabel.Render("used by"), refList(b.UsedBy))
		}
		if len(b.API) > 0 {
			fmt.Fprintf(sb, "  %s        %s\n", styleLabel.Render("api"),
				styleLabel.Render(plural(len(b.API), "symbol", "symbols")+" used by other boundaries"))
			for k, a := range b.API {
				if k == c.apiLimit {
					fmt.Fprintf(sb, "      %s\n", styleMuted.Render(fmt.Sprintf("… %d more", len(b.API)-c.apiLimit)))
					break
				}
				textAPIEntry(sb, c, a)
			}
		}
	}
}

func textCycles(sb *strings.Builder, c *textContext) {
	m := c.m
	if len(m.Cycles) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Cycles") + "\n")
	for _, cy := range m.Cycles {
		fmt.Fprintf(sb, "  %s %s\n", styleWarn.Render("!"), strings.Join(cy, " ⇄ "))
		for _, d := range m.Dependencies {
			if contains(cy, d.From) && contains(cy, d.To) {
				fmt.Fprintf(sb, "      %s → %s %s\n", d.From, d.To,
					styleLabel.Render(fmt.Sprintf("%s, e.g. %s", plural(d.Refs, "ref", "refs"), strings.Join(d.Samples, ", "))))
				textLinks(sb, c, d, linksShown)
			}
		}
	}
}

func textShared(sb *strings.Builder, c *textContext) {
	m, rel := c.m, c.rel
	if len(m.Shared) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Shared kernel") + styleLabel.Render(" (kept out of the services)") + "\n")
	width := 0
	for _, s := range m.Shared {
		width = max(width, lipgloss.Width(rel(s.Package)))
	}
	for _, s := range m.Shared {
		fmt.Fprintf(sb, "  %-*s  %s\n", width, rel(s.Package), styleLabel.Render(s.Reason))
	}
}

func textEntrypoints(sb *strings.Builder, c *textContext) {
	if len(c.m.Entrypoints) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Entry points") + styleLabel.Render(" (composition roots)") + "\n")
	for _, e := range c.m.Entrypoints {
		fmt.Fprintf(sb, "  %s\n", c.rel(e))
	}
}

func textProblems(sb *strings.Builder, c *textContext) {
	if len(c.m.Problems) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Load problems") +
		styleLabel.Render(" (the proposal is built from what could be analysed)") + "\n")
	for _, p := range c.m.Problems {
		loc := p.Pos
		if loc == "" {
			loc = c.rel(p.Package)
		}
		fmt.Fprintf(sb, "  %s %s: %s\n", styleError.Render("✗"), loc, p.Msg)
	}
}

// relativizer shortens import paths to module-relative ones for reading.
func relativizer(module string) func(string) string {
	return func(p string) string {
		if p == module {
			return "."
		}
		if r, ok := strings.CutPrefix(p, module+"/"); ok {
			return r
		}
		return p
	}
}

func refList(rs []boundary.BoundaryRef) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s %s", r.Name, styleLabel.Render(fmt.Sprintf("(%d)", r.Refs)))
	}
	return strings.Join(parts, ", ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func countPackages(ps []boundary.Problem) int {
	seen := map[string]bool{}
	for _, p := range ps {
		seen[p.Package] = true
	}
	return len(seen)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return num(n) + " " + many
}

// num formats an integer with thousands separators.
func num(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + num(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
