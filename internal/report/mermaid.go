package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// Mermaid renders a graph view as a Mermaid flowchart that GitHub renders
// in Markdown: one subgraph per boundary (and per package inside it at
// symbol level), generated IDs (n1, n2, … for nodes, g1, g1p1, … for
// subgraphs) so that no name can collide with a keyword such as "end",
// and every label quoted with its special characters written as Mermaid
// entity codes.
type Mermaid struct{}

// Mermaid's own limits, which GitHub keeps: a larger diagram is not drawn.
const (
	MermaidMaxTextSize = 50000
	MermaidMaxEdges    = 500
)

// RenderGraph writes v as a Mermaid flowchart.
func (Mermaid) RenderGraph(w io.Writer, v *boundary.View) error {
	bw := bufio.NewWriter(w)
	direction := "LR"
	if v.Level == "boundary" {
		direction = "TB"
	}
	fmt.Fprintf(bw, "---\ntitle: %s\n---\nflowchart %s\n", strconv.Quote(graphTitle(v)), direction)
	if v.Nested {
		for gi, gr := range v.Groups {
			fmt.Fprintf(bw, "  subgraph g%d[\"%s\"]\n", gi+1, mermaidText(gr.Name))
			for pi, p := range gr.Packages {
				indent := "    "
				if v.Level == "symbol" {
					fmt.Fprintf(bw, "    subgraph g%dp%d[\"%s\"]\n", gi+1, pi+1, mermaidText(p.Label))
					indent = "      "
				}
				for _, id := range p.Nodes {
					fmt.Fprintf(bw, "%s%s\n", indent, mermaidNode(v, id))
				}
				if v.Level == "symbol" {
					fmt.Fprintln(bw, "    end")
				}
			}
			fmt.Fprintln(bw, "  end")
		}
	} else {
		for id := range v.Nodes {
			fmt.Fprintf(bw, "  %s\n", mermaidNode(v, id))
		}
	}

	// Edges, then one linkStyle per distinct look (by declaration index).
	widths := strokeWidths(v)
	looks := map[string][]int{}
	for i, e := range v.Edges {
		arrow := "-->"
		if e.IsTable() {
			arrow = "-.->" // to the owner of the tables
		}
		label := ""
		if v.Level != "symbol" {
			label = "|\"" + mermaidText(edgeLabel(e)) + "\"|"
		}
		fmt.Fprintf(bw, "  n%d %s%s n%d\n", e.From+1, arrow, label, e.To+1)
		look := fmt.Sprintf("stroke:%s,stroke-width:%spx", edgeColor(v, e), strconv.FormatFloat(widths[i], 'f', -1, 64))
		looks[look] = append(looks[look], i)
	}

	// Colours: a class per group for the nodes, a style per subgraph.
	for gi, gr := range v.Groups {
		c := groupColor(gr)
		class := mermaidClass(gr)
		var members []string
		for id, n := range v.Nodes {
			if n.Group == gi {
				members = append(members, fmt.Sprintf("n%d", id+1))
			}
		}
		if len(members) == 0 {
			continue // "class" needs a node
		}
		fmt.Fprintf(bw, "  classDef %s fill:%s,stroke:%s,color:#000000\n", class, c.fill, c.stroke)
		fmt.Fprintf(bw, "  class %s %s\n", strings.Join(members, ","), class)
		if v.Nested {
			fmt.Fprintf(bw, "  style g%d fill:#ffffff,stroke:%s,stroke-width:2px,color:%s\n", gi+1, c.stroke, c.stroke)
		}
	}
	keys := make([]string, 0, len(looks))
	for k := range looks {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return looks[keys[i]][0] < looks[keys[j]][0] })
	for _, k := range keys {
		idx := make([]string, len(looks[k]))
		for i, e := range looks[k] {
			idx[i] = strconv.Itoa(e)
		}
		fmt.Fprintf(bw, "  linkStyle %s %s\n", strings.Join(idx, ","), k)
	}
	return bw.Flush()
}

// mermaidNode declares node id with its label, in a shape by kind.
func mermaidNode(v *boundary.View, id int) string {
	n := v.Nodes[id]
	label := mermaidText(n.Label)
	if v.Level == "boundary" {
		label = "<b>" + label + "</b><br/>" + mermaidText(n.Detail)
	}
	open, close := "[", "]"
	switch {
	case n.Role == boundary.ViewEntrypoint:
		open, close = "[/", "\\]"
	case n.Role == boundary.ViewShared:
		open, close = "[[", "]]"
	case n.Kind == "func":
		open, close = "(", ")"
	case n.Kind == "var" || n.Kind == "const" || n.Kind == "init":
		open, close = ">", "]"
	}
	return fmt.Sprintf("n%d%s\"%s\"%s", id+1, open, label, close)
}

// mermaidClass names the class that colours a group's nodes: by the
// boundary's colour index, so that it is the same in a focused view.
func mermaidClass(gr boundary.ViewGroup) string {
	switch gr.Role {
	case boundary.ViewShared:
		return "kernel"
	case boundary.ViewEntrypoint:
		return "entry"
	}
	return fmt.Sprintf("b%d", gr.Color+1)
}

// mermaidText makes s safe inside a quoted Mermaid label: the characters
// that could end the label, start markup or an entity are written as
// entity codes ("#quot;"), which Mermaid turns back into the characters.
var mermaidText = strings.NewReplacer(
	"#", "#35;",
	`"`, "#quot;",
	"<", "#lt;",
	">", "#gt;",
	"&", "#amp;",
	"`", "#96;",
	"\n", " ",
	"\r", " ",
).Replace
