package boundary

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/decompose-dev/decompose/internal/analyze"
)

func TestZZPhases(t *testing.T) {
	dir := os.Getenv("ZZDIR")
	if dir == "" {
		t.Skip()
	}
	t0 := time.Now()
	g, err := analyze.Load(context.Background(), analyze.Config{Dir: dir, Types: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(t0))
	for i := 0; i < 3; i++ {
		t1 := time.Now()
		pm, _ := Propose(g, Options{})
		t.Logf("package propose %v", time.Since(t1))
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
		t2 := time.Now()
		part, _ := sp.cluster(Options{}.Cluster)
		t.Logf("symbol cluster %v (%d nodes, %d communities)", time.Since(t2), sp.cg.Len(), len(part.Communities))
		t3 := time.Now()
		Propose(g, Options{Level: "symbol"})
		t.Logf("symbol propose total %v", time.Since(t3))
	}
}
