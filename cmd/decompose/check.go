package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/fsutil"
	"github.com/decompose-dev/decompose/internal/report"
)

// checkOptions are the flags of "decompose check".
type checkOptions struct {
	global         *globalOptions
	config         string
	baseline       string
	updateBaseline bool
	strict         bool
	format         string
}

func newCheckCmd(g *globalOptions) *cobra.Command {
	o := &checkOptions{global: g}
	c := &cobra.Command{
		Use:   "check [packages]",
		Short: "Check the code against the agreed boundaries in decompose.yaml",
		Long:  manual.section("Check"),
		Args:  cobra.ArbitraryArgs,
		RunE:  o.run,
	}
	f := c.Flags()
	f.StringVar(&o.config, "config", "", "the spec `FILE` (default: "+boundary.SpecFileName+" here or in the nearest parent directory)")
	f.StringVar(&o.baseline, "baseline", "", "the baseline `FILE` of accepted violations (default: "+boundary.BaselineFileName+" beside the spec)")
	f.BoolVar(&o.updateBaseline, "update-baseline", false, "record the current violations in the baseline, and exit 0")
	f.BoolVar(&o.strict, "strict", false, "also fail when baseline entries no longer occur")
	f.StringVar(&o.format, "format", "text", "output format: "+report.CheckFormatsHelp())
	return c
}

// validate rejects bad flag combinations before anything is loaded.
func (o *checkOptions) validate(args []string) error {
	if o.updateBaseline && len(args) > 0 {
		return usageError{fmt.Errorf("--update-baseline records the violations of the whole module; drop the package arguments")}
	}
	if o.updateBaseline && o.strict {
		return usageError{fmt.Errorf("--update-baseline and --strict do not go together: updating removes the stale entries")}
	}
	return nil
}

func (o *checkOptions) run(c *cobra.Command, args []string) error {
	if err := o.validate(args); err != nil {
		return err
	}
	dir, err := filepath.Abs(orDot(o.global.dir))
	if err != nil {
		return err
	}
	specPath, err := o.findSpec(dir)
	if err != nil {
		return err
	}
	spec, err := boundary.ReadSpec(specPath, displayPath(specPath))
	if err != nil {
		return specError(err)
	}
	baselinePath, explicit := filepath.Join(filepath.Dir(specPath), boundary.BaselineFileName), false
	if o.baseline != "" {
		baselinePath, explicit = joinDir(dir, o.baseline), true
	}
	var base *boundary.Baseline
	if !o.updateBaseline {
		// Read before loading: a broken baseline is found at once.
		base, err = readBaseline(baselinePath, explicit)
		if err != nil {
			return err
		}
	}
	renderer, err := o.renderer(dir)
	if err != nil {
		return err
	}

	// Load the whole module, whatever the arguments: an import is judged
	// by the package it reaches, loaded or not. Only the rules that need
	// it pay for type information.
	root := moduleRoot(dir)
	prog := newProgress(c)
	prog.say("loading packages")
	needTables := spec.NeedsTables()
	g, err := analyze.Load(c.Context(), analyze.Config{Dir: root, Patterns: []string{"./..."}, Types: needTables, Tables: needTables})
	prog.done()
	if err != nil {
		return err
	}
	reportProblems(c, g)

	var opts boundary.CheckOptions
	if len(args) > 0 {
		if opts.Only, err = boundary.CompilePatterns(args, importPathOf(g, dir)); err != nil {
			return usageError{err}
		}
	}
	res, err := boundary.Check(g, spec, opts)
	if err != nil {
		return specError(err)
	}
	res.SpecRel = moduleRel(g.Root, specPath)
	res.BaselineRel = moduleRel(g.Root, baselinePath)

	if o.updateBaseline {
		return o.writeBaseline(c, baselinePath, res)
	}
	if base != nil {
		base.Apply(res, len(args) > 0)
	}
	if err := renderer.RenderCheck(c.OutOrStdout(), res); err != nil {
		return err
	}
	if len(res.Violations) > 0 || (o.strict && len(res.Stale) > 0) {
		return errViolations
	}
	return nil
}

