package boundary

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// Role is what a package is in a proposal.
type Role uint8

// The roles. Only service packages are clustered; entry points and the
// shared kernel would otherwise glue every boundary together.
const (
	RoleService Role = iota
	RoleEntrypoint
	RoleShared
)

// Shared-kernel rule: a package is shared kernel when at least
// SharedFanIn of the module's other non-main packages import it (and at
// least SharedMinImporters of them), and it imports little of the module:
// the module packages it needs, directly or not, that are not shared
// kernel already number at most a quarter of its importers (and at most
// SharedMaxPulled). Those it needs join the kernel with it, since the
// kernel cannot depend on a service. The rule is applied until nothing
// changes, so a database helper that imports the logger and the config
// package is found whichever comes first.
const (
	SharedFanIn        = 0.20
	SharedMinImporters = 3
	SharedMaxPulled    = 3
	// SharedMaxKernel caps the share of the non-main packages the fan-in
	// rule may set aside.
	SharedMaxKernel = 0.30
)

// roleAdjustments carry what a clustering taught the role rules: packages
// the fan-in rule must leave alone, and packages the spread rule found.
type roleAdjustments struct {
	exempt map[analyze.PkgID]bool
	extra  map[analyze.PkgID]SharedPackage
}

// rolesWith assigns a role to every package of g: the rules that need no
// clustering, adjusted by what earlier clusterings taught (adj, nil for
// none). With shared patterns, the packages they match are the shared
// kernel and the automatic rules are off.
func rolesWith(g *analyze.Graph, shared Patterns, adj *roleAdjustments) ([]Role, map[analyze.PkgID]SharedPackage) {
	roles := make([]Role, len(g.Packages))
	for _, p := range g.Packages {
		if p.IsMain {
			roles[p.ID] = RoleEntrypoint
		}
	}
	importers, imports, fromMain := importGraph(g, roles)
	nonMain := 0
	for _, r := range roles {
		if r != RoleEntrypoint {
			nonMain++
		}
	}
	why := map[analyze.PkgID]SharedPackage{}
	mark := func(p *analyze.Package, reason string) {
		roles[p.ID] = RoleShared
		why[p.ID] = SharedPackage{Package: p.Path, Reason: reason, ImportedBy: len(importers[p.ID])}
	}
	if shared != nil {
		for _, p := range g.Packages {
			if roles[p.ID] != RoleEntrypoint && shared.Match(p.Path) {
				mark(p, "matches --shared")
			}
		}
		return roles, why
	}
	need := int(SharedFanIn*float64(nonMain-1) + 0.999999)
	if need < SharedMinImporters {
		need = SharedMinImporters
	}
	// Most imported first, and never more than SharedMaxKernel of the
	// packages: in a codebase where every context imports every other's
	// events, each package marked makes the next one look like it imports
	// little, and without a cap the kernel would swallow everything.
	order := make([]*analyze.Package, len(g.Packages))
	copy(order, g.Packages)
	sort.SliceStable(order, func(i, j int) bool { return len(importers[order[i].ID]) > len(importers[order[j].ID]) })
	budget := max(SharedMinImporters, int(SharedMaxKernel*float64(nonMain)))
	kernel := 0
	for changed := true; changed && kernel < budget; {
		changed = false
		for _, p := range order {
			if roles[p.ID] != RoleService || (adj != nil && adj.exempt[p.ID]) {
				continue
			}
			in := len(importers[p.ID])
			if in < need {
				continue
			}
			pulled := closure(p.ID, imports, roles)
			if len(pulled) > SharedMaxPulled || 4*len(pulled) > in || private(p.ID, pulled, importers, fromMain) ||
				kernel+1+len(pulled) > budget {
				continue
			}
			mark(p, fmt.Sprintf("imported by %d of %d packages", in, nonMain-1))
			for _, q := range pulled {
				mark(g.Packages[q], "needed by shared kernel "+relTo(g.Module, p.Path))
			}
			kernel += 1 + len(pulled)
			changed = true
		}
	}
	if adj != nil {
		for _, id := range sortedIDs(adj.extra) {
			if roles[id] == RoleService {
				roles[id] = RoleShared
				why[id] = adj.extra[id]
			}
		}
	}
	// Entry-point support: a package only entry points import, that
	// imports no service package (a config loader, a wiring helper), is
	// part of the composition, not of a service; unless it queries tables
	// service code queries too (a report over the orders tables): that is
	// business code the entry point happens to call directly.
	sharesData := dataSharers(g, roles)
	for _, p := range g.Packages {
		if roles[p.ID] != RoleService || len(importers[p.ID]) > 0 || !fromMain[p.ID] || sharesData[p.ID] {
			continue
		}
		leaf := true
		for to := range imports[p.ID] {
			leaf = leaf && roles[to] != RoleService
		}
		if leaf {
			mark(p, "used only by entry points, imports no service code")
		}
	}
	return roles, why
}

