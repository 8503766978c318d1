package boundary

import (
	"fmt"
	"slices"
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
	SharedMaxPulled    = 8
)

// Roles assigns a role to every package of g. With shared patterns, the
// packages they match are the shared kernel and the automatic rule is off.
func Roles(g *analyze.Graph, shared Patterns) ([]Role, map[analyze.PkgID]SharedPackage) {
	roles := make([]Role, len(g.Packages))
	for _, p := range g.Packages {
		if p.IsMain {
			roles[p.ID] = RoleEntrypoint
		}
	}
	importers := make([]map[analyze.PkgID]bool, len(g.Packages))
	imports := make([]map[analyze.PkgID]bool, len(g.Packages))
	for i := range g.Packages {
		importers[i] = map[analyze.PkgID]bool{}
		imports[i] = map[analyze.PkgID]bool{}
	}
	for _, im := range g.Imports {
		if roles[im.From] == RoleEntrypoint {
			continue
		}
		importers[im.To][im.From] = true
		imports[im.From][im.To] = true
	}
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
	for changed := true; changed; {
		changed = false
		for _, p := range g.Packages {
			if roles[p.ID] != RoleService {
				continue
			}
			in := len(importers[p.ID])
			if in < need {
				continue
			}
			pulled := closure(p.ID, imports, roles)
			if len(pulled) > SharedMaxPulled || 4*len(pulled) > in {
				continue
			}
			mark(p, fmt.Sprintf("imported by %d of %d packages", in, nonMain-1))
			for _, q := range pulled {
				mark(g.Packages[q], "needed by shared kernel "+relTo(g.Module, p.Path))
			}
			changed = true
		}
	}
	return roles, why
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
