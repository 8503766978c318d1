package cluster

import "math"

// The automatic resolution (Options.AutoResolution).
//
// Modularity at γ = 1 has a resolution limit (Fortunato and Barthélemy,
// PNAS 2007): two communities smaller than about √(2m) in edge weight are
// merged even when they barely touch, so a codebase's small contexts get
// folded into their neighbours, the more so the larger the codebase. No
// single γ fits every codebase, so the clusterer looks for the coarsest
// partition that the data supports firmly, in the spirit of the replica
// method of Ronhovde and Nussinov (Phys. Rev. E 2009): it scans γ upward
// from 1 in steps of 10 %, clusters AutoRuns times with different seeds
// at each step, and keeps the first γ whose partition is
//
//   - reproducible: the seeds agree (mean adjusted Rand index of the best
//     run against the others), and
//   - persistent: the next step, 10 % higher, gives the same partition
//     (adjusted Rand index of the two best runs);
//
// that is, whose stability, the product of the two, is at least
// AutoStable. A partition that the seeds disagree on, or that a slightly
// higher resolution breaks up, sits on a knife edge between two readings
// of the code; the first firm one above it is the proposal. The scan stops
// below γ = 2 (autoSteps): when nothing up to there is firm, the code has
// no clear finer structure and γ = 1, the standard modularity, is kept.
const (
	// AutoRuns is the number of seeds clustered at each step (more when
	// Options.Runs asks for more).
	AutoRuns = 8
	// AutoStable is the stability a step must reach to be chosen.
	AutoStable = 0.95
	autoGrowth = 1.1
	autoSteps  = 8 // γ = 1, 1.1, …, 1.1⁷ ≈ 1.95
)

// auto scans the resolution as described above. The partition returned
// has Auto set and, in Stability, the stability of the step chosen.
func (c *clusterer) auto() *Partition {
	if c.opts.Runs < AutoRuns {
		c.opts.Runs = AutoRuns
	}
	at := make([]*Partition, autoSteps+1)
	step := func(i int) *Partition {
		if at[i] == nil {
			// Rounded, so that reports read 1.21, not 1.2100000000000002.
			at[i] = c.stable(math.Round(math.Pow(autoGrowth, float64(i))*1e4)/1e4, 0)
		}
		return at[i]
	}
	chosen, stability := step(0), 0.0
	for i := range autoSteps {
		p := step(i)
		s := p.Agreement * adjustedRand(p.Of, step(i+1).Of)
		if i == 0 {
			stability = s // kept when no step is firm
		}
		if s >= AutoStable {
			chosen, stability = p, s
			break
		}
	}
	chosen.Auto = true
	chosen.Stability = stability
	chosen.Firm = stability >= AutoStable
	return chosen
}
