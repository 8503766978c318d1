package boundary

import (
	"slices"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// peelDataOwners gives a module its own boundary when the clustering
// folded it into a neighbour although it has its own data and only
// consumes the neighbour. services[i] is in community of[i]; fixed are
// the nodes a spec pins (never moved). It returns the new assignment and,
// for each community it made, the community the module was taken from.
//
// Modularity cannot keep a small context apart: a one-package group with
// a single neighbour always gains by joining it, whatever the resolution
// (cluster/auto.go lowers the bar but cannot remove it). Yet a reviews or
// messaging package that writes its own tables and only calls the catalog
// is the textbook separate context: database per service costs nothing
// there, and the catalog does not need it. So, within each boundary, the
// packages are grouped into modules by their first business path word
// (naming.go: internal/messaging and internal/messaging/api are module
// "messaging"; internal/service/booking and internal/store/booking are
// module "booking"), and a module other than the boundary's largest is
// peeled off when all three hold:
//
//   - it owns data: it writes a table that no other module's service
//     package writes;
//   - its data is its own within the boundary: no table it reads or writes
//     is read or written by the rest of the boundary;
//   - it is downstream: the rest of the boundary refers to it no more than
//     it refers to the rest (a store the boundary's services call is their
//     implementation, not a customer of theirs).
//
// Only direct accesses count (not ones attributed through a call), and
// DDL does not. Packages without a business word in their path form no
// module and stay where they are.
func peelDataOwners(g *analyze.Graph, services []analyze.PkgID, of []int, fixed map[int]int) ([]int, map[int]int) {
	node := map[analyze.PkgID]int{}
	module := make([]string, len(services))
	for i, id := range services {
		node[id] = i
		if ws := pathWords(g.Module, g.Packages[id].Path); len(ws) > 0 {
			module[i] = ws[0]
		}
	}

	// Tables each module writes, and the modules writing each table.
	writers := map[string]map[string]bool{}
	touches := make([]map[string]bool, len(services)) // tables each node reads or writes
	for _, a := range g.Accesses {
		i, ok := node[a.Package]
		if !ok || a.Through || a.Op == analyze.DDL {
			continue
		}
		if touches[i] == nil {
			touches[i] = map[string]bool{}
		}
		touches[i][a.Table] = true
		if a.Op == analyze.Write && module[i] != "" {
			if writers[a.Table] == nil {
				writers[a.Table] = map[string]bool{}
			}
			writers[a.Table][module[i]] = true
		}
	}
	ownsData := map[string]bool{}
	for _, ms := range writers {
		if len(ms) == 1 {
			for m := range ms {
				ownsData[m] = true
			}
		}
	}

	// References between nodes of the same community.
	type pair struct{ from, to int }
	refs := map[pair]int{}
	for _, e := range g.PkgEdges {
		u, okU := node[analyze.PkgID(e.From)]
		v, okV := node[analyze.PkgID(e.To)]
		if okU && okV && of[u] == of[v] {
			refs[pair{u, v}] += e.Refs
		}
	}

	out := append([]int(nil), of...)
	apart := map[int]int{}
	next := slices.Max(append([]int{-1}, of...)) + 1
	members := map[int][]int{}
	var communities []int
	for i, c := range of {
		if members[c] == nil {
			communities = append(communities, c)
		}
		members[c] = append(members[c], i)
	}
	slices.Sort(communities)
	for _, c := range communities {
		lines := map[string]int{}
		var modules []string
		for _, i := range members[c] {
			m := module[i]
			if m == "" {
				continue
			}
			if _, seen := lines[m]; !seen {
				modules = append(modules, m)
			}
			lines[m] += g.Packages[services[i]].Lines
		}
		if len(modules) < 2 {
			continue
		}
		slices.Sort(modules)
		largest := modules[0]
		for _, m := range modules[1:] {
			if lines[m] > lines[largest] {
				largest = m
			}
		}
		for _, m := range modules {
			if m == largest || !ownsData[m] {
				continue
			}
			in := func(i int) bool { return module[i] == m }
			if pinnedAny(members[c], in, fixed) || sharesData(members[c], in, touches) {
				continue
			}
			into, outOf := 0, 0
			for p, n := range refs {
				if of[p.from] != c {
					continue
				}
				switch {
				case in(p.from) && !in(p.to):
					outOf += n
				case !in(p.from) && in(p.to):
					into += n
				}
			}
			if into > outOf {
				continue
			}
			for _, i := range members[c] {
				if in(i) {
					out[i] = next
				}
			}
			apart[next] = c
			next++
		}
	}
	return out, apart
}

// pinnedAny reports whether a node of the community that is in the module
// is pinned by the spec.
func pinnedAny(members []int, in func(int) bool, fixed map[int]int) bool {
	for _, i := range members {
		if _, ok := fixed[i]; ok && in(i) {
			return true
		}
	}
	return false
}

// sharesData reports whether the module (the members in it) and the rest
// of its community touch a common table.
func sharesData(members []int, in func(int) bool, touches []map[string]bool) bool {
	mine, rest := map[string]bool{}, map[string]bool{}
	for _, i := range members {
		for t := range touches[i] {
			if in(i) {
				mine[t] = true
			} else {
				rest[t] = true
			}
		}
	}
	for t := range mine {
		if rest[t] {
			return true
		}
	}
	return false
}
