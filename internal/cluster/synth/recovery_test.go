package synth_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

// TestModuleRecovery closes the loop without the analyzer: it parses a
// generated module, counts package-to-package calls (the selector calls
// through import aliases), leaves the kernel and cmd/ out as decompose
// does, clusters the packages and compares with truth.tsv.
func TestModuleRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and parses modules")
	}
	var table strings.Builder
	for _, noise := range []float64{0.1, 0.5, 0.7, 0.8, 0.9} {
		dir := t.TempDir()
		cfg := synth.ModuleConfig{Contexts: 8, Packages: 6, Lines: 20000, Noise: noise, Seed: 3}
		if _, err := synth.WriteModule(dir, cfg); err != nil {
			t.Fatal(err)
		}
		truth := readTruth(t, filepath.Join(dir, synth.TruthFile))
		pkgs, calls := packageCalls(t, dir, "example.com/monolith")
		index := map[string]int{}
		var names []string
		for _, p := range pkgs {
			if l, ok := truth[p]; ok && l != "kernel" {
				index[p] = len(names)
				names = append(names, p)
			}
		}
		g := cluster.NewGraph(len(names))
		for pair, n := range calls {
			u, uok := index[pair[0]]
			v, vok := index[pair[1]]
			if uok && vok {
				g.Add(u, v, float64(n))
			}
		}
		want := map[string]string{}
		for _, p := range names {
			want[p] = truth[p]
		}
		fmt.Fprintf(&table, "noise %.1f:", noise)
		for _, alg := range []string{"leiden", "louvain"} {
			p, err := cluster.Cluster(g, cluster.Options{Algorithm: alg, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for i, c := range p.Of {
				got[names[i]] = strconv.Itoa(c)
			}
			c := cluster.Compare(got, want)
			fmt.Fprintf(&table, "  %s MoJoFM %5.1f ARI %.3f (%d boundaries)", alg, c.MoJoFM, c.ARI, len(p.Communities))
			if alg == "leiden" && noise <= 0.5 && c.MoJoFM < 90 {
				t.Errorf("noise %.1f: Leiden MoJoFM %.1f on %d packages, want ≥ 90", noise, c.MoJoFM, len(names))
			}
		}
		table.WriteString("\n")
	}
	t.Log("package-level recovery on generated modules (8 contexts × 6 packages):\n" + table.String())
}

// packageCalls parses every .go file under dir and counts, per pair of
// import paths, the calls pkg.Func from one package into another.
func packageCalls(t *testing.T, dir, module string) ([]string, map[[2]string]int) {
	t.Helper()
	fset := token.NewFileSet()
	calls := map[[2]string]int{}
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		from := path.Join(module, filepath.ToSlash(rel))
		seen[from] = true
		alias := map[string]string{}
		for _, im := range f.Imports {
			target, _ := strconv.Unquote(im.Path.Value)
			alias[im.Name.Name] = target
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && alias[id.Name] != "" {
					calls[[2]string{from, alias[id.Name]}]++
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for p := range seen {
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	return pkgs, calls
}
