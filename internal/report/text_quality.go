package report

import (
	"fmt"
	"strings"
)

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
	if mm.Runs > 1 {
		fmt.Fprintf(sb, "  %d runs agree at ARI %.3f; %s\n", mm.Runs, mm.Agreement,
			plural(len(m.Undecided), "undecided package", "undecided packages"))
		for _, u := range m.Undecided {
			fmt.Fprintf(sb, "    %s %s %s\n", styleWarn.Render("?"), c.rel(u.Unit),
				styleLabel.Render(fmt.Sprintf("in %s %.0f%% of runs", u.Boundary, 100*u.Confidence)))
		}
	}
}
