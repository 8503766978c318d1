package report

import (
	"fmt"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// The sections of the text report about what crosses the boundaries: the
// digest under the summary, the splits, the data types, the chatty pairs
// and the extraction order.

// textDigest completes the summary with what a reviewer asks next: which
// packages must be split, how much API the cut creates, and where to
// start.
func textDigest(sb *strings.Builder, c *textContext) {
	m, rel := c.m, c.rel
	if len(m.Splits) > 0 {
		names := make([]string, 0, len(m.Splits))
		for _, s := range m.Splits {
			names = append(names, rel(s.Package))
		}
		fmt.Fprintf(sb, "%s %s to split: %s\n", styleWarn.Render("!"),
			plural(len(m.Splits), "package", "packages"), shortList(names, 4))
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
		line := fmt.Sprintf("%s used across boundaries", plural(api, "symbol", "symbols"))
		if len(m.DataTypes) > 0 {
			line += fmt.Sprintf(", %s among them", plural(len(m.DataTypes), "data type", "data types"))
		}
		if chatty > 0 {
			line += fmt.Sprintf(" · %s", plural(chatty, "chatty dependency", "chatty dependencies"))
		}
		fmt.Fprintf(sb, "%s %s\n", styleLabel.Render("·"), line)
	}
	if len(m.Order) > 1 {
		names := make([]string, len(m.Order))
		for i, s := range m.Order {
			names[i] = s.Boundary
		}
		fmt.Fprintf(sb, "%s extract first: %s\n", styleLabel.Render("·"), shortList(names, 5))
	}
}

// textBoundaryParts lists, at symbol level, the boundary's share of the
// packages it does not hold whole.
func textBoundaryParts(sb *strings.Builder, c *textContext, b *boundary.Boundary) {
	for _, s := range c.m.Splits {
		for _, p := range s.Parts {
			if p.Boundary != b.Name || contains(b.Packages, s.Package) {
				continue
			}
			fmt.Fprintf(sb, "    %s %s\n", c.rel(s.Package),
				styleLabel.Render(fmt.Sprintf("(part: %s)", shortList(p.Symbols, 6))))
		}
	}
	if len(b.Symbols) > 0 {
		fmt.Fprintf(sb, "  %s    %s\n", styleLabel.Render("symbols"), num(len(b.Symbols)))
	}
}

// textAPIEntry writes one API symbol: name, reference count and users,
// then its signature.
func textAPIEntry(sb *strings.Builder, c *textContext, a boundary.APIEntry) {
	users := make([]string, len(a.Users))
	for i, u := range a.Users {
		users[i] = fmt.Sprintf("%s %d", u.Name, u.Refs)
	}
	if len(users) == 0 {
		users = a.UsedBy
	}
	mark := ""
	if a.DataType {
		mark = styleWarn.Render(" data")
	}
	fmt.Fprintf(sb, "      %s%s %s\n", c.rel(a.Symbol), mark,
		styleLabel.Render(fmt.Sprintf("%s: %s", plural(a.Refs, "ref", "refs"), strings.Join(users, ", "))))
	if a.Sig != "" {
		fmt.Fprintf(sb, "        %s\n", styleMuted.Render(a.Sig))
	}
}

func textSplits(sb *strings.Builder, c *textContext) {
	m, rel := c.m, c.rel
	if len(m.Splits) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Splits") + styleLabel.Render(" (packages whose symbols belong to different boundaries)") + "\n")
	for _, s := range m.Splits {
		fmt.Fprintf(sb, "\n  %s\n", rel(s.Package))
		for _, p := range s.Parts {
			fmt.Fprintf(sb, "    → %s %s\n      %s\n", boundaryStyle(c.boundaryIndex(p.Boundary)).Render(p.Boundary),
				styleLabel.Render(fmt.Sprintf("(%s, %s lines)", plural(len(p.Symbols), "symbol", "symbols"), num(p.Lines))),
				strings.Join(p.Symbols, ", "))
		}
		if len(s.Shared) > 0 {
			fmt.Fprintf(sb, "    → %s %s\n      %s\n", "shared kernel",
				styleLabel.Render(fmt.Sprintf("(%s)", plural(len(s.Shared), "symbol", "symbols"))),
				strings.Join(s.Shared, ", "))
		}
	}
}

func textDataTypes(sb *strings.Builder, c *textContext) {
	m, rel := c.m, c.rel
	if len(m.DataTypes) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Data crossing boundaries") + styleLabel.Render(" (future DTOs or shared schemas)") + "\n")
	for k, d := range m.DataTypes {
		if k == 2*c.apiLimit {
			fmt.Fprintf(sb, "  %s\n", styleMuted.Render(fmt.Sprintf("… %d more", len(m.DataTypes)-k)))
			break
		}
		fmt.Fprintf(sb, "  %s %s\n", rel(d.Symbol),
			styleLabel.Render(fmt.Sprintf("of %s, used by %s (%s)", d.Owner, strings.Join(d.UsedBy, ", "), plural(d.Refs, "ref", "refs"))))
	}
}

func textChatty(sb *strings.Builder, c *textContext) {
	var chatty []boundary.Dependency
	for _, d := range c.m.Dependencies {
		if d.Chatty {
			chatty = append(chatty, d)
		}
	}
	if len(chatty) == 0 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Chatty dependencies") +
		styleLabel.Render(fmt.Sprintf(" (%d or more distinct symbols used across one cut)", boundary.ChattySymbols)) + "\n")
	for _, d := range chatty {
		fmt.Fprintf(sb, "  %s %s → %s %s\n", styleWarn.Render("!"), d.From, d.To,
			styleLabel.Render(fmt.Sprintf("%d symbols, %s", d.Symbols, plural(d.Refs, "ref", "refs"))))
	}
}