// importGraph is the module's import graph without the entry points'
// imports: each package's importers and imports, as sets, and which
// packages an entry point imports. A package imported from several files
// counts once.
func importGraph(g *analyze.Graph, roles []Role) (importers, imports []map[analyze.PkgID]bool, fromMain map[analyze.PkgID]bool) {
	importers = make([]map[analyze.PkgID]bool, len(g.Packages))
	imports = make([]map[analyze.PkgID]bool, len(g.Packages))
	for i := range g.Packages {
		importers[i], imports[i] = map[analyze.PkgID]bool{}, map[analyze.PkgID]bool{}
	}
	fromMain = map[analyze.PkgID]bool{}
	for _, im := range g.Imports {
		if roles[im.From] == RoleEntrypoint {
			fromMain[im.To] = true
			continue
		}
		importers[im.To][im.From] = true
		imports[im.From][im.To] = true
	}
	return importers, imports, fromMain
}

// private reports whether one of the pulled packages is used by nothing
// but p and the rest of what p pulls: p's own implementation (its store,
// say), which makes p part of a service rather than of the kernel. A
// package the entry points import themselves is no one's implementation
// (the config package that main loads and the database helper reads).
func private(p analyze.PkgID, pulled []analyze.PkgID, importers []map[analyze.PkgID]bool, fromMain map[analyze.PkgID]bool) bool {
	inside := map[analyze.PkgID]bool{p: true}
	for _, q := range pulled {
		inside[q] = true
	}
	for _, q := range pulled {
		outside := fromMain[q]
		for from := range importers[q] {
			outside = outside || !inside[from]
		}
		if !outside {
			return true
		}
	}
	return false
}

