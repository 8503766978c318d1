// Package synth generates monoliths whose right decomposition is known:
// graphs with planted communities (NewPlanted), for the clusterer's tests
// and benchmarks, and whole Go modules with planted bounded contexts
// (WriteModule), for end-to-end tests and benchmarks of decompose.
//
// Everything is deterministic for a given Seed. The package depends on
// nothing of this module, so that cluster's tests can use it.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PlantedConfig describes a graph with planted communities.
type PlantedConfig struct {
	// Communities is the number of planted communities; Size their mean
	// size, and Spread how far sizes vary around it: each size is drawn
	// uniformly from Size·[1−Spread, 1+Spread]. Sizes, if set, overrides
	// all three.
	Communities int
	Size        int
	Spread      float64
	Sizes       []int
	// Degree is the mean number of edge ends per community node, so the
	// graph has about nodes·Degree/2 edges (fewer distinct ones, since
	// repeated pairs are merged by the consumer, with summed weight).
	Degree float64
	// Noise is the fraction of edges whose ends lie in two different
	// communities: 0 gives isolated communities; 1 − 1/Communities gives
	// a graph with no structure at all.
	Noise float64
	// Kernel is a number of hub nodes (a shared kernel: logging, errors,
	// config) outside every community, each linked to a fraction
	// KernelReach of the community nodes. Their Truth is -1.
	Kernel      int
	KernelReach float64
	// MaxWeight, when > 1, draws edge weights uniformly from
	// 1..MaxWeight (call counts) instead of 1.
	MaxWeight int
	Seed      uint64
}

// Edge is one generated undirected edge. The same pair may occur more
// than once.
type Edge struct {
	U, V int
	W    float64
}

// Planted is a generated graph and its planted truth.
type Planted struct {
	N     int
	Edges []Edge
	// Truth is each node's community, 0..Communities-1, or -1 for the
	// kernel hubs.
	Truth       []int
	Communities int
}

// NewPlanted generates a graph. Node ids are shuffled, so that no
// algorithm can profit from communities being numbered contiguously.
func NewPlanted(cfg PlantedConfig) (*Planted, error) {
	sizes := cfg.Sizes
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x706c616e746564)) // "planted"
	if sizes == nil {
		if cfg.Communities <= 0 || cfg.Size <= 0 {
			return nil, fmt.Errorf("planted graph needs Communities and Size, or Sizes")
		}
		sizes = make([]int, cfg.Communities)
		for i := range sizes {
			lo := float64(cfg.Size) * (1 - cfg.Spread)
			hi := float64(cfg.Size) * (1 + cfg.Spread)
			sizes[i] = max(1, int(math.Round(lo+rng.Float64()*(hi-lo))))
		}
	}
	switch {
	case cfg.Noise < 0 || cfg.Noise > 1:
		return nil, fmt.Errorf("noise %g is not a fraction", cfg.Noise)
	case cfg.Degree < 0 || cfg.Kernel < 0 || cfg.KernelReach < 0 || cfg.KernelReach > 1:
		return nil, fmt.Errorf("negative degree, kernel or kernel reach out of 0..1")
	case len(sizes) < 2 && cfg.Noise > 0:
		return nil, fmt.Errorf("noise needs at least two communities")
	}

	// Community nodes 0..nc-1 in blocks, then the hubs; shuffled at the end.
	start := make([]int, len(sizes)+1)
	for i, s := range sizes {
		if s <= 0 {
			return nil, fmt.Errorf("community %d has size %d", i, s)
		}
		start[i+1] = start[i] + s
	}
	nc := start[len(sizes)]
	n := nc + cfg.Kernel
	truth := make([]int, n)
	for c := range sizes {
		for v := start[c]; v < start[c+1]; v++ {
			truth[v] = c
		}
	}
	for v := nc; v < n; v++ {
		truth[v] = -1
	}

	weight := func() float64 {
		if cfg.MaxWeight > 1 {
			return float64(1 + rng.IntN(cfg.MaxWeight))
		}
		return 1
	}
	m := int(math.Round(float64(nc) * cfg.Degree / 2))
	edges := make([]Edge, 0, m)
	for len(edges) < m {
		u := rng.IntN(nc)
		c := truth[u]
		var v int
		if rng.Float64() < cfg.Noise {
			v = rng.IntN(nc - sizes[c]) // a node outside c
			if v >= start[c] {
				v += sizes[c]
			}
		} else {
			if sizes[c] < 2 {
				continue
			}
			v = start[c] + rng.IntN(sizes[c])
			if v == u {
				continue
			}
		}
		edges = append(edges, Edge{u, v, weight()})
	}
	reach := int(math.Round(cfg.KernelReach * float64(nc)))
	for h := nc; h < n; h++ {
		for range reach {
			edges = append(edges, Edge{h, rng.IntN(nc), weight()})
		}
	}

	perm := rng.Perm(n)
	p := &Planted{N: n, Edges: edges, Truth: make([]int, n), Communities: len(sizes)}
	for v, t := range truth {
		p.Truth[perm[v]] = t
	}
	for i, e := range edges {
		edges[i].U, edges[i].V = perm[e.U], perm[e.V]
	}
	return p, nil
}
