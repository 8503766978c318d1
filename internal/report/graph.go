package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// GraphRenderer writes a graph view in one format.
type GraphRenderer interface {
	RenderGraph(w io.Writer, v *boundary.View) error
}

// GraphFormats lists the formats of "decompose graph", in the order the
// help shows them.
var GraphFormats = []string{"dot", "mermaid", "json"}

// NewGraphRenderer returns the renderer for a format name, or an error
// naming the formats there are.
func NewGraphRenderer(format string) (GraphRenderer, error) {
	switch format {
	case "", "dot":
		return DOT{}, nil
	case "mermaid":
		return Mermaid{}, nil
	case "json":
		return GraphJSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, joinOr(GraphFormats))
}

// GraphFormatsHelp lists the graph formats for flag help.
func GraphFormatsHelp() string { return joinOr(GraphFormats) }

// graphTitle is the caption of a drawn graph.
func graphTitle(v *boundary.View) string {
	what := "proposed boundaries"
	if v.Source != "proposal" {
		what = "contexts of " + v.Source
	}
	t := fmt.Sprintf("%s: %s, %s level", v.Module, what, v.Level)
	if v.Focus != "" {
		t += ", focus on " + v.Focus
	}
	return t
}

// groupColor is the colour of a group of the view.
func groupColor(gr boundary.ViewGroup) graphColor {
	switch gr.Role {
	case boundary.ViewShared:
		return graphShared
	case boundary.ViewEntrypoint:
		return graphEntrypoint
	}
	return graphPalette[gr.Color%len(graphPalette)]
}

// graphColor is a fill and a stroke colour, "#rrggbb".
type graphColor struct{ fill, stroke string }

// edgeClass says how an edge is drawn.
type edgeClass uint8

const (
	edgeInternal  edgeClass = iota // within one boundary: the boundary's colour
	edgeCross                      // from one boundary to another: the cost of the cut
	edgePeriphery                  // to the shared kernel or from an entry point: faint
	edgeCycle                      // part of a cycle between boundaries
	edgeTables                     // two boundaries share tables: dashed, undirected
)

func classify(v *boundary.View, e boundary.ViewEdge) edgeClass {
	from, to := v.Nodes[e.From], v.Nodes[e.To]
	switch {
	case e.IsTable():
		return edgeTables
	case e.Cycle:
		return edgeCycle
	case from.Role != boundary.ViewService || to.Role != boundary.ViewService:
		return edgePeriphery
	case from.Group != to.Group:
		return edgeCross
	}
	return edgeInternal
}

// edgeColor is the stroke colour of an edge.
func edgeColor(v *boundary.View, e boundary.ViewEdge) string {
	switch classify(v, e) {
	case edgeInternal:
		return groupColor(v.Groups[v.Nodes[e.From].Group]).stroke
	case edgeCross:
		if v.Level == "boundary" {
			return graphDepends
		}
		return graphCross
	case edgeCycle:
		return graphCycle
	case edgeTables:
		return graphTables
	}
	return graphPeriphery
}

// strokeWidths scales the edges' reference counts to line widths,
// logarithmically, so that a pair with a thousand references does not
// hide every other line: from 1 to 5 for references between and within
// boundaries, from 0.75 to 2.5 for the faint references to the shared
// kernel and from the entry points (each on its own scale, or the heavy
// kernel traffic would make every boundary-to-boundary line look thin).
// Table edges get 1.5.
func strokeWidths(v *boundary.View) []float64 {
	maxRefs := map[bool]int{}
	for _, e := range v.Edges {
		p := classify(v, e) == edgePeriphery
		maxRefs[p] = max(maxRefs[p], e.Refs)
	}
	out := make([]float64, len(v.Edges))
	for i, e := range v.Edges {
		if e.IsTable() {
			out[i] = 1.5
			continue
		}
		lo, hi := 1.0, 5.0
		p := classify(v, e) == edgePeriphery
		if p {
			lo, hi = 0.75, 2.5
		}
		w := lo
		if m := maxRefs[p]; m > 1 && e.Refs > 1 {
			w += (hi - lo) * math.Log(float64(e.Refs)) / math.Log(float64(m))
		}
		out[i] = math.Round(w*4) / 4 // quarter steps: few distinct widths
	}
	return out
}

// graphLegend explains the colours and lines of a drawn graph.
func graphLegend(v *boundary.View) string {
	var parts []string
	if v.Level == "boundary" {
		parts = []string{"numbers: references", "red: a cycle between boundaries", "grey: to the shared kernel, from the entry points", "dashed: uses tables the other owns"}
	} else {
		parts = []string{"red: references across boundaries", "coloured: within a boundary", "references to the shared kernel and from the entry points are not drawn"}
	}
	return strings.Join(parts, " · ")
}

// edgeLabel is the text on an edge: the reference count, or the tables
// two boundaries share (at most three named).
func edgeLabel(e boundary.ViewEdge) string {
	if !e.IsTable() {
		return num(e.Refs)
	}
	const show = 3
	if len(e.Tables) <= show {
		return "tables: " + strings.Join(e.Tables, ", ")
	}
	return fmt.Sprintf("tables: %s +%d", strings.Join(e.Tables[:show], ", "), len(e.Tables)-show)
}
