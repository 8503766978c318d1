package cluster

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Comparison says how close a proposed decomposition is to a ground truth
// (an architecture that people know to be right).
type Comparison struct {
	// Units is the number of units labelled in both; only those count.
	Units int
	// MoJo is the MoJo distance (Tzerpos & Holt 1999): the least number
	// of Move (one unit to another cluster) and Join (two clusters into
	// one) operations turning one decomposition into the other,
	// min(mno(P, T), mno(T, P)).
	MoJo int
	// MoJoFM is Wen & Tzerpos' effectiveness measure, in percent:
	//
	//	MoJoFM(P, T) = (1 − mno(P, T) / max_{all P'} mno(P', T)) × 100
	//
	// 100 when P is T, 0 when P is as far from T as any decomposition can
	// be. mno(P, T), the one-way MoJo, is computed as in MoJoCalculator:
	// each cluster P_i is tagged with the truth cluster(s) T_j holding
	// most of its units (maxtag_i = max_j |P_i ∩ T_j|); a maximum
	// bipartite matching gives as many P clusters as possible a distinct
	// tag; then mno = Σ_i (|P_i| − maxtag_i) moves + (l − g) joins, where
	// l is the number of P clusters and g the number of distinct tags
	// they end up with. The maximum is n − g_T, with g_T found by walking
	// T's cluster sizes in ascending order and counting one more each
	// time the count is below the size. Unlike the Java tool it is not
	// rounded to two decimals. It is asymmetric: the truth goes second.
	MoJoFM float64
	// ARI is the adjusted Rand index (Hubert & Arabie 1985): the share of
	// unit pairs on which both agree (together or apart), corrected for
	// chance,
	//
	//	ARI = (Σ_ij C(n_ij,2) − E) / (½(Σ_i C(a_i,2) + Σ_j C(b_j,2)) − E),
	//	E   = Σ_i C(a_i,2) · Σ_j C(b_j,2) / C(n,2),
	//
	// with n_ij = |P_i ∩ T_j|, a_i = |P_i|, b_j = |T_j|. 1 for identical
	// decompositions, about 0 for random ones; symmetric.
	ARI float64
}

// Compare compares a proposal with a ground truth, both mapping a unit
// (a package path, say) to a cluster label. Units missing from either
// are ignored, as MoJo does. With fewer than two common units every
// measure says "identical".
func Compare(proposal, truth map[string]string) Comparison {
	units := make([]string, 0, len(proposal))
	for u := range proposal {
		if _, ok := truth[u]; ok {
			units = append(units, u)
		}
	}
	slices.Sort(units)
	pl, tl := map[string]int{}, map[string]int{}
	a, b := make([]int, len(units)), make([]int, len(units))
	for i, u := range units {
		a[i] = intern(pl, proposal[u])
		b[i] = intern(tl, truth[u])
	}
	return compare(a, b)
}

// CompareAssignments is Compare over node-indexed labellings of the same
// length; a node with a negative label in either is ignored (unlabelled,
// like a shared-kernel node in a planted graph).
func CompareAssignments(proposal, truth []int) Comparison {
	var a, b []int
	for v := range proposal {
		if proposal[v] >= 0 && truth[v] >= 0 {
			a, b = append(a, proposal[v]), append(b, truth[v])
		}
	}
	a, _ = dense(a)
	b, _ = dense(b)
	return compare(a, b)
}

