package report

import (
	"encoding/json"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// GraphSchema names the JSON schema of "decompose graph --format json".
const GraphSchema = "decompose.graph/v1"

// GraphJSON renders a graph view as the documented decompose.graph/v1
// JSON, for other tools. Its structs are separate from the View so that
// the View can change without breaking the schema.
type GraphJSON struct{}

type jsonGraph struct {
	Schema string          `json:"schema"`
	Module string          `json:"module"`
	Level  string          `json:"level"`
	Source string          `json:"source"`
	Focus  string          `json:"focus"`
	Groups []jsonGroup     `json:"groups"`
	Nodes  []jsonGraphNode `json:"nodes"`
	Edges  []jsonGraphEdge `json:"edges"`
}

type jsonGroup struct {
	Name     string   `json:"name"`
	Role     string   `json:"role"`
	Packages []string `json:"packages"`
}

type jsonGraphNode struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Boundary string `json:"boundary"`
	Role     string `json:"role"`
	Package  string `json:"package"`
	Kind     string `json:"kind"`
	Lines    int    `json:"lines"`
	Detail   string `json:"detail,omitempty"`
}

type jsonGraphEdge struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Kind   string   `json:"kind"`
	Refs   int      `json:"refs"`
	Weight float64  `json:"weight"`
	Tables []string `json:"tables"`
	Cycle  bool     `json:"cycle"`
}

// RenderGraph writes v as decompose.graph/v1 JSON.
func (GraphJSON) RenderGraph(w io.Writer, v *boundary.View) error {
	out := jsonGraph{
		Schema: GraphSchema, Module: v.Module, Level: v.Level, Source: v.Source, Focus: v.Focus,
		Groups: []jsonGroup{}, Nodes: []jsonGraphNode{}, Edges: []jsonGraphEdge{},
	}
	for _, gr := range v.Groups {
		jg := jsonGroup{Name: gr.Name, Role: gr.Role, Packages: []string{}}
		for _, p := range gr.Packages {
			jg.Packages = append(jg.Packages, p.Path)
		}
		out.Groups = append(out.Groups, jg)
	}
	for _, n := range v.Nodes {
		b := ""
		if n.Role == boundary.ViewService {
			b = v.Groups[n.Group].Name
		}
		out.Nodes = append(out.Nodes, jsonGraphNode{
			ID: n.ID, Label: n.Label, Boundary: b, Role: n.Role, Package: n.Package, Kind: n.Kind,
			Lines: n.Lines, Detail: n.Detail,
		})
	}
	for _, e := range v.Edges {
		kind := "references"
		if e.IsTable() {
			kind = "tables"
		}
		out.Edges = append(out.Edges, jsonGraphEdge{
			From: v.Nodes[e.From].ID, To: v.Nodes[e.To].ID, Kind: kind,
			Refs: e.Refs, Weight: round(e.Weight), Tables: nonNil(e.Tables), Cycle: e.Cycle,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
