package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/report"
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

func (o *scoreOptions) run(c *cobra.Command, args []string) error {
	if o.truth == "" {
		return usageError{fmt.Errorf("--truth FILE is required")}
	}
	renderer, err := report.NewScoreRenderer(o.format)
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
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
	return renderer.RenderScore(c.OutOrStdout(), boundary.ScoreAgainst(g, m, truth))
}

// unwrapPathError drops the path from an *os.PathError, which the message
// already names.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