// ReadTruth reads a ground truth: one "unit<TAB>label" line per unit (the
// unit a package import path, say), as synth.WriteModule writes it. Blank
// lines and lines starting with # are skipped; a line without a tab, or a
// unit given two different labels, is an error naming the line.
func ReadTruth(r io.Reader) (map[string]string, error) {
	truth := map[string]string{}
	s := bufio.NewScanner(r)
	for n := 1; s.Scan(); n++ {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		unit, label, ok := strings.Cut(line, "\t")
		unit, label = strings.TrimSpace(unit), strings.TrimSpace(label)
		if !ok || unit == "" || label == "" {
			return nil, fmt.Errorf("line %d: want unit<TAB>label, got %q", n, line)
		}
		if prev, dup := truth[unit]; dup && prev != label {
			return nil, fmt.Errorf("line %d: %s labelled both %q and %q", n, unit, prev, label)
		}
		truth[unit] = label
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	return truth, nil
}

func intern(m map[string]int, s string) int {
	i, ok := m[s]
	if !ok {
		i = len(m)
		m[s] = i
	}
	return i
}

// compare works on dense labellings (0..k-1) of the same units.
func compare(a, b []int) Comparison {
	n := len(a)
	if n < 2 {
		return Comparison{Units: n, MoJoFM: 100, ARI: 1}
	}
	ab, ba := mno(a, b), mno(b, a)
	c := Comparison{Units: n, MoJo: min(ab, ba), ARI: adjustedRand(a, b)}
	c.MoJoFM = 100
	if d := maxMno(b); d > 0 {
		c.MoJoFM = (1 - float64(ab)/float64(d)) * 100
	}
	return c
}

// cell is one non-empty cell of a contingency table: |A_i ∩ B_j| = n.
type cell struct{ i, j, n int }

// contingency lists the non-empty cells, sorted by (i, j).
func contingency(a, b []int) []cell {
	pairs := make([]cell, len(a))
	for v := range a {
		pairs[v] = cell{a[v], b[v], 1}
	}
	slices.SortFunc(pairs, func(x, y cell) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	out := pairs[:0]
	for _, p := range pairs {
		if k := len(out) - 1; k >= 0 && out[k].i == p.i && out[k].j == p.j {
			out[k].n++
			continue
		}
		out = append(out, p)
	}
	return out
}

// mno is the one-way MoJo distance from a to b (see Comparison.MoJoFM).
func mno(a, b []int) int {
	cells := contingency(a, b)
	l := slices.Max(a) + 1
	maxtag := make([]int, l)
	size := make([]int, l)
	for _, c := range cells {
		maxtag[c.i] = max(maxtag[c.i], c.n)
		size[c.i] += c.n
	}
	tags := make([][]int, l) // the B clusters attaining maxtag
	for _, c := range cells {
		if c.n == maxtag[c.i] {
			tags[c.i] = append(tags[c.i], c.j)
		}
	}
	moves := 0
	for i := range l {
		moves += size[i] - maxtag[i]
	}
	// An unmatched A cluster keeps one of its tags, but that tag is
	// matched already (else the matching could grow), so the distinct
	// tags g are exactly the matched ones.
	g := matching(tags, slices.Max(b)+1)
	return moves + l - g
}

// maxMno is max over all A' of mno(A', b) = n − g_B.
func maxMno(b []int) int {
	sizes := make([]int, slices.Max(b)+1)
	for _, j := range b {
		sizes[j]++
	}
	slices.Sort(sizes)
	g := 0
	for _, s := range sizes {
		if g < s {
			g++
		}
	}
	return len(b) - g
}

// matching is the size of a maximum bipartite matching between left
// nodes 0..len(adj)-1 and right nodes 0..nr-1 (Kuhn's augmenting paths,
// after a greedy start; tags rarely tie, so most left nodes have one
// edge and this is near linear).
func matching(adj [][]int, nr int) int {
	matchR := make([]int, nr)
	for i := range matchR {
		matchR[i] = -1
	}
	size := 0
	pending := make([]int, 0, len(adj))
	for i, js := range adj {
		done := false
		for _, j := range js {
			if matchR[j] < 0 {
				matchR[j], done = i, true
				size++
				break
			}
		}
		if !done {
			pending = append(pending, i)
		}
	}
	seen := make([]int, nr) // stamp of the search that visited j
	stamp := 0
	var try func(i int) bool
	try = func(i int) bool {
		for _, j := range adj[i] {
			if seen[j] == stamp {
				continue
			}
			seen[j] = stamp
			if matchR[j] < 0 || try(matchR[j]) {
				matchR[j] = i
				return true
			}
		}
		return false
	}
	for _, i := range pending {
		stamp++
		if try(i) {
			size++
		}
	}
	return size
}

// adjustedRand is the ARI of two dense labellings (see Comparison.ARI).
func adjustedRand(a, b []int) float64 {
	n := len(a)
	if n < 2 {
		return 1
	}
	pairs := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var index, sa, sb float64
	for _, c := range contingency(a, b) {
		index += pairs(c.n)
	}
	for _, s := range sizes(a) {
		sa += pairs(s)
	}
	for _, s := range sizes(b) {
		sb += pairs(s)
	}
	expected := sa * sb / pairs(n)
	den := (sa+sb)/2 - expected
	if den == 0 {
		// Only when both put everything together, or both keep
		// everything apart: the same decomposition.
		return 1
	}
	return (index - expected) / den
}

func sizes(of []int) []int {
	s := make([]int, slices.Max(of)+1)
	for _, c := range of {
		s[c]++
	}
	return s
}
