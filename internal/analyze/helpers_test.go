package analyze

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// loadTxtar writes an archive's files, except the sections named in skip,
// into a temporary module and loads it with cfg (offline).
func loadTxtar(t *testing.T, ar *txtar.Archive, cfg Config, skip ...string) *Graph {
	t.Helper()
	dir := t.TempDir()
files:
	for _, f := range ar.Files {
		for _, s := range skip {
			if f.Name == s {
				continue files
			}
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg.Dir = dir
	cfg.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	g, err := Load(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Errors) > 0 {
		t.Fatalf("load errors: %v", g.Errors)
	}
	return g
}
