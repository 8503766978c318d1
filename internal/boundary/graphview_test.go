package boundary

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// shopProposal loads the example monolith and proposes its boundaries.
func shopProposal(t *testing.T) (*analyze.Graph, *Model) {
	t.Helper()
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	dir := filepath.Join("..", "..", "testdata", "shop")
	g, err := analyze.Load(context.Background(), analyze.Config{Dir: dir, Types: true, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Propose(g, Options{Cluster: cluster.Options{Algorithm: "leiden", Resolution: 1, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return g, m
}

func TestViews(t *testing.T) {
	g, m := shopProposal(t)

	t.Run("package", func(t *testing.T) {
		v := mustView(t, g, m, ViewOptions{Level: "package"})
		if !v.Nested {
			t.Error("package view not nested")
		}
		seen := map[string]int{}
		for gi, gr := range v.Groups {
			for _, p := range gr.Packages {
				for _, id := range p.Nodes {
					seen[v.Nodes[id].ID]++
					if v.Nodes[id].Group != gi {
						t.Errorf("%s: node in group %d, listed in %d", v.Nodes[id].ID, v.Nodes[id].Group, gi)
					}
				}
			}
		}
		want := len(m.Shared) + len(m.Entrypoints)
		for _, b := range m.Boundaries {
			want += len(b.Packages)
			for _, p := range b.Packages {
				if seen[p] != 1 {
					t.Errorf("%s drawn %d times, want once", p, seen[p])
				}
			}
		}
		if len(v.Nodes) != want {
			t.Errorf("%d nodes, want %d", len(v.Nodes), want)
		}
		for _, e := range v.Edges {
			if v.Nodes[e.From].Role != ViewService || v.Nodes[e.To].Role != ViewService {
				t.Errorf("edge %s -> %s touches the shared kernel or an entry point", v.Nodes[e.From].ID, v.Nodes[e.To].ID)
			}
		}
	})

	t.Run("boundary", func(t *testing.T) {
		v := mustView(t, g, m, ViewOptions{Level: "boundary"})
		// The references between boundaries are the Model's dependencies.
		got := map[[2]string]int{}
		for i, n := range v.Nodes {
			if v.Groups[i].Node != i || n.Group != i {
				t.Fatalf("node %d is not group %d's", i, i)
			}
		}
		for _, e := range v.Edges {
			if e.IsTable() || v.Nodes[e.From].Role != ViewService || v.Nodes[e.To].Role != ViewService {
				continue
			}
			got[[2]string{v.Nodes[e.From].ID, v.Nodes[e.To].ID}] = e.Refs
		}
		want := map[[2]string]int{}
		for _, d := range m.Dependencies {
			want[[2]string{d.From, d.To}] = d.Refs
		}
		if len(got) != len(want) {
			t.Errorf("%d boundary edges, want %d", len(got), len(want))
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s -> %s: %d references, want %d", k[0], k[1], got[k], n)
			}
		}
		// orders and payments depend on each other (PLANTED.md).
		cycles := 0
		for _, e := range v.Edges {
			if e.Cycle {
				cycles++
			}
		}
		if len(m.Cycles) > 0 && cycles == 0 {
			t.Error("the Model has cycles, the view marks no edge")
		}
	})

	t.Run("focus", func(t *testing.T) {
		full := mustView(t, g, m, ViewOptions{Level: "symbol"})
		name := m.Boundaries[1].Name
		v := mustView(t, g, m, ViewOptions{Level: "symbol", Focus: name})
		colour := map[string]int{}
		for _, gr := range full.Groups {
			colour[gr.Name] = gr.Color
		}
		inFocus := 0
		for _, n := range full.Nodes {
			if full.Groups[n.Group].Name == name {
				inFocus++
			}
		}
		linked := map[int]bool{}
		got := 0
		for _, e := range v.Edges {
			a, b := v.Groups[v.Nodes[e.From].Group].Name, v.Groups[v.Nodes[e.To].Group].Name
			if a != name && b != name {
				t.Errorf("edge %s -> %s does not touch %s", v.Nodes[e.From].ID, v.Nodes[e.To].ID, name)
			}
			linked[e.From], linked[e.To] = true, true
		}
		for i, n := range v.Nodes {
			gr := v.Groups[n.Group]
			if gr.Name == name {
				got++
			} else if !linked[i] {
				t.Errorf("%s is neither in %s nor linked to it", n.ID, name)
			}
			if gr.Color != colour[gr.Name] {
				t.Errorf("%s: colour %d, %d unfocused", gr.Name, gr.Color, colour[gr.Name])
			}
		}
		if got != inFocus {
			t.Errorf("%d nodes of %s, want all %d", got, name, inFocus)
		}
		if len(v.Nodes) >= len(full.Nodes) {
			t.Errorf("focus kept %d of %d nodes", len(v.Nodes), len(full.Nodes))
		}
	})

	t.Run("errors", func(t *testing.T) {
		_, err := NewView(g, m, ViewOptions{Level: "package", Focus: "nosuch"})
		if err == nil || !strings.Contains(err.Error(), `--focus "nosuch": no such boundary (there are `+m.Boundaries[0].Name) {
			t.Errorf("unknown focus: got %v", err)
		}
		if _, err := NewView(g, m, ViewOptions{Level: "file"}); err == nil {
			t.Error("unknown level: no error")
		}
	})
}

func mustView(t *testing.T, g *analyze.Graph, m *Model, opts ViewOptions) *View {
	t.Helper()
	v, err := NewView(g, m, opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDropEmptyGroups(t *testing.T) {
	v := &View{
		Nested: true,
		Groups: []ViewGroup{
			{Name: "a", Color: 0, Node: -1, Packages: []ViewPackage{{Path: "m/a", Nodes: []int{0}}}},
			{Name: "docs", Color: 1, Node: -1},
			{Name: "c", Color: 2, Node: -1, Packages: []ViewPackage{{Path: "m/c", Nodes: []int{1}}}},
		},
		Nodes: []ViewNode{{ID: "m/a.X", Group: 0}, {ID: "m/c.Y", Group: 2}},
	}
	v.dropEmptyGroups()
	if len(v.Groups) != 2 || v.Groups[1].Name != "c" || v.Groups[1].Color != 2 {
		t.Fatalf("groups %+v, want a and c, c keeping colour 2", v.Groups)
	}
	if v.Nodes[1].Group != 1 {
		t.Errorf("m/c.Y in group %d, want 1", v.Nodes[1].Group)
	}
}
