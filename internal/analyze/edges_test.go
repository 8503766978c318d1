package analyze

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// loadArchive writes a txtar archive's files (all but the "want" section)
// into a temporary module and loads it with types.
func loadArchive(t *testing.T, name string) (*Graph, string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var want string
	for _, f := range ar.Files {
		if f.Name == "want" {
			want = string(f.Data)
		}
	}
	return loadTxtar(t, ar, Config{Types: true}, "want"), want
}

// shortName is a symbol's name relative to the module.
func shortName(g *Graph, id SymID) string {
	return strings.TrimPrefix(g.SymbolName(id), g.Module+"/")
}

func kindNames(k EdgeKind) string {
	var parts []string
	for _, n := range []struct {
		k    EdgeKind
		name string
	}{{RefCall, "call"}, {RefType, "type"}, {RefValue, "value"}, {RefField, "field"}, {RefEmbed, "embed"}, {RefImplement, "implement"}} {
		if k&n.k != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "|")
}

// TestEdgeKinds loads a module with one example of every reference kind
// and compares the symbol edges between packages a and b with the want
// section.
func TestEdgeKinds(t *testing.T) {
	t.Parallel()
	g, want := loadArchive(t, "edges.txtar")
	var got []string
	for _, e := range g.SymEdges {
		from, to := shortName(g, SymID(e.From)), shortName(g, SymID(e.To))
		if !strings.HasPrefix(from, "b.") && !(from == "a.Reader") {
			continue // a's own plumbing is not the point here
		}
		got = append(got, fmt.Sprintf("%s -> %s %s", from, to, kindNames(e.Kinds)))
	}
	if diff := cmp.Diff(strings.Split(strings.TrimSpace(want), "\n"), got); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}

// TestImplementEvidence checks that every place a concrete type is used as
// an interface is one reference, with its line as evidence.
func TestImplementEvidence(t *testing.T) {
	t.Parallel()
	g, _ := loadArchive(t, "edges.txtar")
	got := map[string][]string{}
	for _, e := range g.SymEdges {
		if e.Kinds != RefImplement {
			continue
		}
		k := shortName(g, SymID(e.From)) + " -> " + shortName(g, SymID(e.To))
		for _, p := range e.Evidence {
			got[k] = append(got[k], g.PosString(p))
		}
		if e.Weight != float64(e.Refs)*kindWeight[RefImplement] {
			t.Errorf("%s: weight %g for %d refs", k, e.Weight, e.Refs)
		}
	}
	want := map[string][]string{
		// var, assignment, argument, 2 variadic, field, element, conversion, return
		"b.Mem -> a.Store": {"b/b.go:29", "b/b.go:30", "b/b.go:31", "b/b.go:32", "b/b.go:32", "b/b.go:33", "b/b.go:34", "b/b.go:38", "b/b.go:42"},
		// map value, send
		"b.Pipe -> a.Sink": {"b/b.go:35", "b/b.go:37"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("implement evidence (-want +got):\n%s", diff)
	}
}
