package boundary

import (
	"slices"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// peelDataOwners splits a boundary along its modules when the clustering
// folded a context with data of its own into a neighbour that it only
// consumes. services[i] is in community of[i]; fixed are the nodes a spec
// pins (never moved). It returns the new assignment and, for each
// community it made, the community the module was taken from.
//
// Modularity cannot keep a small context apart: a one-package group with
// a single neighbour always gains by joining it, whatever the resolution
// (cluster/auto.go lowers the bar but cannot remove it). Yet a messaging
// package that writes its own tables and only calls the shops is the
// textbook separate context: database per service costs nothing there,
// and the shops do not need it. So, within each boundary, the packages
// are grouped into modules by the stem of their first business path word
// (naming.go: internal/messaging, internal/messaging/api and api/messages
// are module "messag"; internal/service/booking and internal/store/booking
// are module "book"), and a module is kept apart when all of these hold:
//
//   - it owns data: it writes a table that no other module's service
//     package writes; and so does another module of the boundary (a
//     context is not split from its API client or its jobs);
//   - the rest of the boundary does not use its data: no table the module
//     writes is read or written by the rest, in its own queries or through
//     calls into the module's (the module may read the rest's tables: a
//     consumer's read model);
//   - it is downstream: the rest refers to it no more than it refers to
//     the rest (a store the boundary's services call is their
//     implementation, not a customer of theirs). When a small module is
//     upstream (the catalog calls the reviews), the larger downstream
//     one is the one kept apart.
//
// Smaller modules are tried first, and the boundary is split again until
// no module qualifies. Queries' DDL does not count. Packages without a
// business word in their path form no module and stay where they are.
func peelDataOwners(g *analyze.Graph, services []analyze.PkgID, of []int, fixed map[int]int) ([]int, map[int]apartNote) {
	node := map[analyze.PkgID]int{}
	module := make([]string, len(services))
	for i, id := range services {
		node[id] = i
		if ws := pathStems(g.Module, g.Packages[id].Path); len(ws) > 0 {
			module[i] = ws[0]
		}
	}

	// Tables each module writes, and the modules writing each table.
	writers := map[string]map[string]bool{}
	touches := make([]map[string]bool, len(services)) // tables each node reads or writes
	writes := make([]map[string]bool, len(services))  // tables each node writes
	for _, a := range g.Accesses {
		i, ok := node[a.Package]
		if !ok || a.Op == analyze.DDL {
			continue
		}
		if touches[i] == nil {
			touches[i], writes[i] = map[string]bool{}, map[string]bool{}
		}
		touches[i][a.Table] = true // through calls too: using the data
		if a.Through {
			continue
		}
		if a.Op == analyze.Write {
			writes[i][a.Table] = true
		}
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

	// References between nodes of the same community, by community.
	type ref struct{ from, to, n int }
	refs := map[int][]ref{}
	for _, e := range g.PkgEdges {
		u, okU := node[analyze.PkgID(e.From)]
		v, okV := node[analyze.PkgID(e.To)]
		if okU && okV && of[u] == of[v] {
			refs[of[u]] = append(refs[of[u]], ref{u, v, e.Refs})
		}
	}

	out := append([]int(nil), of...)
	apart := map[int]apartNote{}
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
		rest := members[c]
		for {
			size := lines(g, services, rest, module)
			inRest := map[int]bool{}
			for _, i := range rest {
				inRest[i] = true
			}
			m, ok := peelable(size, func(m string) bool {
				in := func(i int) bool { return module[i] == m }
				if !ownsData[m] || pinnedAny(rest, in, fixed) || othersTouch(rest, in, touches, writes) {
					return false
				}
				// With a spec, the rest may hold an agreed context: a free
				// module with data of its own was not agreed to be part
				// of it, whichever way the calls go.
				if pinnedAny(rest, func(i int) bool { return !in(i) }, fixed) {
					return true
				}
				restOwns := false
				for o := range size {
					restOwns = restOwns || o != m && ownsData[o]
				}
				if !restOwns {
					return false
				}
				into, outOf := 0, 0
				for _, r := range refs[c] {
					if !inRest[r.from] || !inRest[r.to] {
						continue
					}
					switch {
					case in(r.from) && !in(r.to):
						outOf += r.n
					case !in(r.from) && in(r.to):
						into += r.n
					}
				}
				return into <= outOf
			})
			if !ok {
				break
			}
			var kept []int
			for _, i := range rest {
				if module[i] == m {
					out[i] = next
				} else {
					kept = append(kept, i)
				}
			}
			apart[next] = apartNote{from: c, spec: pinnedAny(rest, func(i int) bool { return module[i] != m }, fixed)}
			next++
			rest = kept
		}
	}
	return out, apart
}

// lines sums the lines of the nodes of each module.
func lines(g *analyze.Graph, services []analyze.PkgID, nodes []int, module []string) map[string]int {
	out := map[string]int{}
	for _, i := range nodes {
		if module[i] != "" {
			out[module[i]] += g.Packages[services[i]].Lines
		}
	}
	return out
}

// apartNote says where a module kept apart was taken from, and why.
type apartNote struct {
	from int  // the community it was clustered into
	spec bool // that community holds a context of the spec the module is not in
}

// why is the reason a report gives, naming the boundary it was taken from.
func (n apartNote) why(from string) string {
	if n.spec {
		return "it owns its tables, and the spec does not place it in " + from
	}
	return "it owns its tables and uses " + from + " more than " + from + " uses it"
}

// peelable returns the smallest module (by lines, then name) that ok
// accepts, as long as another module stays.
func peelable(size map[string]int, ok func(module string) bool) (string, bool) {
	if len(size) < 2 {
		return "", false
	}
	modules := make([]string, 0, len(size))
	for m := range size {
		modules = append(modules, m)
	}
	slices.SortFunc(modules, func(a, b string) int {
		if size[a] != size[b] {
			return size[a] - size[b]
		}
		return strings.Compare(a, b)
	})
	for _, m := range modules {
		if ok(m) {
			return m, true
		}
	}
	return "", false
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

// othersTouch reports whether the rest of the community reads or writes
// a table the module (the members in it) writes.
func othersTouch(members []int, in func(int) bool, touches, writes []map[string]bool) bool {
	mine := map[string]bool{}
	for _, i := range members {
		if in(i) {
			for t := range writes[i] {
				mine[t] = true
			}
		}
	}
	for _, i := range members {
		if in(i) {
			continue
		}
		for t := range touches[i] {
			if mine[t] {
				return true
			}
		}
	}
	return false
}