func sortedIDs[V any](m map[analyze.PkgID]V) []analyze.PkgID {
	out := make([]analyze.PkgID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// closure returns, sorted, the service packages that p imports directly or
// through other service packages.
func closure(p analyze.PkgID, imports []map[analyze.PkgID]bool, roles []Role) []analyze.PkgID {
	seen := map[analyze.PkgID]bool{p: true}
	var out []analyze.PkgID
	stack := []analyze.PkgID{p}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for to := range imports[x] {
			if seen[to] || roles[to] != RoleService {
				continue
			}
			seen[to] = true
			out = append(out, to)
			stack = append(stack, to)
		}
	}
	slices.Sort(out)
	return out
}

// relTo shortens an import path to be module-relative, for messages.
func relTo(module, path string) string {
	if r, ok := strings.CutPrefix(path, module+"/"); ok {
		return r
	}
	return path
}

// Spread rule (after clustering): a leaf package (it imports no service
// package) whose importers fall into at least SpreadBoundaries of the
// boundaries found, none of which holds more than half of them, and whose
// folder is not mostly one boundary's, is shared kernel as well:
// an HTTP helper or an ID generator that every context's handlers use. So
// is a leaf package used by two or more boundaries that sits in a folder
// whose other packages are mostly shared kernel (a notifier in pkg/ beside
// the logger and the config). It is applied after clustering, since it
// needs the boundaries.
const SpreadBoundaries = 3

// update applies the rules that need boundaries to the packages clustered
// as services[i] into community of[i]: the spread rule, and the converse
// for packages the fan-in rule set aside — a popular package whose service
// importers sit mostly in one boundary (more than half of them, at least
// two, and twice as many as in any other) is that boundary's core, used by
// others, not kernel. The exemption is for good, so it must not follow a
// passing clustering that lumps a clock's importers together in a big
// boundary: a plurality is not enough. It reports whether anything changed.
func (adj *roleAdjustments) update(g *analyze.Graph, roles []Role, why map[analyze.PkgID]SharedPackage, services []analyze.PkgID, of []int) bool {
	community := map[analyze.PkgID]int{}
	for i, id := range services {
		community[id] = of[i]
	}
	// What the spread rule finds stays found: evaluated afresh, a find
	// changes the next clustering, which can undo it and so on, and the
	// roles would not settle.
	importers, imports, fromMain := importGraph(g, roles)
	// byBoundary counts a package's service importers per community, and
	// returns the counts sorted from the largest.
	byBoundary := func(id analyze.PkgID) (counts []int, total int) {
		count := map[int]int{}
		for from := range importers[id] {
			if c, ok := community[from]; ok {
				count[c]++
				total++
			}
		}
		for _, n := range count {
			counts = append(counts, n)
		}
		slices.Sort(counts)
		slices.Reverse(counts)
		return counts, total
	}
	changed := false
	sharesData := dataSharers(g, roles)
	queries := map[analyze.PkgID]bool{} // packages with queries of their own
	for _, a := range g.Accesses {
		if !a.Through && a.Op != analyze.DDL {
			queries[a.Package] = true
		}
	}
	// Leaves first, so that a helper importing another helper the rule
	// finds anyway does not take it along.
	for _, leavesOnly := range []bool{true, false} {
		for _, id := range services {
			if _, found := adj.extra[id]; found || sharesData[id] || serviceNeighbourhood(g, community, g.Packages[id]) {
				continue
			}
			// What it needs of the service code goes with it, as with
			// the fan-in rule: the kernel cannot depend on a service. An
			// HTTP helper that imports the logger takes the logger along,
			// unless the logger is its own implementation; code that
			// queries tables is business code, neither taken along nor
			// taking along; a package's own sub-packages (a service's
			// domain and store below it) make it a module, not a helper;
			// and only what the entry points set up themselves (the
			// logger, the config) is infrastructure enough to take: in a
			// layered monolith an application service used by three
			// contexts would otherwise take its domain package along.
			p := g.Packages[id]
			pulled := slices.DeleteFunc(closure(id, imports, roles), func(q analyze.PkgID) bool {
				_, found := adj.extra[q]
				return found
			})
			if leavesOnly && len(pulled) > 0 || len(pulled) > SharedMaxPulled || private(id, pulled, importers, fromMain) ||
				len(pulled) > 0 && (queries[id] || slices.ContainsFunc(pulled, func(q analyze.PkgID) bool {
					return queries[q] || !fromMain[q] || strings.HasPrefix(g.Packages[q].Path, p.Path+"/")
				})) {
				continue
			}
			counts, total := byBoundary(id)
			needs := "imports no service code"
			if len(pulled) > 0 {
				var names []string
				for _, q := range pulled {
					names = append(names, relTo(g.Module, g.Packages[q].Path))
				}
				needs = "imports no service code but " + strings.Join(names, ", ") + ", taken along"
			}
			var reason string
			switch {
			case len(counts) >= SpreadBoundaries && 2*counts[0] <= total:
				reason = fmt.Sprintf("used evenly by %d boundaries, %s", len(counts), needs)
			case len(counts) >= 2 && kernelNeighbourhood(g, roles, p):
				reason = fmt.Sprintf("used by %d boundaries, %s, lives among shared-kernel packages", len(counts), needs)
			default:
				continue
			}
			adj.extra[id] = SharedPackage{Package: p.Path, ImportedBy: len(importers[id]), Reason: reason}
			for _, q := range pulled {
				adj.extra[q] = SharedPackage{Package: g.Packages[q].Path, ImportedBy: len(importers[q]), Reason: takenAlong + relTo(g.Module, p.Path)}
			}
			changed = true
		}
	}
	for id, w := range why {
		if _, spread := adj.extra[id]; spread || !strings.HasPrefix(w.Reason, "imported by ") || adj.exempt[id] {
			continue // only the fan-in rule's finds are reconsidered
		}
		counts, total := byBoundary(id)
		if len(counts) > 0 && counts[0] >= 2 && 2*counts[0] > total && (len(counts) == 1 || counts[0] >= 2*counts[1]) {
			adj.exempt[id] = true
			changed = true
		}
	}
	return changed
}

// takenAlong starts the reason of a package the spread rule set aside
// because a package it set aside needs it.
const takenAlong = "needed by shared kernel "

// dataSharers are the packages that query a table (in their own code)
// that service code elsewhere queries too (in its own code): the data of
// a context, however many contexts reach for it, and the kernel holds no
// business data. The spread rule leaves them alone: a reservation store
// that three contexts import is booking's store used where it should not
// be, not a helper. Calls into a package's query functions do not count
// (that is what a helper is for): an event outbox written only through
// the bus's Publish leaves the bus a helper.
func dataSharers(g *analyze.Graph, roles []Role) map[analyze.PkgID]bool {
	users := map[string]map[analyze.PkgID]bool{}
	for _, a := range g.Accesses {
		if a.Op == analyze.DDL || a.Through {
			continue
		}
		if users[a.Table] == nil {
			users[a.Table] = map[analyze.PkgID]bool{}
		}
		users[a.Table][a.Package] = true
	}
	out := map[analyze.PkgID]bool{}
	for _, a := range g.Accesses {
		if a.Op == analyze.DDL || a.Through {
			continue
		}
		for q := range users[a.Table] {
			if q != a.Package && roles[q] == RoleService {
				out[a.Package] = true
			}
		}
	}
	return out
}

// serviceNeighbourhood reports whether most (and at least two) of the
// other packages in p's folder were clustered into one boundary.
func serviceNeighbourhood(g *analyze.Graph, community map[analyze.PkgID]int, p *analyze.Package) bool {
	parent := path.Dir(p.Path)
	siblings := 0
	count := map[int]int{}
	for _, q := range g.Packages {
		if q.ID == p.ID || path.Dir(q.Path) != parent {
			continue
		}
		siblings++
		if c, ok := community[q.ID]; ok {
			count[c]++
		}
	}
	for _, n := range count {
		if n >= 2 && 2*n > siblings {
			return true
		}
	}
	return false
}

// kernelNeighbourhood reports whether most (and at least two) of the other
// packages in p's folder are shared kernel.
func kernelNeighbourhood(g *analyze.Graph, roles []Role, p *analyze.Package) bool {
	parent := path.Dir(p.Path)
	siblings, shared := 0, 0
	for _, q := range g.Packages {
		if q.ID == p.ID || path.Dir(q.Path) != parent {
			continue
		}
		siblings++
		if roles[q.ID] == RoleShared {
			shared++
		}
	}
	return shared >= 2 && 2*shared > siblings
}
