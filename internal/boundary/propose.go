package boundary

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// Options control a proposal.
type Options struct {
	// Level is "package" (default) or "symbol".
	Level string
	// Cluster options: algorithm, resolution, seed.
	Cluster cluster.Options
	// Shared, when not nil, lists the shared-kernel packages and turns the
	// automatic rule off (an empty non-nil list means "no shared kernel").
	Shared Patterns
	// Spec, when set, is an agreed decompose.yaml to refine rather than
	// start over: the packages it places keep their context (the boundary
	// is named after it), its shared and ignored packages their roles;
	// only the packages it does not place are clustered freely.
	Spec *Spec
	// MinConfidence is the confidence (with Cluster.Runs > 1) below which
	// a package is reported as undecided; 0 means DefaultMinConfidence.
	MinConfidence float64
}

// DefaultMinConfidence is the default of Options.MinConfidence.
const DefaultMinConfidence = 0.8

// samplesPerItem caps the sample sites kept per dependency or API entry.
const samplesPerItem = 3

// Propose clusters the service packages of g and builds the Model.
func Propose(g *analyze.Graph, opts Options) (*Model, error) {
	if opts.Level == "" {
		opts.Level = "package"
	}
	switch opts.Level {
	case "package":
	case "symbol":
		return proposeSymbols(g, opts)
	default:
		return nil, fmt.Errorf("level %q: want package or symbol", opts.Level)
	}
	pins, err := pinsFromSpec(g, opts.Spec)
	if err != nil {
		return nil, err
	}
	roles, why, cl, err := assignRoles(g, opts, pins)
	if err != nil {
		return nil, err
	}
	services, cg, part, of := cl.services, cl.graph, cl.part, cl.of

	// Boundary of each package: -1 for shared kernel and entry points.
	boundaryOf := make([]int, len(g.Packages))
	for i := range boundaryOf {
		boundaryOf[i] = -1
	}
	groups := map[int][]analyze.PkgID{}
	for i, id := range services {
		groups[of[i]] = append(groups[of[i]], id)
	}
	labels := make([]int, 0, len(groups))
	for l := range groups {
		labels = append(labels, l)
	}
	// Biggest boundaries first; ties by first package path.
	sort.Slice(labels, func(i, j int) bool {
		a, b := groups[labels[i]], groups[labels[j]]
		la, lb := linesOf(g, a), linesOf(g, b)
		if la != lb {
			return la > lb
		}
		return g.Packages[a[0]].Path < g.Packages[b[0]].Path
	})
	m := &Model{Module: g.Module, Root: g.Root, Level: opts.Level}
	index := map[int]int{} // community → boundary
	for bi, l := range labels {
		index[l] = bi
		b := &Boundary{}
		for _, id := range groups[l] {
			p := g.Packages[id]
			boundaryOf[id] = bi
			b.Packages = append(b.Packages, p.Path)
			b.Files += len(p.Files)
			b.Lines += p.Lines
		}
		sort.Strings(b.Packages)
		m.Boundaries = append(m.Boundaries, b)
	}
	nameBoundaries(g, m.Boundaries)
	pins.name(g, m.Boundaries)
	for peeled, note := range cl.apart {
		if b, ok := index[note.from]; ok {
			from := m.Boundaries[b].Name
			m.Boundaries[index[peeled]].KeptApartFrom = from
			m.Boundaries[index[peeled]].KeptApartWhy = note.why(from)
		}
	}

	for _, p := range g.Packages {
		switch roles[p.ID] {
		case RoleShared:
			m.Shared = append(m.Shared, why[p.ID])
		case RoleEntrypoint:
			m.Entrypoints = append(m.Entrypoints, p.Path)
		}
	}
	symOf := symbolPlaces(g, boundaryOf)
	connect(g, m, symOf)
	m.Cycles = cycles(m)
	m.Order = extractionOrder(m)
	m.Metrics = baseMetrics(m, cluster.Modularity(cg, of, part.Resolution), part.Resolution, opts.Cluster)
	tableOwnership(g, m, symOf)
	measure(g, m, boundaryOf, part)
	m.Undecided = undecided(g, m, services, of, part, opts.MinConfidence)
	m.Stats = stats(g)
	for _, e := range g.Errors {
		m.Problems = append(m.Problems, Problem{Package: e.Package, Pos: e.Pos, Msg: e.Msg})
	}
	return m, nil
}

// baseMetrics are the metrics every level reports: the modularity of the
// clustering and the share of references that cross a boundary, with the
// settings that produced them. Call it once the boundaries are connected.
func baseMetrics(m *Model, modularity, resolution float64, opts cluster.Options) Metrics {
	mm := Metrics{
		Modularity: modularity,
		Resolution: resolution,
		Seed:       opts.Seed,
		Algorithm:  algorithmName(opts.Algorithm),
	}
	var cross, total int
	for _, b := range m.Boundaries {
		cross += b.Outgoing
		total += b.Internal + b.Outgoing
	}
	if total > 0 {
		mm.CrossRefs = float64(cross) / float64(total)
	}
	return mm
}

func algorithmName(a string) string {
	if a == "" {
		return "leiden"
	}
	return a
}

