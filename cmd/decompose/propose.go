package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/report"
)

// proposeOptions are the flags of "decompose propose".
type proposeOptions struct {
	global *globalOptions
	level  string
	format string
	shaping
	write  specWriter // --write, --force
	data   dataFlags  // --tables, --dialect, --verbose
	config string     // --config: an agreed spec to refine
}

// shaping are the flags that shape a proposal, shared by every command
// that makes one (propose, graph): bound, checked and turned into
// boundary.Options in one place.
type shaping struct {
	resolution    resolutionFlag
	seed          uint64
	algorithm     string
	tests         bool
	shared        []string
	services      int
	runs          int
	minConfidence float64
}

// shapingFlags names the flags of shaping, for commands that reject them
// in some combinations.
var shapingFlags = []string{"resolution", "seed", "algorithm", "shared", "services", "runs", "min-confidence"}

func (s *shaping) addFlags(f *pflag.FlagSet) {
	f.Var(&s.resolution, "resolution", "clustering resolution: higher gives more, smaller boundaries; \"auto\" chooses the lowest stable one from 1 up")
	f.Uint64Var(&s.seed, "seed", 1, "random seed; the same seed gives the same output")
	f.StringVar(&s.algorithm, "algorithm", "leiden", "community detection: leiden or louvain")
	f.BoolVar(&s.tests, "tests", false, "include _test.go files")
	f.StringSliceVar(&s.shared, "shared", nil, "`PATTERN`s of shared-kernel packages, replacing the automatic rule (\"none\": no shared kernel)")
	f.IntVar(&s.services, "services", 0, "search the resolution that gives `N` boundaries (instead of --resolution)")
	f.IntVar(&s.runs, "runs", 1, "cluster `K` times with seeds seed..seed+K-1, keep the best, and flag undecided packages (at least 8 with --resolution auto)")
	f.Float64Var(&s.minConfidence, "min-confidence", boundary.DefaultMinConfidence, "with --runs, packages placed consistently in less than this share of runs are undecided")
}

// resolutionFlag is --resolution: a positive number, or "auto" (stored as
// 0, the default) to let the clusterer choose (cluster/auto.go).
type resolutionFlag float64

func (r *resolutionFlag) String() string {
	if *r == 0 {
		return "auto"
	}
	return strconv.FormatFloat(float64(*r), 'g', -1, 64)
}

func (r *resolutionFlag) Set(s string) error {
	if s == "auto" {
		*r = 0
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("want auto or a positive number")
	}
	*r = resolutionFlag(v)
	return nil
}

func (r *resolutionFlag) Type() string { return "auto|number" }

// validate rejects bad values before anything is loaded.
func (s *shaping) validate() error {
	if !slices.Contains([]string{"leiden", "louvain"}, s.algorithm) {
		return usageError{fmt.Errorf("--algorithm %q: want leiden or louvain", s.algorithm)}
	}
	if s.services < 0 {
		return usageError{fmt.Errorf("--services must be positive, got %d", s.services)}
	}
	if s.runs < 1 || s.runs > 1000 {
		return usageError{fmt.Errorf("--runs must be between 1 and 1000, got %d", s.runs)}
	}
	if s.minConfidence < 0 || s.minConfidence > 1 {
		return usageError{fmt.Errorf("--min-confidence must be between 0 and 1, got %g", s.minConfidence)}
	}
	return nil
}

// options are the proposal options for the loaded graph; --shared
// patterns are relative to the module root.
func (s *shaping) options(g *analyze.Graph, level string) (boundary.Options, error) {
	var shared boundary.Patterns
	if s.shared != nil {
		shared = boundary.Patterns{}
		if !(len(s.shared) == 1 && s.shared[0] == "none") {
			var err error
			if shared, err = boundary.CompilePatterns(s.shared, g.Module); err != nil {
				return boundary.Options{}, usageError{fmt.Errorf("--shared: %w", err)}
			}
		}
	}
	return boundary.Options{
		Level:         level,
		Shared:        shared,
		MinConfidence: s.minConfidence,
		Cluster: cluster.Options{Algorithm: s.algorithm, Resolution: float64(s.resolution), Seed: s.seed,
			Services: s.services, Runs: s.runs, AutoResolution: s.resolution == 0 && s.services == 0},
	}, nil
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
	o.shaping.addFlags(f)
	f.StringVar(&o.config, "config", "", "refine the agreed spec in `FILE` (decompose.yaml): its packages keep their contexts, only the rest is placed")
	o.write.addFlags(f)
	o.data.addFlags(f, true)
}

// validate rejects bad flag combinations before anything is loaded.
func (o *proposeOptions) validate() (report.ProposalRenderer, error) {
	if !slices.Contains([]string{"package", "symbol"}, o.level) {
		return nil, usageError{fmt.Errorf("--level %q: want package or symbol", o.level)}
	}
	if err := o.shaping.validate(); err != nil {
		return nil, err
	}
	if o.level == "symbol" && o.shaping.algorithm == "louvain" {
		return nil, usageError{fmt.Errorf("--level symbol needs --algorithm leiden (it keeps the package-level boundaries fixed, which Louvain cannot)")}
	}
	if err := o.data.validate(); err != nil {
		return nil, err
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
	if err := o.write.validate(o.global.dir, args); err != nil {
		return err
	}
	spec, err := readSpecFlag(o.global.dir, "--config", o.config)
	if err != nil {
		return err
	}
	if spec != nil && o.shaping.algorithm == "louvain" {
		return usageError{fmt.Errorf("--config needs --algorithm leiden (Louvain cannot keep packages fixed)")}
	}
	g, err := loadForProposal(c, o.global, args, o.tests, &o.data)
	if err != nil {
		return err
	}
	opts, err := o.shaping.options(g, o.level)
	if err != nil {
		return err
	}
	opts.Spec = spec
	prog := newProgress(c)
	prog.say("clustering")
	m, err := boundary.Propose(g, opts)
	prog.done()
	if err != nil {
		return err
	}
	if err := o.write.write(c, o.global.dir, g, m); err != nil {
		return err
	}
	return renderer.RenderProposal(c.OutOrStdout(), m)
}

// loadForProposal loads what a proposal needs, the same for every command
// that makes one (so the same flags give the same boundaries): types and,
// unless --tables=false, the table accesses, which weigh in the
// clustering. Load problems go to stderr.
func loadForProposal(c *cobra.Command, global *globalOptions, args []string, tests bool, data *dataFlags) (*analyze.Graph, error) {
	prog := newProgress(c)
	prog.say("loading packages")
	g, err := analyze.Load(c.Context(), analyze.Config{Dir: global.dir, Patterns: args, Tests: tests, Types: true,
		Tables: data.tables, Dialect: data.parsed})
	prog.done()
	if err != nil {
		return nil, err
	}
	reportProblems(c, g)
	data.reportUnresolved(c, g)
	return g, nil
}
