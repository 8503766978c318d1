package boundary

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// technical path segments say how code is built, not what business it
// serves, so they never name a boundary.
var technical = map[string]bool{
	"internal": true, "pkg": true, "app": true, "apps": true, "src": true, "cmd": true,
	"api": true, "apis": true, "http": true, "httpapi": true, "grpc": true, "grpcapi": true, "rest": true, "rpc": true,
	"handler": true, "handlers": true, "controller": true, "controllers": true, "router": true, "routes": true,
	"service": true, "services": true, "svc": true, "usecase": true, "usecases": true, "logic": true,
	"store": true, "stores": true, "storage": true, "repo": true, "repos": true, "repository": true, "repositories": true,
	"db": true, "dao": true, "sql": true, "sqlstore": true, "postgres": true, "pg": true, "mysql": true, "sqlite": true, "persistence": true,
	"domain": true, "model": true, "models": true, "entity": true, "entities": true, "types": true, "dto": true,
	"core": true, "impl": true, "server": true, "client": true, "clients": true, "transport": true, "adapter": true, "adapters": true,
	"infra": true, "infrastructure": true, "events": true, "event": true, "web": true, "jobs": true, "worker": true, "workers": true,
	"v1": true, "v2": true, "v3": true, "util": true, "utils": true, "common": true, "lib": true, "helpers": true,
	"legacy": true, "integration": true, "integrations": true, "module": true, "modules": true, "features": true,
}

// pathWords are the business words of an import path: its segments below
// the module path, lower-cased, without the technical ones, each once.
func pathWords(module, path string) []string {
	rel := strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
	var out []string
	for _, seg := range strings.Split(rel, "/") {
		w := strings.ToLower(seg)
		if w != "" && !technical[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// pathStems are the stems of an import path's business words, each once:
// internal/messaging and api/messages share "messag", listings and
// listing "listing". Names are compared by stem; they are shown as
// written.
func pathStems(module, path string) []string {
	var out []string
	for _, w := range pathWords(module, path) {
		if s := stem(w); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// stem strips an English inflection from a word: a light suffix
// stripper in the spirit of Porter's first step, enough to make plural
// and gerund folder names meet (orders/order, messages/messaging,
// leases/lease, companies/company). Stems shorter than three letters are
// not made.
func stem(w string) string {
	cut := func(suf, with string) bool {
		if r, ok := strings.CutSuffix(w, suf); ok && len(r)+len(with) >= 3 {
			w = r + with
			return true
		}
		return false
	}
	switch {
	case cut("ies", "y"), cut("ings", ""), cut("ing", ""):
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes"):
		cut("es", "")
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		cut("s", "")
	}
	cut("e", "")
	return w
}

// nameBoundaries names each boundary after the business word its packages'
// paths share most, never "cluster-3": the non-technical path segment
// (below the module path) that covers most of its lines of code, weighed
// down when it also appears in other boundaries (tf-idf). Clashing names get
// the runner-up word appended.
func nameBoundaries(g *analyze.Graph, bs []*Boundary) {
	sizes := make([]map[string]int, len(bs))
	for i, b := range bs {
		sizes[i] = map[string]int{}
		for _, path := range b.Packages {
			sizes[i][path] = 1 + g.Package(path).Lines
		}
	}
	nameBoundariesBy(g, bs, sizes)
}

// nameBoundariesBy is nameBoundaries with the weight of each package in
// each boundary given: at symbol level a package counts in every boundary
// that holds some of its symbols, by their lines.
func nameBoundariesBy(g *analyze.Graph, bs []*Boundary, sizes []map[string]int) {
	type cand struct {
		word   string
		weight float64
	}
	weights := make([]map[string]int, len(bs))
	df := map[string]int{}
	for i := range bs {
		weight := map[string]int{}
		for path, size := range sizes[i] {
			for _, w := range pathWords(g.Module, path) {
				weight[w] += size
			}
		}
		weights[i] = weight
		for w := range weight {
			df[w]++
		}
	}
	ranked := make([][]cand, len(bs))
	for i, b := range bs {
		for w, n := range weights[i] {
			idf := math.Log(1 + float64(len(bs))/float64(df[w]))
			ranked[i] = append(ranked[i], cand{w, float64(n) * idf})
		}
		sort.Slice(ranked[i], func(a, c int) bool {
			x, y := ranked[i][a], ranked[i][c]
			if x.weight != y.weight {
				return x.weight > y.weight
			}
			return x.word < y.word
		})
		if len(ranked[i]) == 0 {
			// Only technical words: fall back to the biggest package's name.
			name, size := "", -1
			for _, path := range sortedKeys(sizes[i]) {
				if sizes[i][path] > size {
					name, size = g.Package(path).Name, sizes[i][path]
				}
			}
			ranked[i] = []cand{{name, 0}}
		}
		b.Name = ranked[i][0].word
	}
	// Resolve clashes: the bigger boundary keeps the plain name.
	used := map[string]bool{}
	for i, b := range bs {
		name := b.Name
		if used[name] {
			for _, c := range ranked[i][1:] {
				if n := name + "-" + c.word; !used[n] {
					name = n
					break
				}
			}
			for k := 2; used[name]; k++ {
				name = fmt.Sprintf("%s-%d", b.Name, k)
			}
		}
		used[name] = true
		b.Name = name
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
