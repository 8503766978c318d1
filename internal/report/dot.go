package report

import (
	"fmt"
	"html"
	"io"
	"strconv"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/multi"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// DOT renders a graph view as Graphviz DOT through gonum's encoder: the
// view becomes a gonum multigraph (two boundaries can share tables and
// reference each other) whose nodes and lines carry their DOT IDs and
// attributes, with one cluster_<name> subgraph per boundary, and the
// packages of each boundary nested inside it at symbol level.
type DOT struct{}

// RenderGraph writes v as a DOT digraph.
func (DOT) RenderGraph(w io.Writer, v *boundary.View) error {
	out, err := dot.MarshalMulti(newDOTGraph(v), "", "", "\t")
	if err != nil {
		return fmt.Errorf("dot: %w", err)
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// dotGraph is the whole graph or one subgraph: a gonum multigraph with a
// DOT ID, graph/node/edge attributes and nested subgraphs.
type dotGraph struct {
	*multi.DirectedGraph
	id                string
	graph, node, edge encoding.Attributes
	subgraphs         []dot.Multigraph
}

func newSubgraph(id string, attrs ...string) *dotGraph {
	return &dotGraph{DirectedGraph: multi.NewDirectedGraph(), id: id, graph: attributes(attrs...)}
}

// DOTID implements dot.Multigraph.
func (g *dotGraph) DOTID() string { return g.id }

// DOTAttributers implements dot.Attributers.
func (g *dotGraph) DOTAttributers() (graph, node, edge encoding.Attributer) {
	return &g.graph, &g.node, &g.edge
}

// Structure implements dot.MultiStructurer.
func (g *dotGraph) Structure() []dot.Multigraph { return g.subgraphs }

// dotNode is a node with its attributes, declared once at the top level.
type dotNode struct {
	id    int64
	name  string
	attrs encoding.Attributes
}

func (n *dotNode) ID() int64                        { return n.id }
func (n *dotNode) DOTID() string                    { return n.name }
func (n *dotNode) Attributes() []encoding.Attribute { return n.attrs }

// dotMember is a node's mention in a subgraph: its ID, no attributes, so
// that the attributes are written once.
type dotMember struct {
	id   int64
	name string
}

func (n dotMember) ID() int64     { return n.id }
func (n dotMember) DOTID() string { return n.name }

// dotLine is an edge with its attributes.
type dotLine struct {
	from, to graph.Node
	id       int64
	attrs    encoding.Attributes
}

func (l *dotLine) From() graph.Node                 { return l.from }
func (l *dotLine) To() graph.Node                   { return l.to }
func (l *dotLine) ID() int64                        { return l.id }
func (l *dotLine) ReversedLine() graph.Line         { return l }
func (l *dotLine) Attributes() []encoding.Attribute { return l.attrs }

// attributes pairs up keys and values.
func attributes(kv ...string) encoding.Attributes {
	var out encoding.Attributes
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			out = append(out, encoding.Attribute{Key: kv[i], Value: kv[i+1]})
		}
	}
	return out
}

func newDOTGraph(v *boundary.View) *dotGraph {
	rankdir, ranksep, fontsize := "LR", "0.6", "10"
	if v.Level == "boundary" {
		rankdir, ranksep, fontsize = "TB", "0.7", "12"
	}
	g := &dotGraph{
		DirectedGraph: multi.NewDirectedGraph(),
		id:            v.Module,
		graph: attributes(
			"label", "<<b>"+html.EscapeString(graphTitle(v))+`</b><br/><font point-size="10">`+html.EscapeString(graphLegend(v))+"</font>>",
			"labelloc", "t", "labeljust", "l",
			"fontname", graphFont, "fontsize", "14",
			"rankdir", rankdir, "newrank", "true", "nodesep", "0.3", "ranksep", ranksep,
		),
		node: attributes("fontname", graphFont, "fontsize", fontsize, "shape", "box", "style", "rounded,filled"),
		edge: attributes("fontname", graphFont, "fontsize", "10", "arrowsize", "0.7"),
	}
	nodes := make([]*dotNode, len(v.Nodes))
	for i, n := range v.Nodes {
		nodes[i] = &dotNode{id: int64(i), name: n.ID, attrs: dotNodeAttributes(v, n)}
		g.AddNode(nodes[i])
	}
	widths := strokeWidths(v)
	for i, e := range v.Edges {
		g.SetLine(&dotLine{from: nodes[e.From], to: nodes[e.To], id: int64(i), attrs: dotEdgeAttributes(v, e, widths[i])})
	}
	if v.Nested {
		for _, gr := range v.Groups {
			g.subgraphs = append(g.subgraphs, dotCluster(v, gr))
		}
	} else {
		// Entry points on top, the shared kernel at the bottom.
		for _, gr := range v.Groups {
			rank := map[string]string{boundary.ViewEntrypoint: "min", boundary.ViewShared: "max"}[gr.Role]
			if rank == "" || gr.Node < 0 {
				continue
			}
			sg := newSubgraph("rank_"+gr.Role, "rank", rank)
			sg.AddNode(dotMember{int64(gr.Node), v.Nodes[gr.Node].ID})
			g.subgraphs = append(g.subgraphs, sg)
		}
	}
	return g
}

// dotCluster is the box around a group's nodes; at symbol level it holds
// one box per package.
func dotCluster(v *boundary.View, gr boundary.ViewGroup) *dotGraph {
	c := groupColor(gr)
	style := "rounded"
	switch gr.Role {
	case boundary.ViewShared:
		style = "rounded,dashed"
	case boundary.ViewEntrypoint:
		style = "rounded,dotted"
	}
	sg := newSubgraph("cluster_"+gr.Name,
		"label", gr.Name, "style", style, "color", c.stroke, "fontcolor", c.stroke, "penwidth", "2", "fontsize", "13")
	for _, p := range gr.Packages {
		into := sg
		if v.Level == "symbol" {
			into = newSubgraph("cluster_"+gr.Name+"/"+p.Label,
				"label", p.Label, "style", "rounded", "color", c.fill, "fontcolor", "#333333", "penwidth", "1", "fontsize", "10")
			sg.subgraphs = append(sg.subgraphs, into)
		}
		for _, id := range p.Nodes {
			into.AddNode(dotMember{int64(id), v.Nodes[id].ID})
		}
	}
	return sg
}

func dotNodeAttributes(v *boundary.View, n boundary.ViewNode) encoding.Attributes {
	gr := v.Groups[n.Group]
	c := groupColor(gr)
	shape, style := "", ""
	switch n.Kind {
	case "func":
		shape, style = "ellipse", "filled"
	case "var", "const", "init":
		shape, style = "note", "filled"
	case "shared":
		style = "filled,dashed"
	case "entrypoint":
		shape, style = "invhouse", "filled"
	case "package":
		switch n.Role {
		case boundary.ViewShared:
			style = "filled"
		case boundary.ViewEntrypoint:
			shape, style = "invhouse", "filled"
		}
	}
	label, tooltip, penwidth := n.Label, n.Detail, ""
	switch v.Level {
	case "boundary":
		label = "<<b>" + html.EscapeString(n.Label) + `</b><br/><font point-size="10">` + html.EscapeString(n.Detail) + "</font>>"
		tooltip, penwidth = n.Label+": "+n.Detail, "2"
	case "package":
		tooltip = fmt.Sprintf("%s (%s lines)", n.ID, num(n.Lines))
	}
	return attributes(
		"label", label, "shape", shape, "style", style,
		"fillcolor", c.fill, "color", c.stroke, "penwidth", penwidth, "tooltip", tooltip,
	)
}

func dotEdgeAttributes(v *boundary.View, e boundary.ViewEdge, width float64) encoding.Attributes {
	from, to := v.Nodes[e.From], v.Nodes[e.To]
	color := edgeColor(v, e)
	fontcolor, style, arrowhead, constraint, arrowsize := color, "", "", "", ""
	label, tooltip := "", ""
	if v.Level == "boundary" {
		// Dot sets a label just beside its line; the spaces keep a thick
		// line off the text.
		label = "  " + edgeLabel(e)
	}
	if v.Level != "symbol" {
		tooltip = fmt.Sprintf("%s → %s: %s", from.Label, to.Label, plural(e.Refs, "reference", "references"))
	}
	switch classify(v, e) {
	case edgeTables:
		// Not a dependency: an open arrow to the owner of the tables, and
		// no pull on the layering.
		style, arrowhead, constraint = "dashed", "onormal", "false"
		tooltip = fmt.Sprintf("%s uses tables of %s", from.Label, to.Label)
	case edgePeriphery:
		fontcolor, arrowsize = "#888888", "0.5"
	case edgeCycle:
		style = "bold"
	}
	if label == "" {
		fontcolor = ""
	}
	return attributes(
		"penwidth", strconv.FormatFloat(width, 'f', -1, 64), "color", color, "style", style,
		"arrowhead", arrowhead, "constraint", constraint, "arrowsize", arrowsize,
		"label", label, "fontcolor", fontcolor, "tooltip", tooltip,
	)
}
