package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// Markdown renders the proposal for a design document or a pull request.
type Markdown struct{}

// RenderProposal writes m as GitHub-flavoured Markdown.
func (Markdown) RenderProposal(w io.Writer, m *boundary.Model) error {
	var sb strings.Builder
	rel := relativizer(m.Module)
	fmt.Fprintf(&sb, "# Proposed boundaries for `%s`\n\n", m.Module)
	fmt.Fprintf(&sb, "%d packages, %d lines analysed at %s level. **%d boundaries**, modularity %.2f, %.0f%% of references cross a boundary.\n\n",
		m.Stats.Packages, m.Stats.Lines, m.Level, len(m.Boundaries), m.Metrics.Modularity, 100*m.Metrics.CrossRefs)
	mdDigest(&sb, m)
	sb.WriteString("| boundary | packages | lines | depends on | used by |\n|---|---:|---:|---|---|\n")
	for _, b := range m.Boundaries {
		fmt.Fprintf(&sb, "| %s | %d | %d | %s | %s |\n", b.Name, len(b.Packages), b.Lines, mdRefs(b.DependsOn), mdRefs(b.UsedBy))
	}
	for _, b := range m.Boundaries {
		fmt.Fprintf(&sb, "\n## %s\n\n", b.Name)
		for _, p := range b.Packages {
			fmt.Fprintf(&sb, "- `%s`\n", rel(p))
		}
		mdBoundaryParts(&sb, m, b)
		mdBoundaryTables(&sb, b)
		if b.KeptApartFrom != "" {
			fmt.Fprintf(&sb, "\nClustered with **%s**, kept apart: %s.\n", b.KeptApartFrom, b.KeptApartWhy)
		}
		mdAPI(&sb, m, b)
	}
	mdSplits(&sb, m)
	mdDataTypes(&sb, m)
	mdChatty(&sb, m)
	mdTables(&sb, m)
	if len(m.Cycles) > 0 {
		sb.WriteString("\n## Cycles\n\n")
		for _, c := range m.Cycles {
			fmt.Fprintf(&sb, "- %s\n", strings.Join(c, " ⇄ "))
			mdCycleLinks(&sb, m, c)
		}
	}
	mdOrder(&sb, m)
	if len(m.Shared) > 0 {
		sb.WriteString("\n## Shared kernel\n\n")
		for _, s := range m.Shared {
			fmt.Fprintf(&sb, "- `%s` — %s\n", rel(s.Package), s.Reason)
		}
	}
	if len(m.Entrypoints) > 0 {
		sb.WriteString("\n## Entry points\n\n")
		for _, e := range m.Entrypoints {
			fmt.Fprintf(&sb, "- `%s`\n", rel(e))
		}
	}
	if len(m.Problems) > 0 {
		sb.WriteString("\n## Load problems\n\n")
		for _, p := range m.Problems {
			loc := p.Pos
			if loc == "" {
				loc = rel(p.Package)
			}
			fmt.Fprintf(&sb, "- `%s`: %s\n", loc, p.Msg)
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func mdRefs(rs []boundary.BoundaryRef) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s (%d)", r.Name, r.Refs)
	}
	return strings.Join(parts, ", ")
}
