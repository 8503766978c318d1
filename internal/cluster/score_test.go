package cluster_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/cluster"
)

// TestCompare checks MoJo, MoJoFM and ARI on cases worked out by hand.
// mno(A, B) = moves + (clusters of A − distinct tags after matching);
// max mno(·, B) = n − g_B (ascending sizes, g += 1 while g < size).
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name            string
		proposal, truth map[string]string
		want            cluster.Comparison
	}{{
		// A1={a,b,c} is tagged B1 (2 of 3), A2={d,e} B2: 1 move (c), no
		// join; mno = 1, and mno(B, A) = 1 too. g_B: sizes 2,3 → 2, max 3.
		// ARI: Σ C(n_ij,2) = 1+0+1 = 2; Σa = 3+1 = 4; Σb = 1+3 = 4;
		// E = 16/10; ARI = (2 − 1.6)/(4 − 1.6) = 1/6.
		name:     "one move",
		proposal: map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"},
		truth:    map[string]string{"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"},
		want:     cluster.Comparison{Units: 5, MoJo: 1, MoJoFM: (1 - 1.0/3) * 100, ARI: 1.0 / 6},
	}, {
		// Everything in one cluster: tags tie (2 and 2), 2 moves, no join:
		// mno = 2 = max (n 4 − g 2): MoJoFM 0. The other way, both truth
		// clusters are tagged with the single proposal cluster, which the
		// matching gives to one of them: 1 join, MoJo = min(2, 1) = 1.
		// ARI: Σ n_ij pairs 2, Σa 6, Σb 2, E = 12/6 = 2 → 0.
		name:     "all together",
		proposal: map[string]string{"a": "x", "b": "x", "c": "x", "d": "x"},
		truth:    map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"},
		want:     cluster.Comparison{Units: 4, MoJo: 1, MoJoFM: 0, ARI: 0},
	}, {
		// Every unit alone: 0 moves, 4 clusters, 2 distinct tags: 2 joins,
		// mno = 2 = max: MoJoFM 0. Back: each B cluster tags either of
		// its two units, 2 moves, no join: 2. ARI: index 0, Σa 0 → E 0,
		// den = 1 → 0.
		name:     "all apart",
		proposal: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"},
		truth:    map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"},
		want:     cluster.Comparison{Units: 4, MoJo: 2, MoJoFM: 0, ARI: 0},
	}, {
		// Identical up to names; units outside the truth ("z") and outside
		// the proposal ("w") are ignored.
		name:     "identical",
		proposal: map[string]string{"a": "p", "b": "p", "c": "q", "z": "q"},
		truth:    map[string]string{"a": "1", "b": "1", "c": "2", "w": "2"},
		want:     cluster.Comparison{Units: 3, MoJo: 0, MoJoFM: 100, ARI: 1},
	}, {
		// Matching matters: A1={a,b} ties between T1 and T2, A2={c,d} is
		// tagged T1 only. Taking A1's first tag would leave A2 sharing T1
		// (a join); the matching gives A1 T2, A2 T1: 1 move (A1 keeps
		// one of its two), no join, mno = 1. T = {a,c,d}, {b}: g_T: sizes
		// 1,3 → 2, max = 4 − 2 = 2 → 50 %. Back: T1={a,c,d} → A2 (2 of
		// 3): 1 move; T2={b} → A1: mno 1.
		// ARI: n_ij: A1∩T1 1, A1∩T2 1, A2∩T1 2 → 1; Σa 2, Σb 3, E = 1 →
		// (1−1)/(2.5−1) = 0.
		name:     "matching",
		proposal: map[string]string{"a": "A1", "b": "A1", "c": "A2", "d": "A2"},
		truth:    map[string]string{"a": "T1", "b": "T2", "c": "T1", "d": "T1"},
		want:     cluster.Comparison{Units: 4, MoJo: 1, MoJoFM: 50, ARI: 0},
	}, {
		name:     "empty",
		proposal: map[string]string{"a": "x"},
		truth:    map[string]string{"b": "y"},
		want:     cluster.Comparison{Units: 0, MoJoFM: 100, ARI: 1},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := cluster.Compare(tc.proposal, tc.truth)
			if got.Units != tc.want.Units || got.MoJo != tc.want.MoJo ||
				math.Abs(got.MoJoFM-tc.want.MoJoFM) > 1e-9 || math.Abs(got.ARI-tc.want.ARI) > 1e-12 {
				t.Errorf("Compare = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestMoJoFMLarger checks a bigger case over node-indexed labellings: the
// truth has 3 clusters of 4; the proposal splits one in two and moves one
// unit to another cluster.
func TestMoJoFMLarger(t *testing.T) {
	truth := []int{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}
	// P0 = {0,1,2}, P1 = {4,5}, P2 = {6,7}, P3 = {3,8,9,10,11}.
	prop := []int{0, 0, 0, 3, 1, 1, 2, 2, 3, 3, 3, 3}
	// Tags: P0→T0 (3), P1→T1 (2), P2→T1 (2), P3→T2 (4). Moves: 0+0+0+1.
	// Distinct tags 3 of 4 clusters: 1 join. mno = 2. g_T: 4,4,4 → 3,
	// max = 12 − 3 = 9. MoJoFM = (1 − 2/9)·100.
	got := cluster.CompareAssignments(prop, truth)
	if math.Abs(got.MoJoFM-(1-2.0/9)*100) > 1e-9 {
		t.Errorf("MoJoFM = %v, want %v", got.MoJoFM, (1-2.0/9)*100)
	}
	// Unlabelled nodes (−1) are ignored: hiding the moved unit leaves
	// only the join: mno 1 over max 11 − 3 = 8.
	prop[3], truth[3] = -1, 0
	got = cluster.CompareAssignments(prop, truth)
	if got.Units != 11 || math.Abs(got.MoJoFM-(1-1.0/8)*100) > 1e-9 {
		t.Errorf("with an unlabelled unit: %+v, want 11 units, MoJoFM %v", got, (1-1.0/8)*100)
	}
}

func TestReadTruth(t *testing.T) {
	got, err := cluster.ReadTruth(strings.NewReader("# truth\nex/a\torders\n\nex/b\tbilling\r\nex/a\torders\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"ex/a": "orders", "ex/b": "billing"}, got); diff != "" {
		t.Errorf("ReadTruth (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"ex/a orders\n", "ex/a\t\n", "\torders\n", "ex/a\torders\nex/a\tbilling\n"} {
		if _, err := cluster.ReadTruth(strings.NewReader(bad)); err == nil || !strings.HasPrefix(err.Error(), "line ") {
			t.Errorf("ReadTruth(%q) error = %v, want one naming the line", bad, err)
		}
	}
}
