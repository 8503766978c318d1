package cluster

// Disconnected counts the communities of p whose nodes are not connected
// by edges inside the community. A disconnected boundary is a proposal
// nobody can defend (its halves share nothing), and it is the failure
// Leiden exists to prevent: Leiden's communities are always connected,
// unless Options.Fixed holds nodes together that the graph does not;
// Louvain's sometimes are not (Traag et al. 2019).
func Disconnected(g *Graph, p *Partition) int {
	parent := make([]int32, g.n)
	for v := range parent {
		parent[v] = int32(v)
	}
	find := func(v int32) int32 {
		for parent[v] != v {
			parent[v] = parent[parent[v]]
			v = parent[v]
		}
		return v
	}
	for _, e := range g.canonical() {
		u, v := int32(e.key>>32), int32(uint32(e.key))
		if p.Of[u] != p.Of[v] {
			continue
		}
		if ru, rv := find(u), find(v); ru != rv {
			parent[ru] = rv
		}
	}
	n := 0
	for _, members := range p.Communities {
		root := find(int32(members[0]))
		for _, v := range members[1:] {
			if find(int32(v)) != root {
				n++
				break
			}
		}
	}
	return n
}
