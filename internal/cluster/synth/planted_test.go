package synth_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

func TestNewPlanted(t *testing.T) {
	cfg := synth.PlantedConfig{Communities: 5, Size: 40, Spread: 0.5, Degree: 10, Noise: 0.3,
		Kernel: 2, KernelReach: 0.25, MaxWeight: 4, Seed: 7}
	p, err := synth.NewPlanted(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[int]int{}
	for _, c := range p.Truth {
		sizes[c]++
	}
	nc := p.N - 2
	if sizes[-1] != 2 || len(sizes) != 6 || p.Communities != 5 {
		t.Errorf("sizes by community %v, want 5 communities and 2 kernel nodes", sizes)
	}
	for c := range 5 {
		if sizes[c] < 20 || sizes[c] > 60 {
			t.Errorf("community %d has %d nodes, want 40 ± 50 %%", c, sizes[c])
		}
	}
	cross, plain, kernel := 0, 0, 0
	for _, e := range p.Edges {
		switch {
		case e.U == e.V || e.W < 1 || e.W > 4 || e.W != math.Trunc(e.W):
			t.Fatalf("bad edge %+v", e)
		case p.Truth[e.U] < 0 || p.Truth[e.V] < 0:
			kernel++
		case p.Truth[e.U] != p.Truth[e.V]:
			cross++
			plain++
		default:
			plain++
		}
	}
	if want := int(math.Round(float64(nc) * 10 / 2)); plain != want {
		t.Errorf("%d community edges, want %d", plain, want)
	}
	if got := float64(cross) / float64(plain); math.Abs(got-0.3) > 0.05 {
		t.Errorf("cross-community share %.3f, want about 0.3", got)
	}
	if want := 2 * int(math.Round(0.25*float64(nc))); kernel != want {
		t.Errorf("%d kernel edges, want %d", kernel, want)
	}

	again, err := synth.NewPlanted(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, again); diff != "" {
		t.Errorf("same seed, different graph:\n%s", diff)
	}

	for _, bad := range []synth.PlantedConfig{
		{},
		{Communities: 2, Size: 5, Noise: 1.5},
		{Sizes: []int{5}, Noise: 0.1},
		{Sizes: []int{5, 0}},
		{Communities: 2, Size: 5, KernelReach: 2},
	} {
		if _, err := synth.NewPlanted(bad); err == nil {
			t.Errorf("NewPlanted(%+v) = nil error", bad)
		}
	}
}
