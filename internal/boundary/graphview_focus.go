package boundary

// focus keeps the named boundary's nodes, the nodes linked to them, and
// the edges that touch the boundary. Groups left empty are dropped; the
// others keep their colour.
func (v *View) focus(name string) *View {
	fg := -1
	for gi, gr := range v.Groups {
		if gr.Name == name && gr.Role == ViewService {
			fg = gi
		}
	}
	keep := make([]bool, len(v.Nodes))
	var edges []ViewEdge
	for _, e := range v.Edges {
		if v.Nodes[e.From].Group == fg || v.Nodes[e.To].Group == fg {
			keep[e.From], keep[e.To] = true, true
			edges = append(edges, e)
		}
	}
	for i, n := range v.Nodes {
		if n.Group == fg {
			keep[i] = true
		}
	}
	out := &View{Module: v.Module, Level: v.Level, Source: v.Source, Focus: name, Nested: v.Nested}
	newNode := make([]int, len(v.Nodes))
	for _, gr := range v.Groups {
		ng := gr
		ng.Packages, ng.Node = nil, -1
		ngi := len(out.Groups)
		for _, p := range gr.Packages {
			np := ViewPackage{Path: p.Path, Label: p.Label}
			for _, id := range p.Nodes {
				if keep[id] {
					newNode[id] = len(out.Nodes)
					n := v.Nodes[id]
					n.Group = ngi
					np.Nodes = append(np.Nodes, len(out.Nodes))
					out.Nodes = append(out.Nodes, n)
				}
			}
			if len(np.Nodes) > 0 || !v.Nested {
				ng.Packages = append(ng.Packages, np)
			}
		}
		if !v.Nested && !keep[gr.Node] {
			ng.Packages = nil
		}
		if !v.Nested && keep[gr.Node] {
			newNode[gr.Node] = len(out.Nodes)
			ng.Node = len(out.Nodes)
			n := v.Nodes[gr.Node]
			n.Group = ngi
			out.Nodes = append(out.Nodes, n)
		}
		if len(ng.Packages) > 0 || ng.Node >= 0 {
			out.Groups = append(out.Groups, ng)
		}
	}
	for _, e := range edges {
		e.From, e.To = newNode[e.From], newNode[e.To]
		out.Edges = append(out.Edges, e)
	}
	out.sortEdges()
	return out
}
