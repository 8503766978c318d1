package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// graphCases are the views pinned by golden files, per fixture.
var graphCases = map[string][]boundary.ViewOptions{
	"mini": {
		{Level: "package"}, {Level: "symbol"}, {Level: "boundary"},
		{Level: "symbol", Focus: "orders"},
	},
	"shop": {
		{Level: "package"}, {Level: "symbol"}, {Level: "boundary"},
		{Level: "package", Focus: "payments"}, {Level: "symbol", Focus: "payments"},
		{Level: "boundary", Focus: "payments"},
	},
}

var graphExt = map[string]string{"dot": "dot", "mermaid": "mmd", "json": "json"}

// TestGraphs draws every level in every format for a small module and for
// the example monolith, compares the output with the golden files, and
// has Graphviz and Mermaid's parser accept it (when they are installed).
func TestGraphs(t *testing.T) {
	var dots, mermaids []string
	tooBig := map[string]bool{}
	out := t.TempDir()
	for _, fixture := range []string{"mini", "shop"} {
		g := loadGraphFixture(t, fixture)
		for _, opts := range graphCases[fixture] {
			m := propose(t, g, opts.Level)
			name := fixture + "-" + opts.Level
			if opts.Focus != "" {
				name += "-focus-" + opts.Focus
			}
			v, err := boundary.NewView(g, m, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, format := range GraphFormats {
				file := name + "." + graphExt[format]
				t.Run(file, func(t *testing.T) {
					got := renderGraph(t, format, v)
					if again := renderGraph(t, format, v); !bytes.Equal(got, again) {
						t.Fatal("two renderings differ")
					}
					golden(t, filepath.Join("testdata", "graph", file), got)
					if err := os.WriteFile(filepath.Join(out, file), got, 0o644); err != nil {
						t.Fatal(err)
					}
				})
				switch format {
				case "dot":
					dots = append(dots, filepath.Join(out, file))
				case "mermaid":
					mermaids = append(mermaids, filepath.Join(out, file))
					tooBig[filepath.Join(out, file)] = len(v.Edges) > MermaidMaxEdges
				}
			}
		}
	}
	t.Run("graphviz", func(t *testing.T) { checkGraphviz(t, dots) })
	t.Run("mermaid", func(t *testing.T) { checkMermaid(t, mermaids, tooBig) })
}

// TestGraphEdgeCases draws a view no real module gives: names that need
// escaping in every format or that are Mermaid keywords, boundaries that
// share tables, and a cycle.
func TestGraphEdgeCases(t *testing.T) {
	v := &boundary.View{
		Module: "example.com/odd", Level: "boundary", Source: "decompose.yaml",
		Groups: []boundary.ViewGroup{
			{Name: "end", Role: boundary.ViewService, Color: 0, Node: 0},
			{Name: `a&b "quoted" <x> #1`, Role: boundary.ViewService, Color: 1, Node: 1},
			{Name: "subgraph", Role: boundary.ViewService, Color: 13, Node: 2},
			{Name: boundary.SharedGroupName, Role: boundary.ViewShared, Color: -1, Node: 3},
		},
		Nodes: []boundary.ViewNode{
			{ID: "end", Label: "end", Detail: "1 package · 10 lines", Group: 0, Role: boundary.ViewService, Kind: "boundary"},
			{ID: `a&b "quoted" <x> #1`, Label: `a&b "quoted" <x> #1`, Detail: "2 packages · 20 lines", Group: 1, Role: boundary.ViewService, Kind: "boundary"},
			{ID: "subgraph", Label: "subgraph", Detail: "3 packages · 30 lines", Group: 2, Role: boundary.ViewService, Kind: "boundary"},
			{ID: "shared kernel", Label: "shared kernel", Detail: "1 package · 5 lines", Group: 3, Role: boundary.ViewShared, Kind: "shared"},
		},
		Edges: []boundary.ViewEdge{
			{From: 0, To: 1, Refs: 1200, Weight: 1300, Cycle: true},
			{From: 0, To: 1, Tables: []string{"accounts", "billing.invoices", "orders", "payments"}},
			{From: 0, To: 3, Refs: 7, Weight: 7},
			{From: 1, To: 0, Refs: 3, Weight: 3, Cycle: true},
			{From: 1, To: 2, Tables: []string{"ledger"}},
		},
	}
	out := t.TempDir()
	var dots, mermaids []string
	for _, format := range GraphFormats {
		file := "odd-boundary." + graphExt[format]
		got := renderGraph(t, format, v)
		golden(t, filepath.Join("testdata", "graph", file), got)
		path := filepath.Join(out, file)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		switch format {
		case "dot":
			dots = append(dots, path)
			s := string(got)
			for _, want := range []string{"style=dashed", "arrowhead=onormal", "constraint=false", `"  tables: accounts, billing.invoices, orders +1"`} {
				if !strings.Contains(s, want) {
					t.Errorf("DOT lacks %s", want)
				}
			}
		case "mermaid":
			mermaids = append(mermaids, path)
			s := string(got)
			if strings.Contains(s, `"quoted"`) || strings.Contains(s, "<x>") {
				t.Errorf("Mermaid label not escaped:\n%s", s)
			}
			if !strings.Contains(s, " -.->|") {
				t.Errorf("Mermaid lacks a dotted table link:\n%s", s)
			}
		}
	}
	t.Run("graphviz", func(t *testing.T) { checkGraphviz(t, dots) })
	t.Run("mermaid", func(t *testing.T) { checkMermaid(t, mermaids, nil) })
}

// mermaidID matches the start of every statement that declares or uses a
// node or subgraph ID.
var mermaidID = regexp.MustCompile(`(?m)^\s*(?:subgraph\s+)?([A-Za-z_][\w-]*)\b`)

// TestMermaidIDs checks that Mermaid output uses only generated IDs, so
// that no package or boundary name can be read as a keyword.
func TestMermaidIDs(t *testing.T) {
	g := loadGraphFixture(t, "mini")
	keywords := map[string]bool{"flowchart": true, "subgraph": true, "end": true, "classDef": true, "class": true, "style": true, "linkStyle": true, "title": true}
	for _, level := range []string{"package", "symbol", "boundary"} {
		v, err := boundary.NewView(g, propose(t, g, level), boundary.ViewOptions{Level: level})
		if err != nil {
			t.Fatal(err)
		}
		got := string(renderGraph(t, "mermaid", v))
		for _, match := range mermaidID.FindAllStringSubmatch(got, -1) {
			id := match[1]
			if !keywords[id] && !regexp.MustCompile(`^(n\d+|g\d+(p\d+)?)$`).MatchString(id) {
				t.Errorf("%s level: statement starts with %q, not a generated ID", level, id)
			}
		}
	}
}

func TestNewGraphRenderer(t *testing.T) {
	for _, f := range GraphFormats {
		if _, err := NewGraphRenderer(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	_, err := NewGraphRenderer("svg")
	if err == nil || !strings.Contains(err.Error(), "dot, mermaid or json") {
		t.Errorf("svg: got %v, want an error naming the formats", err)
	}
}

func renderGraph(t *testing.T, format string, v *boundary.View) []byte {
	t.Helper()
	r, err := NewGraphRenderer(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.RenderGraph(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with a golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

// needTool skips a test when a program is missing, except in CI, which
// installs it (.ci/run): there a missing tool is a failure.
func needTool(t *testing.T, name, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found; .ci/run installs it (%s)", name, why)
	}
	t.Skipf("%s not found; skipping (%s)", name, why)
}

// checkGraphviz has dot lay out and draw every file as SVG: it must exit
// 0 and warn about nothing.
func checkGraphviz(t *testing.T, files []string) {
	if _, err := exec.LookPath("dot"); err != nil {
		needTool(t, "dot", "apt-get install graphviz")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command("dot", "-Tsvg", "-o", os.DevNull, f)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Errorf("dot -Tsvg %s: %v\n%s", filepath.Base(f), err, stderr.String())
			}
		})
	}
}

// checkMermaid parses every file with Mermaid's own parser (see
// testdata/mermaid-check; CI runs "npm ci" there). Files with more edges
// than Mermaid draws must be turned down for that reason, which shows
// that the limit graph warns about is Mermaid's.
func checkMermaid(t *testing.T, files []string, tooBig map[string]bool) {
	dir, err := filepath.Abs(filepath.Join("testdata", "mermaid-check"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		needTool(t, "node", "Node.js 20 or later")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid")); err != nil {
		needTool(t, "the mermaid npm package", "npm ci in "+dir)
	}
	cmd := exec.Command("node", append([]string{"check.mjs"}, files...)...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	verdicts := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if f, ok := strings.CutPrefix(line, "ok "); ok {
			verdicts[f] = "ok"
		} else if rest, ok := strings.CutPrefix(line, "FAIL "); ok {
			f, msg, _ := strings.Cut(rest, ": ")
			verdicts[f] = msg
		}
	}
	for _, f := range files {
		got := verdicts[f]
		switch {
		case got == "":
			t.Errorf("%s: no verdict from check.mjs:\n%s", filepath.Base(f), out)
		case tooBig[f] && !strings.HasPrefix(got, "Edge limit exceeded"):
			t.Errorf("%s has more than %d edges, but Mermaid says %q", filepath.Base(f), MermaidMaxEdges, got)
		case !tooBig[f] && got != "ok":
			t.Errorf("Mermaid rejects %s: %s", filepath.Base(f), got)
		}
	}
}

// loadGraphFixture loads a module: the txtar archive
// testdata/graph/NAME.txtar, or the example monolith testdata/NAME at the
// repository root.
func loadGraphFixture(t *testing.T, name string) *analyze.Graph {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", name)
	if ar, err := txtar.ParseFile(filepath.Join("testdata", "graph", name+".txtar")); err == nil {
		fsys, err := txtar.FS(ar)
		if err != nil {
			t.Fatal(err)
		}
		dir = t.TempDir()
		if err := os.CopyFS(dir, fsys); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	g, err := analyze.Load(context.Background(), analyze.Config{Dir: dir, Types: true, Tables: true, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Errors) > 0 {
		t.Fatalf("%s: load errors: %v", name, g.Errors)
	}
	return g
}

// propose proposes boundaries as "decompose graph" does for a level, with
// the default flags: at symbol level for the symbol graph.
func propose(t *testing.T, g *analyze.Graph, level string) *boundary.Model {
	t.Helper()
	if level != "symbol" {
		level = "package"
	}
	m, err := boundary.Propose(g, boundary.Options{
		Level: level, MinConfidence: boundary.DefaultMinConfidence,
		Cluster: cluster.Options{Algorithm: "leiden", Resolution: 1, Seed: 1, Runs: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