// linksShown caps the symbol links shown under a dependency in a cycle.
const linksShown = boundary.LinksPerDependency

// textLinks writes the heaviest symbol references behind a dependency:
// what would have to change to break it.
func textLinks(sb *strings.Builder, c *textContext, d boundary.Dependency, limit int) {
	for k, l := range d.Links {
		if k == limit {
			break
		}
		fmt.Fprintf(sb, "          %s → %s %s\n", c.rel(l.From), c.rel(l.To),
			styleLabel.Render(fmt.Sprintf("%s, %s at %s", strings.Join(l.Kinds, "+"), plural(l.Refs, "ref", "refs"), strings.Join(l.Samples, ", "))))
	}
}

func textOrder(sb *strings.Builder, c *textContext) {
	m := c.m
	if len(m.Order) < 2 {
		return
	}
	sb.WriteString("\n" + styleHeading.Render("Extraction order") + styleLabel.Render(" (strangler fig: what nothing left depends on goes first)") + "\n")
	width := len(fmt.Sprint(len(m.Order)))
	for i, s := range m.Order {
		fmt.Fprintf(sb, "  %*d. %s  %s\n", width, i+1, boundaryStyle(c.boundaryIndex(s.Boundary)).Render(s.Boundary), styleLabel.Render(s.Reason))
		pad := strings.Repeat(" ", width+4)
		for _, d := range s.Break {
			fmt.Fprintf(sb, "%s%s %s → %s %s\n", pad, styleWarn.Render("break first:"), d.From, d.To,
				styleLabel.Render(fmt.Sprintf("(%s)", plural(d.Refs, "ref", "refs"))))
			textLinks(sb, c, d, linksShown)
		}
		if len(s.Calls) > 0 {
			fmt.Fprintf(sb, "%s%s %s\n", pad, styleLabel.Render("then calls the monolith's"), refList(s.Calls))
		}
	}
}

// shortList joins up to n names and says how many more there are.
func shortList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}
