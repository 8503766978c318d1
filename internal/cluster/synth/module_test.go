package synth_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/cluster"
	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

func TestWriteModule(t *testing.T) {
	dir := t.TempDir()
	cfg := synth.ModuleConfig{Contexts: 3, Packages: 4, Kernel: 2, Lines: 6000, Noise: 0.2, Seed: 1}
	st, err := synth.WriteModule(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	if st.Packages != 3*4+2+1 || st.Lines < 4000 || st.Lines > 8000 {
		t.Errorf("stats %+v: want 15 packages and about 6000 lines", st)
	}
	if got := float64(st.CrossContext) / float64(st.CrossPackage); math.Abs(got-0.2) > 0.05 {
		t.Errorf("cross-context share of cross-package calls %.3f, want about 0.2", got)
	}

	truth := readTruth(t, filepath.Join(dir, synth.TruthFile))
	if len(truth) != 14 || truth["example.com/monolith/internal/orders/api"] != "orders" ||
		truth["example.com/monolith/internal/platform/log"] != "kernel" {
		t.Errorf("truth: %v", truth)
	}

	// Same seed, same bytes.
	dir2 := t.TempDir()
	if _, err := synth.WriteModule(dir2, cfg); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tree(t, dir), tree(t, dir2)); diff != "" {
		t.Errorf("same seed, different module:\n%s", diff)
	}

	// It compiles and vets.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// readTruth reads truth.tsv with the reader decompose score uses, so the
// format is checked both ways.
func readTruth(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := cluster.ReadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// tree maps every file under dir to its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
