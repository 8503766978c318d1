package report

import (
	"fmt"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// The Markdown sections about what crosses the boundaries, in the order of
// the text report.

// mdDigest is the summary's second paragraph: splits, API size, where to
// start.
func mdDigest(sb *strings.Builder, m *boundary.Model) {
	rel := relativizer(m.Module)
	var lines []string
	if len(m.Splits) > 0 {
		names := make([]string, len(m.Splits))
		for i, s := range m.Splits {
			names[i] = "`" + rel(s.Package) + "`"
		}
		lines = append(lines, fmt.Sprintf("**%s to split**: %s.", plural(len(m.Splits), "package", "packages"), strings.Join(names, ", ")))
	}
	api, chatty := 0, 0
	for _, b := range m.Boundaries {
		api += len(b.API)
	}
	for _, d := range m.Dependencies {
		if d.Chatty {
			chatty++
		}
	}
	if api > 0 {
		lines = append(lines, fmt.Sprintf("%s used across boundaries (%s); %s.", plural(api, "symbol is", "symbols are"),
			plural(len(m.DataTypes), "data type", "data types"), plural(chatty, "chatty dependency", "chatty dependencies")))
	}
	if len(m.Order) > 1 {
		names := make([]string, len(m.Order))
		for i, s := range m.Order {
			names[i] = s.Boundary
		}
		lines = append(lines, "Suggested extraction order: "+strings.Join(names, " → ")+".")
	}
	if len(lines) > 0 {
		sb.WriteString(strings.Join(lines, " ") + "\n\n")
	}
}

// mdBoundaryParts lists, at symbol level, the boundary's parts of split
// packages.
func mdBoundaryParts(sb *strings.Builder, m *boundary.Model, b *boundary.Boundary) {
	rel := relativizer(m.Module)
	for _, s := range m.Splits {
		for _, p := range s.Parts {
			if p.Boundary == b.Name && !contains(b.Packages, s.Package) {
				fmt.Fprintf(sb, "- `%s` (part: %s)\n", rel(s.Package), mdCode(p.Symbols))
			}
		}
	}
}

// mdAPI is a boundary's API table: symbol, signature, references by user.
func mdAPI(sb *strings.Builder, m *boundary.Model, b *boundary.Boundary) {
	if len(b.API) == 0 {
		return
	}
	rel := relativizer(m.Module)
	sb.WriteString("\n| API symbol | signature | refs | used by |\n|---|---|---:|---|\n")
	for _, a := range b.API {
		users := make([]string, len(a.Users))
		for i, u := range a.Users {
			users[i] = fmt.Sprintf("%s (%d)", u.Name, u.Refs)
		}
		name := "`" + rel(a.Symbol) + "`"
		if a.DataType {
			name += " (data)"
		}
		fmt.Fprintf(sb, "| %s | `%s` | %d | %s |\n", name, mdEscape(a.Sig), a.Refs, strings.Join(users, ", "))
	}
}

func mdSplits(sb *strings.Builder, m *boundary.Model) {
	if len(m.Splits) == 0 {
		return
	}
	rel := relativizer(m.Module)
	sb.WriteString("\n## Splits\n\nPackages whose symbols belong to different boundaries.\n")
	for _, s := range m.Splits {
		fmt.Fprintf(sb, "\n### `%s`\n\n| goes to | symbols | lines |\n|---|---|---:|\n", rel(s.Package))
		for _, p := range s.Parts {
			fmt.Fprintf(sb, "| %s | %s | %d |\n", p.Boundary, mdCode(p.Symbols), p.Lines)
		}
		if len(s.Shared) > 0 {
			fmt.Fprintf(sb, "| shared kernel | %s | |\n", mdCode(s.Shared))
		}
	}
}

func mdDataTypes(sb *strings.Builder, m *boundary.Model) {
	if len(m.DataTypes) == 0 {
		return
	}
	rel := relativizer(m.Module)
	sb.WriteString("\n## Data crossing boundaries\n\nStruct types other boundaries use: future DTOs or shared schemas.\n\n| type | owner | used by | refs |\n|---|---|---|---:|\n")
	for _, d := range m.DataTypes {
		fmt.Fprintf(sb, "| `%s` | %s | %s | %d |\n", rel(d.Symbol), d.Owner, strings.Join(d.UsedBy, ", "), d.Refs)
	}
}

func mdChatty(sb *strings.Builder, m *boundary.Model) {
	var rows []string
	for _, d := range m.Dependencies {
		if d.Chatty {
			rows = append(rows, fmt.Sprintf("| %s | %s | %d | %d |\n", d.From, d.To, d.Symbols, d.Refs))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(sb, "\n## Chatty dependencies\n\n%d or more distinct symbols used across one cut.\n\n| from | to | symbols | refs |\n|---|---|---:|---:|\n", boundary.ChattySymbols)
	sb.WriteString(strings.Join(rows, ""))
}

// mdCycleLinks lists the dependencies forming a cycle with their heaviest
// symbol references.
func mdCycleLinks(sb *strings.Builder, m *boundary.Model, cycle []string) {
	rel := relativizer(m.Module)
	for _, d := range m.Dependencies {
		if !contains(cycle, d.From) || !contains(cycle, d.To) {
			continue
		}
		fmt.Fprintf(sb, "  - %s → %s, %s\n", d.From, d.To, plural(d.Refs, "ref", "refs"))
		for _, l := range d.Links {
			fmt.Fprintf(sb, "    - `%s` → `%s` (%s, %s at `%s`)\n", rel(l.From), rel(l.To), strings.Join(l.Kinds, "+"),
				plural(l.Refs, "ref", "refs"), strings.Join(l.Samples, "`, `"))
		}
	}
}

func mdOrder(sb *strings.Builder, m *boundary.Model) {
	if len(m.Order) < 2 {
		return
	}
	sb.WriteString("\n## Extraction order\n\nStrangler fig: what nothing left in the monolith depends on goes first.\n\n")
	for i, s := range m.Order {
		fmt.Fprintf(sb, "%d. **%s** — %s", i+1, s.Boundary, s.Reason)
		if len(s.Calls) > 0 {
			fmt.Fprintf(sb, "; then calls %s", mdRefs(s.Calls))
		}
		sb.WriteString("\n")
		for _, d := range s.Break {
			fmt.Fprintf(sb, "   - break first: %s → %s (%s)\n", d.From, d.To, plural(d.Refs, "ref", "refs"))
		}
	}
}

func mdCode(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, ", ")
}

// mdEscape keeps a signature from breaking a table row.
func mdEscape(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