// assignRoles decides the roles and clusters the service packages. The
// package-level rules need no boundaries; the rules that do (the spread
// rule, and giving back a popular package most of whose importers sit in
// one boundary) are applied to a first clustering, and the service
// packages are clustered again until the roles settle. With the
// automatic resolution, those rounds cluster at γ = 1 (with as many seeds
// as the scan uses), and the resolution is chosen once, for the settled
// roles: scanning in every round would let the roles follow a resolution
// that the next round changes again.
func assignRoles(g *analyze.Graph, opts Options, pins *pins) ([]Role, map[analyze.PkgID]SharedPackage, *clustering, error) {
	adj := &roleAdjustments{exempt: map[analyze.PkgID]bool{}, extra: map[analyze.PkgID]SharedPackage{}}
	rounds := opts.Cluster
	if rounds.AutoResolution {
		rounds.AutoResolution, rounds.Resolution = false, 1
		rounds.Runs = max(rounds.Runs, cluster.AutoRuns)
	}
	for round := 0; ; round++ {
		roles, why := rolesWith(g, opts.Shared, adj)
		pins.apply(g, roles, why)
		cl, err := clusterServices(g, roles, pins.fixed(rounds, roles))
		if err != nil || opts.Shared != nil || round == 4 || !adj.update(g, roles, why, cl.services, cl.of) {
			if err == nil && opts.Cluster.AutoResolution {
				cl, err = clusterServices(g, roles, pins.fixed(opts.Cluster, roles))
			}
			return roles, why, cl, err
		}
	}
}

// clustering is the outcome of clustering the service packages.
type clustering struct {
	services []analyze.PkgID // node i of graph is services[i]
	graph    *cluster.Graph
	part     *cluster.Partition
	// of is each node's final community: the partition's, with isolated
	// packages placed and data-owning modules kept apart (peel.go).
	of []int
	// apart notes, for each community peelDataOwners made, the one the
	// module was taken from.
	apart map[int]apartNote
}

// clusterServices clusters the service packages.
func clusterServices(g *analyze.Graph, roles []Role, opts cluster.Options) (*clustering, error) {
	var services []analyze.PkgID
	node := make([]int, len(g.Packages))
	for _, p := range g.Packages {
		node[p.ID] = -1
		if roles[p.ID] == RoleService {
			node[p.ID] = len(services)
			services = append(services, p.ID)
		}
	}
	cg := cluster.NewGraph(len(services))
	for _, e := range g.PkgEdges {
		u, v := node[e.From], node[e.To]
		if u < 0 || v < 0 {
			continue
		}
		cg.Add(u, v, affinity(e))
	}
	addTableAffinity(g, cg, node, roles)
	addNameAffinity(g, cg, services)
	part, err := cluster.Cluster(cg, opts)
	if err != nil {
		return nil, err
	}
	of := placeIsolated(g, services, cg, part.Of)
	for i := range of {
		if _, pinned := opts.Fixed[i]; pinned {
			of[i] = part.Of[i] // a pinned package stays where the spec put it
		}
	}
	of, apart := peelDataOwners(g, services, of, opts.Fixed)
	return &clustering{services: services, graph: cg, part: part, of: of, apart: apart}, nil
}

// affinity is the clustering weight of a package edge: its reference
// weight, log-damped so that one very chatty pair does not outweigh many
// ordinary ones.
func affinity(e analyze.Edge) float64 {
	return 1 + math.Log(e.Weight)
}

// placeIsolated gives each package with no reference to any other service
// package the community of the clustered package nearest to it in the
// directory tree: with no code links, its location is all there is to go
// by. It returns the final assignment.
func placeIsolated(g *analyze.Graph, services []analyze.PkgID, cg *cluster.Graph, of []int) []int {
	degree := make([]int, len(services))
	for _, e := range cg.Edges() {
		degree[e.U]++
		degree[e.V]++
	}
	out := append([]int(nil), of...)
	for i, id := range services {
		if degree[i] > 0 {
			continue
		}
		best, bestLen := -1, 0
		for j, other := range services {
			if degree[j] == 0 {
				continue
			}
			n := commonPrefixSegments(g.Packages[id].Path, g.Packages[other].Path)
			if n > bestLen {
				best, bestLen = j, n
			}
		}
		// Sharing only the module path and technical folders ("internal",
		// "pkg") is no evidence: keep it alone.
		if best >= 0 && businessWords(g.Module, g.Packages[id].Path, bestLen) > 0 {
			out[i] = of[best]
		}
	}
	return out
}

// businessWords counts the non-technical segments among the first n
// segments of path below the module path.
func businessWords(module, path string, n int) int {
	segs := strings.Split(path, "/")[:n]
	words := 0
	for _, s := range segs[min(len(segs), strings.Count(module, "/")+1):] {
		if !technical[strings.ToLower(s)] {
			words++
		}
	}
	return words
}

func commonPrefixSegments(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

func linesOf(g *analyze.Graph, ids []analyze.PkgID) int {
	n := 0
	for _, id := range ids {
		n += g.Packages[id].Lines
	}
	return n
}

func stats(g *analyze.Graph) Stats {
	s := Stats{Packages: len(g.Packages), Files: len(g.Files), Symbols: len(g.Symbols)}
	for _, p := range g.Packages {
		s.Lines += p.Lines
	}
	for _, e := range g.PkgEdges {
		s.Refs += e.Refs
	}
	return s
}
