package synth_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/decompose-dev/decompose/internal/cluster"
)

func TestDbgSymbols(t *testing.T) {
	dir := "/tmp/mono500k"
	truth := readTruth(t, filepath.Join(dir, "truth.tsv"))
	fset := token.NewFileSet()
	id := map[string]int{}
	var label []string
	node := func(pkg, name string) int {
		k := pkg + "." + name
		if i, ok := id[k]; ok {
			return i
		}
		id[k] = len(label)
		label = append(label, truth[pkg])
		return id[k]
	}
	type e struct{ a, b int }
	var edges []e
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, _ := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		pkg := path.Join("example.com/monolith", filepath.ToSlash(rel))
		alias := map[string]string{}
		for _, im := range f.Imports {
			tp, _ := strconv.Unquote(im.Path.Value)
			if im.Name != nil {
				alias[im.Name.Name] = tp
			}
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv != nil {
				continue
			}
			from := node(pkg, fd.Name.Name)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch fn := c.Fun.(type) {
				case *ast.Ident:
					edges = append(edges, e{from, node(pkg, fn.Name)})
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok && alias[x.Name] != "" {
						edges = append(edges, e{from, node(alias[x.Name], fn.Sel.Name)})
					}
				}
				return true
			})
		}
		return nil
	})
	keep := map[int]int{}
	var truthOf []string
	for i, l := range label {
		if l != "kernel" && l != "" {
			keep[i] = len(truthOf)
			truthOf = append(truthOf, l)
		}
	}
	g := cluster.NewGraph(len(truthOf))
	for _, x := range edges {
		a, aok := keep[x.a]
		b, bok := keep[x.b]
		if aok && bok {
			g.Add(a, b, 1)
		}
	}
	fmt.Println("graph", g.Len(), "nodes", g.NumEdges(), "edges")
	want := map[string]string{}
	for i, l := range truthOf {
		want[strconv.Itoa(i)] = l
	}
	for _, opts := range []cluster.Options{{}, {}, {}, {Algorithm: "louvain"}, {Services: 8, MinSize: 50}, {Runs: 4}} {
		t0 := time.Now()
		p, _ := cluster.Cluster(g, opts)
		d := time.Since(t0)
		got := map[string]string{}
		for i, c := range p.Of {
			got[strconv.Itoa(i)] = strconv.Itoa(c)
		}
		c := cluster.Compare(got, want)
		fmt.Printf("alg=%q services=%d runs=%d: %v, %d communities, Q %.4f, MoJoFM %.1f ARI %.3f disc %d\n", opts.Algorithm, opts.Services, opts.Runs, d, len(p.Communities), p.Modularity, c.MoJoFM, c.ARI, cluster.Disconnected(g, p))
	}
}
