package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/fsutil"
	"github.com/decompose-dev/decompose/internal/report"
)

// graphOptions are the flags of "decompose graph".
type graphOptions struct {
	global *globalOptions
	level  string
	format string
	output string
	force  bool
	focus  string
	config string
	shaping
	data  dataFlags      // --tables, --dialect, --verbose
	flags *pflag.FlagSet // to tell flags given from defaults
}

// graphLevels are the units a graph can be drawn at.
var graphLevels = []string{"package", "symbol", "boundary"}

// maxReadableNodes is where a drawn graph stops being readable: past it
// the user is told how to draw less.
const maxReadableNodes = 400

func newGraphCmd(g *globalOptions) *cobra.Command {
	o := &graphOptions{global: g}
	c := &cobra.Command{
		Use:   "graph [packages]",
		Short: "Export the graph of packages, symbols or boundaries as DOT, Mermaid or JSON",
		Long:  manual.section("Graph"),
		Args:  cobra.ArbitraryArgs,
		RunE:  o.run,
	}
	f := c.Flags()
	f.StringVar(&o.level, "level", "package", "nodes: "+strings.Join(graphLevels, ", ")+" (a whole boundary each)")
	f.StringVar(&o.format, "format", "dot", "output format: "+report.GraphFormatsHelp())
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	f.BoolVar(&o.force, "force", false, "let -o replace an existing file")
	f.StringVar(&o.focus, "focus", "", "draw one `BOUNDARY` and its direct neighbours")
	f.StringVar(&o.config, "config", "", "colour by the contexts of this decompose.yaml `FILE` instead of a proposal")
	o.shaping.addFlags(f)
	o.data.addFlags(f, true)
	o.flags = f
	return c
}

// validate rejects bad flag combinations before anything is loaded.
func (o *graphOptions) validate() (report.GraphRenderer, error) {
	if !slices.Contains(graphLevels, o.level) {
		return nil, usageError{fmt.Errorf("--level %q: want %s", o.level, strings.Join(graphLevels, ", "))}
	}
	if err := o.shaping.validate(); err != nil {
		return nil, err
	}
	if err := o.data.validate(); err != nil {
		return nil, err
	}
	if o.level == "symbol" && o.config == "" && o.shaping.algorithm == "louvain" {
		return nil, usageError{fmt.Errorf("--level symbol needs --algorithm leiden (the symbol-level proposal keeps the package-level boundaries fixed, which Louvain cannot)")}
	}
	if o.config != "" {
		for _, name := range shapingFlags {
			if o.flags.Changed(name) {
				return nil, usageError{fmt.Errorf("--%s shapes a proposal; with --config the boundaries are the spec's contexts", name)}
			}
		}
	}
	r, err := report.NewGraphRenderer(o.format)
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	if o.force && o.output == "" {
		return nil, usageError{errors.New("--force needs -o FILE")}
	}
	if o.output != "" && !o.force {
		if _, err := os.Stat(o.outputPath()); err == nil {
			return nil, usageError{fmt.Errorf("-o %s: file exists; add --force to replace it", o.output)}
		}
	}
	return r, nil
}

// outputPath is where -o writes: relative paths are relative to -C DIR,
// as everything else.
func (o *graphOptions) outputPath() string { return joinDir(orDot(o.global.dir), o.output) }

func (o *graphOptions) run(c *cobra.Command, args []string) error {
	renderer, err := o.validate()
	if err != nil {
		return err
	}
	// Read before loading: a broken spec is found at once.
	spec, err := readSpecFlag(o.global.dir, "--config", o.config)
	if err != nil {
		return err
	}
	g, err := loadForProposal(c, o.global, args, o.tests, &o.data)
	if err != nil {
		return err
	}
	m, source, err := o.model(c, g, spec)
	if err != nil {
		return err
	}
	v, err := boundary.NewView(g, m, boundary.ViewOptions{Level: o.level, Focus: o.focus, Source: source})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := renderer.RenderGraph(&buf, v); err != nil {
		return err
	}
	o.warnSize(c.ErrOrStderr(), v, buf.Len())
	return o.write(c, buf.Bytes())
}

