package cluster_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/cluster"
)

func TestGraphEdges(t *testing.T) {
	g := cluster.NewGraph(4)
	g.Add(2, 1, 1)
	g.Add(0, 3, 2)
	g.Add(1, 2, 0.5) // parallel, reversed: summed
	g.Add(3, 3, 9)   // self loop: ignored
	g.Add(0, 1, 0)   // zero weight: ignored
	want := []cluster.Edge{{0, 3, 2}, {1, 2, 1.5}}
	if diff := cmp.Diff(want, g.Edges()); diff != "" {
		t.Errorf("Edges (-want +got):\n%s", diff)
	}
	// Adding after a read merges again, in order.
	g.Add(1, 2, 1)
	g.Add(0, 1, 1)
	want = []cluster.Edge{{0, 1, 1}, {0, 3, 2}, {1, 2, 2.5}}
	if diff := cmp.Diff(want, g.Edges()); diff != "" {
		t.Errorf("Edges after more Adds (-want +got):\n%s", diff)
	}
	if g.NumEdges() != 3 || g.Len() != 4 {
		t.Errorf("NumEdges %d Len %d, want 3 4", g.NumEdges(), g.Len())
	}
	defer func() {
		if recover() == nil {
			t.Error("Add(0, 4) on 4 nodes did not panic")
		}
	}()
	g.Add(0, 4, 1)
}

func TestDisconnected(t *testing.T) {
	// A path 0–1–2 and an edge 3–4.
	g := cluster.NewGraph(5)
	g.Add(0, 1, 1)
	g.Add(1, 2, 1)
	g.Add(3, 4, 1)
	for _, tc := range []struct {
		of   []int
		want int
	}{
		{[]int{0, 0, 0, 1, 1}, 0},
		{[]int{0, 1, 0, 2, 2}, 1}, // {0,2} without 1
		{[]int{0, 0, 0, 0, 0}, 1}, // two components in one
		{[]int{0, 1, 0, 1, 2}, 2}, // {0,2} and {1,3}
		{[]int{0, 1, 2, 3, 4}, 0},
	} {
		if got := cluster.Disconnected(g, cluster.FromAssignment(tc.of)); got != tc.want {
			t.Errorf("Disconnected(%v) = %d, want %d", tc.of, got, tc.want)
		}
	}
}
