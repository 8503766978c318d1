package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/report"
)

// proposeOptions are the flags of "decompose propose".
type proposeOptions struct {
	global     *globalOptions
	level      string
	format     string
	resolution float64
	seed       uint64
	algorithm  string
	tests      bool
	shared     []string
}

func newProposeCmd(g *globalOptions) *cobra.Command {
	o := &proposeOptions{global: g}
	c := &cobra.Command{
		Use:   "propose [packages]",
		Short: "Propose service boundaries (the default command)",
		Long:  manual.section("Propose"),
		Args:  cobra.ArbitraryArgs,
		RunE:  o.run,
	}
	o.addFlags(c)
	return c
}

func (o *proposeOptions) addFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.level, "level", "package", "units to cluster: package or symbol")
	f.StringVar(&o.format, "format", "text", "output format: "+report.ProposalFormatsHelp())
	f.Float64Var(&o.resolution, "resolution", 1, "clustering resolution: higher gives more, smaller boundaries")
	f.Uint64Var(&o.seed, "seed", 1, "random seed; the same seed gives the same output")
	f.StringVar(&o.algorithm, "algorithm", "leiden", "community detection: leiden or louvain")
	f.BoolVar(&o.tests, "tests", false, "include _test.go files")
	f.StringSliceVar(&o.shared, "shared", nil, "`PATTERN`s of shared-kernel packages, replacing the automatic rule (\"none\": no shared kernel)")
}

// validate rejects bad flag combinations before anything is loaded.
func (o *proposeOptions) validate() (report.ProposalRenderer, error) {
	if !slices.Contains([]string{"package"}, o.level) {
		return nil, usageError{fmt.Errorf("--level %q: want package", o.level)}
	}
	if o.resolution <= 0 {
		return nil, usageError{fmt.Errorf("--resolution must be positive, got %g", o.resolution)}
	}
	if !slices.Contains([]string{"leiden", "louvain"}, o.algorithm) {
		return nil, usageError{fmt.Errorf("--algorithm %q: want leiden or louvain", o.algorithm)}
	}
	r, err := report.NewProposalRenderer(o.format)
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	return r, nil
}

func (o *proposeOptions) run(c *cobra.Command, args []string) error {
	renderer, err := o.validate()
	if err != nil {
		return err
	}
	prog := newProgress(c)
	prog.say("loading packages")
	g, err := analyze.Load(c.Context(), analyze.Config{Dir: o.global.dir, Patterns: args, Tests: o.tests, Types: true})
	prog.done()
	if err != nil {
		return err
	}
	reportProblems(c, g)
	var shared boundary.Patterns
	if o.shared != nil {
		shared = boundary.Patterns{}
		if !(len(o.shared) == 1 && o.shared[0] == "none") {
			// Relative patterns are relative to the module root.
			if shared, err = boundary.CompilePatterns(o.shared, g.Module); err != nil {
				return usageError{fmt.Errorf("--shared: %w", err)}
			}
		}
	}
	prog.say("clustering")
	m, err := boundary.Propose(g, boundary.Options{
		Level:   o.level,
		Shared:  shared,
		Cluster: cluster.Options{Algorithm: o.algorithm, Resolution: o.resolution, Seed: o.seed},
	})
	prog.done()
	if err != nil {
		return err
	}
	return renderer.RenderProposal(c.OutOrStdout(), m)
}