// renderer picks the output format: the one place that does.
func (o *checkOptions) renderer(dir string) (report.CheckRenderer, error) {
	opts := report.CheckOptions{Strict: o.strict, Version: version()}
	if o.format == "github" || o.format == "sarif" {
		// Both are read relative to the repository root.
		opts.PathPrefix = repoPrefix(moduleRoot(dir))
	}
	r, err := report.NewCheckRenderer(o.format, opts)
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	return r, nil
}

// findSpec returns --config, or the nearest decompose.yaml in dir or a
// parent directory (as golangci-lint finds its configuration).
func (o *checkOptions) findSpec(dir string) (string, error) {
	if o.config != "" {
		p := joinDir(dir, o.config)
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("--config %s: %w", o.config, errors.Unwrap(err))
		}
		return p, nil
	}
	for d := dir; ; {
		p := filepath.Join(d, boundary.SpecFileName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", fmt.Errorf("no %s in %s or any parent directory; write one with \"decompose propose --write %s\", or pass --config FILE",
		boundary.SpecFileName, displayPath(dir), boundary.SpecFileName)
}

// readBaseline reads the baseline; a missing default one is no baseline.
func readBaseline(path string, explicit bool) (*boundary.Baseline, error) {
	b, err := boundary.ReadBaseline(path, displayPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		if explicit {
			return nil, fmt.Errorf("--baseline %s: no such file (create it with --update-baseline)", displayPath(path))
		}
		return nil, nil
	}
	if err != nil {
		return nil, specError(err)
	}
	return b, nil
}

// writeBaseline records the violations, leaving the file alone when
// nothing changed.
func (o *checkOptions) writeBaseline(c *cobra.Command, path string, res *boundary.CheckResult) error {
	b := boundary.NewBaseline(res.Violations)
	data := b.Format()
	name := displayPath(path)
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		fmt.Fprintf(c.ErrOrStderr(), "decompose: %s is up to date (%s)\n", name, plural(len(res.Violations), "accepted violation"))
		return nil
	}
	if err := fsutil.WriteFile(path, data, 0o644, true); err != nil {
		return err
	}
	fmt.Fprintf(c.ErrOrStderr(), "decompose: wrote %s: %s in %s; commit it with the change\n",
		name, plural(len(res.Violations), "accepted violation"), plural(len(b.Entries), "entry"))
	return nil
}

// specError passes a spec error through with each issue on its own line
// (the file:line:col form editors jump to), the first few of many.
func specError(err error) error {
	var se *boundary.SpecError
	if !errors.As(err, &se) || len(se.Issues) == 1 {
		return err
	}
	const max = 20
	lines := make([]string, 0, max+1)
	for i, is := range se.Issues {
		if i == max {
			lines = append(lines, fmt.Sprintf("… and %d more", len(se.Issues)-max))
			break
		}
		lines = append(lines, is.String())
	}
	return fmt.Errorf("%d problems in the spec:\n%s", len(se.Issues), strings.Join(lines, "\n"))
}

// moduleRoot is the directory of the go.mod governing dir, or dir itself
// when there is none (the loader then says so).
func moduleRoot(dir string) string {
	for d := dir; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// repoPrefix is the module root's directory relative to the enclosing
// repository (the nearest directory with a .git), slash-separated; "" at
// the repository root or outside a repository.
func repoPrefix(root string) string {
	for d := root; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			rel, err := filepath.Rel(d, root)
			if err != nil || rel == "." {
				return ""
			}
			return filepath.ToSlash(rel)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// importPathOf is the import path of a directory of the loaded module,
// the base of relative package arguments.
func importPathOf(g *analyze.Graph, dir string) string {
	rel, err := filepath.Rel(g.Root, dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return g.Module
	}
	return g.Module + "/" + filepath.ToSlash(rel)
}

// moduleRel is a path relative to the module root, slash-separated.
func moduleRel(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

// displayPath names a file as the user would from the current directory.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") {
		return p
	}
	return rel
}

func joinDir(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func orDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

func plural(n int, what string) string {
	switch {
	case n == 1:
		return "1 " + what
	case strings.HasSuffix(what, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(what, "y"))
	}
	return fmt.Sprintf("%d %ss", n, what)
}