// model is what the graph is coloured by, the spec's contexts or a
// proposal, and its name for the caption.
func (o *graphOptions) model(c *cobra.Command, g *analyze.Graph, spec *boundary.Spec) (*boundary.Model, string, error) {
	if spec == nil {
		prog := newProgress(c)
		prog.say("clustering")
		defer prog.done()
		m, err := o.proposal(g)
		return m, "", err
	}
	m, unplaced, err := boundary.SpecModel(g, spec)
	if err != nil {
		return nil, "", specError(err)
	}
	if len(unplaced) > 0 {
		const show = 5
		list := strings.Join(unplaced[:min(show, len(unplaced))], ", ")
		if len(unplaced) > show {
			list += fmt.Sprintf(" and %d more", len(unplaced)-show)
		}
		fmt.Fprintf(c.ErrOrStderr(), "decompose: %d package(s) in no context of %s are not drawn: %s\n",
			len(unplaced), spec.File, list)
	}
	return m, spec.File, nil
}

// write puts the graph on stdout, or atomically in the -o file.
func (o *graphOptions) write(c *cobra.Command, data []byte) error {
	if o.output == "" {
		_, err := c.OutOrStdout().Write(data)
		return err
	}
	err := fsutil.WriteFile(o.outputPath(), data, 0o644, o.force)
	if errors.Is(err, fsutil.ErrExists) {
		return fmt.Errorf("-o %s: file exists; add --force to replace it", o.output)
	}
	if err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	return nil
}

// proposal is the Model the graph is coloured by: a symbol-level
// proposal for the symbol graph, so that a god package's symbols are
// drawn in the boundaries they go to.
func (o *graphOptions) proposal(g *analyze.Graph) (*boundary.Model, error) {
	level := "package"
	if o.level == "symbol" {
		level = "symbol"
	}
	opts, err := o.shaping.options(g, level)
	if err != nil {
		return nil, err
	}
	return boundary.Propose(g, opts)
}

// warnSize says on stderr when the graph is too big to be read once drawn
// (or, for Mermaid, to be drawn at all), and what to draw instead.
func (o *graphOptions) warnSize(w io.Writer, v *boundary.View, size int) {
	var advice []string
	if o.focus == "" && len(v.Groups) > 1 {
		advice = append(advice, "--focus BOUNDARY (one of "+boundaryList(v)+")")
	}
	switch o.level {
	case "symbol":
		advice = append(advice, "--level package", "--level boundary")
	case "package":
		advice = append(advice, "--level boundary")
	}
	if o.format != "json" && len(v.Nodes) > maxReadableNodes {
		fmt.Fprintf(w, "decompose: the graph has %d nodes and %d edges; past %d nodes a drawing is hard to read.\n",
			len(v.Nodes), len(v.Edges), maxReadableNodes)
		if len(advice) > 0 {
			fmt.Fprintf(w, "  Draw less with %s.\n", strings.Join(advice, ", or "))
		}
	}
	if o.format == "mermaid" && (size > report.MermaidMaxTextSize || len(v.Edges) > report.MermaidMaxEdges) {
		fmt.Fprintf(w, "decompose: the Mermaid diagram has %d characters and %d edges; Mermaid (and GitHub) draw at most %d characters and %d edges.\n",
			size, len(v.Edges), report.MermaidMaxTextSize, report.MermaidMaxEdges)
		if len(advice) > 0 {
			fmt.Fprintf(w, "  Draw less with %s, or use --format dot.\n", strings.Join(advice, ", or "))
		}
	}
}

// boundaryList names the view's boundaries, the first few of them.
func boundaryList(v *boundary.View) string {
	var names []string
	for _, gr := range v.Groups {
		if gr.Role == boundary.ViewService {
			names = append(names, gr.Name)
		}
	}
	const show = 8
	if len(names) > show {
		return fmt.Sprintf("%s, … %d more", strings.Join(names[:show], ", "), len(names)-show)
	}
	return strings.Join(names, ", ")
}
