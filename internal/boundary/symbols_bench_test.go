package boundary

import (
	"context"
	"os"
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// BenchmarkProposeLevels measures the stages after loading on the module
// in $DECOMPOSE_BENCH_DIR (skipped without it), with $DECOMPOSE_BENCH_TESTS
// set to include test files:
//
//	DECOMPOSE_BENCH_DIR=~/src/woodpecker go test ./internal/boundary -run '^$' -bench ProposeLevels -benchtime 3x
//
// "cluster" is the symbol graph's community detection alone, the part
// that grows fastest with the number of symbols.
func BenchmarkProposeLevels(b *testing.B) {
	dir := os.Getenv("DECOMPOSE_BENCH_DIR")
	if dir == "" {
		b.Skip("DECOMPOSE_BENCH_DIR not set")
	}
	g, err := analyze.Load(context.Background(), analyze.Config{Dir: dir, Types: true, Tests: os.Getenv("DECOMPOSE_BENCH_TESTS") != ""})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d packages, %d symbols, %d symbol edges", len(g.Packages), len(g.Symbols), len(g.SymEdges))
	for _, level := range []string{"package", "symbol"} {
		b.Run(level, func(b *testing.B) {
			for b.Loop() {
				if _, err := Propose(g, Options{Level: level}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("cluster", func(b *testing.B) {
		pm, err := Propose(g, Options{})
		if err != nil {
			b.Fatal(err)
		}
		sp := &symbolProposal{g: g, roles: make([]Role, len(g.Packages)), pkgBoundary: make([]int, len(g.Packages))}
		for i := range sp.pkgBoundary {
			sp.pkgBoundary[i] = -1
		}
		for bi, bd := range pm.Boundaries {
			for _, path := range bd.Packages {
				sp.pkgBoundary[g.Package(path).ID] = bi
			}
		}
		for _, s := range pm.Shared {
			sp.roles[g.Package(s.Package).ID] = RoleShared
		}
		for _, path := range pm.Entrypoints {
			sp.roles[g.Package(path).ID] = RoleEntrypoint
		}
		for b.Loop() {
			if _, err := sp.cluster(Options{}.Cluster); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("symbol graph: %d nodes, %d edges", sp.cg.Len(), sp.cg.NumEdges())
	})
}
