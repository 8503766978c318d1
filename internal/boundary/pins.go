package boundary

import (
	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// pins are what an agreed spec fixes in a proposal: the context of each
// package it places, and the roles of its shared and ignored packages.
// A nil *pins fixes nothing.
type pins struct {
	spec    *Spec
	context map[analyze.PkgID]int // spec context index
	shared  map[analyze.PkgID]bool
	ignored map[analyze.PkgID]bool
}

// pinsFromSpec places g's packages under spec (nil: no pins).
func pinsFromSpec(g *analyze.Graph, spec *Spec) (*pins, error) {
	if spec == nil {
		return nil, nil
	}
	placements, _, err := spec.Place(g)
	if err != nil {
		return nil, err
	}
	p := &pins{spec: spec, context: map[analyze.PkgID]int{}, shared: map[analyze.PkgID]bool{}, ignored: map[analyze.PkgID]bool{}}
	for id, pl := range placements {
		pid := analyze.PkgID(id)
		switch {
		case pl.Ignored:
			p.ignored[pid] = true
		case pl.Shared:
			p.shared[pid] = true
		case pl.Context >= 0:
			p.context[pid] = pl.Context
		}
	}
	return p, nil
}

// apply overrides the automatic roles with the spec's.
func (p *pins) apply(g *analyze.Graph, roles []Role, why map[analyze.PkgID]SharedPackage) {
	if p == nil {
		return
	}
	for _, pkg := range g.Packages {
		id := pkg.ID
		switch {
		case p.ignored[id]:
			roles[id] = RoleEntrypoint
			delete(why, id)
		case p.shared[id]:
			roles[id] = RoleShared
			why[id] = SharedPackage{Package: pkg.Path, Reason: "shared in " + p.spec.File}
		default:
			if _, ok := p.context[id]; ok && roles[id] != RoleEntrypoint {
				roles[id] = RoleService
				delete(why, id)
			}
		}
	}
}

// fixed returns the cluster options with the pinned service packages
// fixed to their context (nodes numbered as clusterServices numbers them).
func (p *pins) fixed(opts cluster.Options, roles []Role) cluster.Options {
	if p == nil || len(p.context) == 0 {
		return opts
	}
	opts.Fixed = map[int]int{}
	node := 0
	for id, r := range roles {
		if r != RoleService {
			continue
		}
		if c, ok := p.context[analyze.PkgID(id)]; ok {
			opts.Fixed[node] = c
		}
		node++
	}
	return opts
}

// name gives each boundary holding pinned packages its context's name.
func (p *pins) name(g *analyze.Graph, bs []*Boundary) {
	if p == nil {
		return
	}
	names := p.spec.ContextNames()
	taken := map[string]bool{}
	for _, b := range bs {
		for _, path := range b.Packages {
			if c, ok := p.context[g.Package(path).ID]; ok {
				b.Name = names[c]
				taken[b.Name] = true
				break
			}
		}
	}
	// A free boundary whose name clashes with a context's gets a suffix.
	for _, b := range bs {
		pinned := false
		for _, path := range b.Packages {
			_, pinned = p.context[g.Package(path).ID]
			if pinned {
				break
			}
		}
		if !pinned && taken[b.Name] {
			b.Name += "-new"
		}
	}
}
