package boundary

import (
	"sort"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// Labels maps every package the model places to where it is: "boundary
// NAME", "shared" or "entrypoint" — the vocabulary of a ground-truth file,
// whose context labels need only be consistent, not equal.
func (m *Model) Labels() map[string]string {
	out := map[string]string{}
	for _, b := range m.Boundaries {
		for _, p := range b.Packages {
			out[p] = "boundary " + b.Name
		}
	}
	for _, s := range m.Shared {
		out[s.Package] = "shared"
	}
	for _, e := range m.Entrypoints {
		out[e] = "entrypoint"
	}
	return out
}

// Score is how a proposal compares with a ground truth.
type Score struct {
	Module string
	cluster.Comparison
	// Misplaced are the packages labelled otherwise than most of the group
	// the proposal puts them in, sorted by package.
	Misplaced []Misplaced
	// Unlabelled are the loaded packages the truth does not mention.
	Unlabelled []string
}

// Misplaced is a package whose truth label differs from its group's.
type Misplaced struct {
	Package  string
	Truth    string
	Proposed string // the group: "boundary NAME", "shared" or "entrypoint"
	Majority string // the truth label most of the group carries
}

// ScoreAgainst compares the model's placement of g's packages with truth
// (package import path → label).
func ScoreAgainst(g *analyze.Graph, m *Model, truth map[string]string) Score {
	proposed := m.Labels()
	s := Score{Module: g.Module, Comparison: cluster.Compare(proposed, truth)}
	votes := map[string]map[string]int{}
	for p, grp := range proposed {
		if t, ok := truth[p]; ok {
			if votes[grp] == nil {
				votes[grp] = map[string]int{}
			}
			votes[grp][t]++
		}
	}
	majority := map[string]string{}
	for grp, vs := range votes {
		best := ""
		for label, n := range vs {
			if best == "" || n > vs[best] || n == vs[best] && label < best {
				best = label
			}
		}
		majority[grp] = best
	}
	for _, p := range g.Packages {
		t, ok := truth[p.Path]
		if !ok {
			s.Unlabelled = append(s.Unlabelled, p.Path)
			continue
		}
		if grp := proposed[p.Path]; majority[grp] != t {
			s.Misplaced = append(s.Misplaced, Misplaced{Package: p.Path, Truth: t, Proposed: grp, Majority: majority[grp]})
		}
	}
	sort.Slice(s.Misplaced, func(i, j int) bool { return s.Misplaced[i].Package < s.Misplaced[j].Package })
	return s
}
