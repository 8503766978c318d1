package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/fsutil"
)

// specWriter is "propose --write FILE [--force]": the proposal turned into
// a decompose.yaml the code passes today.
type specWriter struct {
	path  string
	force bool
}

func (w *specWriter) addFlags(f *pflag.FlagSet) {
	f.StringVar(&w.path, "write", "", "also write the proposal as a spec to `FILE` (decompose.yaml) for check")
	f.BoolVar(&w.force, "force", false, "with --write, overwrite an existing file")
}

// validate refuses, before anything is loaded, to overwrite a file or to
// write outside the module.
func (w *specWriter) validate(dir string, args []string) error {
	if w.path == "" {
		if w.force {
			return usageError{fmt.Errorf("--force goes with --write FILE")}
		}
		return nil
	}
	if len(args) > 1 || (len(args) == 1 && args[0] != "./...") {
		return usageError{fmt.Errorf("--write describes the whole module; drop the package arguments")}
	}
	p := joinDir(orDot(dir), w.path)
	if fi, err := os.Stat(p); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("--write %s: is a directory", w.path)
		}
		if !w.force {
			return fmt.Errorf("--write %s: the file exists; pass --force to overwrite it", displayPath(p))
		}
	}
	if fi, err := os.Stat(filepath.Dir(p)); err != nil || !fi.IsDir() {
		return fmt.Errorf("--write %s: no such directory %s", w.path, displayPath(filepath.Dir(p)))
	}
	// A spec's package patterns are relative to its own directory, so it
	// must sit inside the module; said before the module is analysed.
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	absDir, err := filepath.Abs(orDot(dir))
	if err != nil {
		return err
	}
	root := moduleRoot(absDir)
	if rel, err := filepath.Rel(root, filepath.Dir(abs)); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("--write %s: outside the module rooted at %s; a spec's package patterns are relative to its own directory, so write it inside the module",
			w.path, displayPath(root))
	}
	return nil
}

// write turns the proposal into a spec, makes sure the code passes it,
// and writes it atomically.
func (w *specWriter) write(c *cobra.Command, dir string, g *analyze.Graph, m *boundary.Model) error {
	if w.path == "" {
		return nil
	}
	p, err := filepath.Abs(joinDir(orDot(dir), w.path))
	if err != nil {
		return err
	}
	spec, err := boundary.SpecFromModel(g, m, filepath.Dir(p))
	if err != nil {
		return err
	}
	data := spec.Format(g.Module)
	// The promise is a spec the code passes today: hold the written text
	// to it before it reaches the disk.
	back, err := boundary.ParseSpec(displayPath(p), data)
	if err != nil {
		return fmt.Errorf("internal error: the spec written for the proposal does not parse: %w", err)
	}
	back.Dir = filepath.Dir(p)
	res, err := boundary.Check(g, back, boundary.CheckOptions{})
	if err != nil {
		return fmt.Errorf("internal error: the spec written for the proposal is invalid: %w", err)
	}
	if n := len(res.Violations); n > 0 {
		return fmt.Errorf("internal error: the code breaks the spec written for the proposal %d times (first: %s:%d %s)",
			n, res.Violations[0].File, res.Violations[0].Line, res.Violations[0].Message)
	}
	if err := fsutil.WriteFile(p, data, 0o644, w.force); err != nil {
		if errors.Is(err, fsutil.ErrExists) {
			return fmt.Errorf("--write %s: the file exists; pass --force to overwrite it", displayPath(p))
		}
		return err
	}
	fmt.Fprintf(c.ErrOrStderr(), "decompose: wrote %s (%s); edit it to agree on the cut, commit it, and run \"decompose check\" in CI\n",
		displayPath(p), plural(len(spec.Contexts), "context"))
	return nil
}
