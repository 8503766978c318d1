package report

import (
	"fmt"
	"strings"
)

// maxUndecidedShown caps the undecided packages the text report lists (the
// least confident first): on a large codebase whose structure is unclear
// they can be a third of it, and the list would bury the rest.
const maxUndecidedShown = 10

// textQuality is the footer: the metrics a reviewer compares proposals by,
// and the packages the runs did not agree on.
func textQuality(sb *strings.Builder, c *textContext) {
	m := c.m
	mm := m.Metrics
	sb.WriteString("\n" + styleHeading.Render("Quality") + "\n")
	if mm.Services > 0 {
		if mm.Reached {
			fmt.Fprintf(sb, "  %d boundaries asked for, found at resolution %.3g\n", mm.Services, mm.Resolution)
		} else {
			fmt.Fprintf(sb, "  %s %d boundaries asked for; no resolution gives exactly that, the closest is %d (resolution %.3g)\n",
				styleWarn.Render("!"), mm.Services, len(m.Boundaries), mm.Resolution)
		}
	}
	fmt.Fprintf(sb, "  modularity %.3f · SM %.3f ↑ · ICP %.3f ↓ · IFN %.2f ↓ · NED %.3f ↓  %s\n",
		mm.Modularity, mm.SM, mm.ICP, mm.IFN, mm.NED,
		styleLabel.Render(fmt.Sprintf("(%s, resolution %.3g, seed %d)", mm.Algorithm, mm.Resolution, mm.Seed)))
	if mm.AutoResolution {
		if mm.Firm {
			fmt.Fprintf(sb, "  resolution %.3g chosen: the lowest from 1 up where %d seeds agree and 10%% more changes nothing %s\n",
				mm.Resolution, mm.Runs, styleLabel.Render(fmt.Sprintf("(stability %.3f)", mm.Stability)))
		} else {
			fmt.Fprintf(sb, "  %s no resolution from 1 to 2 is stable (seeds agree and 10%% more changes nothing); kept 1 %s; compare --resolution values\n",
				styleWarn.Render("!"), styleLabel.Render(fmt.Sprintf("(stability %.3f)", mm.Stability)))
		}
	}
	if mm.Runs > 1 {
		fmt.Fprintf(sb, "  %d runs agree at ARI %.3f; %s\n", mm.Runs, mm.Agreement,
			plural(len(m.Undecided), "undecided package", "undecided packages"))
		for i, u := range m.Undecided {
			if i == maxUndecidedShown && len(m.Undecided) > i+1 {
				fmt.Fprintf(sb, "    %s\n", styleLabel.Render(fmt.Sprintf("and %d more (--format json lists them all)", len(m.Undecided)-i)))
				break
			}
			fmt.Fprintf(sb, "    %s %s %s\n", styleWarn.Render("?"), c.rel(u.Unit),
				styleLabel.Render(fmt.Sprintf("in %s %.0f%% of runs", u.Boundary, 100*u.Confidence)))
		}
	}
}
