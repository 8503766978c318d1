package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// scoreOptions are the flags of "decompose score".
type scoreOptions struct {
	global *globalOptions
	truth  string
	format string
	shaping
	data dataFlags // --tables, --dialect, --verbose
}

func newScoreCmd(g *globalOptions) *cobra.Command {
	o := &scoreOptions{global: g}
	c := &cobra.Command{
		Use:   "score --truth FILE [packages]",
		Short: "Compare a proposal with a ground truth (MoJoFM, adjusted Rand index)",
		Long:  manual.section("Score"),
		Args:  cobra.ArbitraryArgs,
		RunE:  o.run,
	}
	f := c.Flags()
	f.StringVar(&o.truth, "truth", "", "the ground truth: one `FILE` line \"import/path<TAB>label\" per package")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	o.shaping.addFlags(f)
	o.data.addFlags(f, true)
	return c
}

// scoreResult is the decompose.score/v1 JSON.
type scoreResult struct {
	Schema     string          `json:"schema"`
	Module     string          `json:"module"`
	Units      int             `json:"units"`
	MoJoFM     float64         `json:"mojofm"`
	MoJo       int             `json:"mojo"`
	ARI        float64         `json:"ari"`
	Misplaced  []scoreMisplace `json:"misplaced"`
	Unlabelled []string        `json:"unlabelled"`
}

type scoreMisplace struct {
	Package  string `json:"package"`
	Truth    string `json:"truth"`
	Proposed string `json:"proposed"`
	// Expected is the truth label most of the proposed group carries.
	Expected string `json:"group_majority"`
}

func (o *scoreOptions) run(c *cobra.Command, args []string) error {
	if o.truth == "" {
		return usageError{fmt.Errorf("--truth FILE is required")}
	}
	if o.format != "text" && o.format != "json" {
		return usageError{fmt.Errorf("--format: unknown format %q (want text or json)", o.format)}
	}
	if err := o.shaping.validate(); err != nil {
		return err
	}
	if err := o.data.validate(); err != nil {
		return err
	}
	path := joinDir(orDot(o.global.dir), o.truth)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--truth %s: %w", o.truth, unwrapPathError(err))
	}
	truth, err := cluster.ReadTruth(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.ToSlash(o.truth), err)
	}
	g, err := loadForProposal(c, o.global, args, o.tests, &o.data)
	if err != nil {
		return err
	}
	opts, err := o.shaping.options(g, "package")
	if err != nil {
		return err
	}
	m, err := boundary.Propose(g, opts)
	if err != nil {
		return err
	}
	res := score(g, m, truth)
	w := c.OutOrStdout()
	if o.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(w, "MoJoFM %.1f  ARI %.3f  MoJo %d  over %d packages\n", res.MoJoFM, res.ARI, res.MoJo, res.Units)
	if len(res.Misplaced) > 0 {
		fmt.Fprintf(w, "\n%d packages sit in a group whose packages are mostly labelled otherwise:\n", len(res.Misplaced))
		for _, mp := range res.Misplaced {
			fmt.Fprintf(w, "  %s\ttruth %s, proposed with %s (%s)\n", mp.Package, mp.Truth, mp.Expected, mp.Proposed)
		}
	}
	if len(res.Unlabelled) > 0 {
		fmt.Fprintf(w, "\n%d packages are not in the truth file (not scored):\n", len(res.Unlabelled))
		for _, p := range res.Unlabelled {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	return nil
}

// score compares the proposal's placement of each package (a boundary,
// "shared" or "entrypoint") with the truth.
func score(g *analyze.Graph, m *boundary.Model, truth map[string]string) scoreResult {
	proposed := map[string]string{}
	for _, b := range m.Boundaries {
		for _, p := range b.Packages {
			proposed[p] = "boundary " + b.Name
		}
	}
	for _, s := range m.Shared {
		proposed[s.Package] = "shared"
	}
	for _, e := range m.Entrypoints {
		proposed[e] = "entrypoint"
	}
	cmp := cluster.Compare(proposed, truth)
	res := scoreResult{Schema: "decompose.score/v1", Module: g.Module, Units: cmp.Units,
		MoJoFM: roundTo(cmp.MoJoFM, 2), MoJo: cmp.MoJo, ARI: roundTo(cmp.ARI, 4),
		Misplaced: []scoreMisplace{}, Unlabelled: []string{}}
	// Each proposed group's majority truth label; a package labelled
	// otherwise is misplaced.
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
			res.Unlabelled = append(res.Unlabelled, p.Path)
			continue
		}
		if grp := proposed[p.Path]; majority[grp] != t {
			res.Misplaced = append(res.Misplaced, scoreMisplace{Package: p.Path, Truth: t, Proposed: grp, Expected: majority[grp]})
		}
	}
	sort.Slice(res.Misplaced, func(i, j int) bool { return res.Misplaced[i].Package < res.Misplaced[j].Package })
	return res
}

func roundTo(x float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	if x < 0 {
		return -roundTo(-x, digits)
	}
	return float64(int64(x*p+0.5)) / p
}

// unwrapPathError drops the path from an *os.PathError, which the message
// already names.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s", strings.TrimPrefix(pe.Err.Error(), "open "))
	}
	return err
}
