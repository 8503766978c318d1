package boundary

import (
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// TestPeelDataOwners: a module the clustering folded into its neighbour
// gets its own boundary only when it owns a table, the rest of the
// boundary owns one too and does not use its data, and it is downstream of
// the rest; each case breaks one condition.
func TestPeelDataOwners(t *testing.T) {
	// One boundary of the catalog (two packages) and a messaging module
	// (two packages) that calls it.
	paths := []string{"internal/catalog/service", "internal/catalog/store", "internal/messaging", "internal/messaging/api"}
	type access struct {
		pkg, table string
		op         analyze.AccessOp
		through    bool
	}
	type ref struct {
		from, to string
		n        int
	}
	base := []access{
		{"internal/catalog/store", "listings", analyze.Write, false},
		{"internal/messaging", "threads", analyze.Write, false},
		{"internal/messaging", "messages", analyze.Write, false},
	}
	baseRefs := []ref{
		{"internal/catalog/service", "internal/catalog/store", 10},
		{"internal/messaging/api", "internal/messaging", 7},
		{"internal/messaging", "internal/catalog/service", 5},
	}
	for _, tc := range []struct {
		name     string
		accesses []access
		refs     []ref
		pinned   bool
		moved    string // the module kept apart, "" for none
	}{
		{name: "own data, downstream", moved: "messaging"},
		{name: "no table of its own", accesses: []access{
			{"internal/catalog/store", "listings", analyze.Write, false},
			{"internal/messaging", "listings", analyze.Write, false},
		}},
		{name: "the rest reads its table", accesses: append(append([]access(nil), base...),
			access{"internal/catalog/store", "threads", analyze.Read, false})},
		{name: "the rest reads its table through a call", accesses: append(append([]access(nil), base...),
			access{"internal/catalog/service", "threads", analyze.Read, true})},
		{name: "it may read the rest's table", moved: "messaging", accesses: append(append([]access(nil), base...),
			access{"internal/messaging", "listings", analyze.Read, false})},
		{name: "the rest owns no data", accesses: base[1:]},
		{name: "upstream: the downstream rest leaves instead", moved: "catalog", refs: append(append([]ref(nil), baseRefs...),
			ref{"internal/catalog/service", "internal/messaging", 6})},
		// With a spec placing messaging, the free catalog owning its own
		// data was not agreed to be part of it: kept apart, whichever
		// way the calls go.
		{name: "the rest is pinned by the spec", pinned: true, moved: "catalog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &analyze.Graph{Module: "example.com/m"}
			id := map[string]analyze.PkgID{}
			var services []analyze.PkgID
			for i, p := range paths {
				id[p] = analyze.PkgID(i)
				g.Packages = append(g.Packages, &analyze.Package{ID: analyze.PkgID(i), Path: "example.com/m/" + p, Lines: 100})
				services = append(services, analyze.PkgID(i))
			}
			g.Packages[id["internal/catalog/service"]].Lines = 400 // catalog is the larger module
			accesses := tc.accesses
			if accesses == nil {
				accesses = base
			}
			for _, a := range accesses {
				p := id[a.pkg]
				g.Accesses = append(g.Accesses, analyze.TableAccess{Table: a.table, Op: a.op, Package: p, OriginPackage: p, Through: a.through})
			}
			refs := tc.refs
			if refs == nil {
				refs = baseRefs
			}
			for _, r := range refs {
				g.PkgEdges = append(g.PkgEdges, analyze.Edge{From: int32(id[r.from]), To: int32(id[r.to]), Refs: r.n, Weight: float64(r.n)})
			}
			fixed := map[int]int{}
			if tc.pinned {
				fixed[int(id["internal/messaging"])] = 0
			}
			of, apart := peelDataOwners(g, services, []int{0, 0, 0, 0}, fixed)
			catalog, messaging, api := of[id["internal/catalog/service"]], of[id["internal/messaging"]], of[id["internal/messaging/api"]]
			if of[id["internal/catalog/store"]] != catalog {
				t.Fatalf("the catalog module was split: %v", of)
			}
			if messaging != api {
				t.Fatalf("the messaging module was split: %v", of)
			}
			moved := ""
			switch {
			case messaging != 0 && catalog == 0:
				moved = "messaging"
			case catalog != 0 && messaging == 0:
				moved = "catalog"
			case catalog != 0 && messaging != 0:
				t.Fatalf("both modules moved: %v", of)
			}
			if moved != tc.moved {
				t.Errorf("kept apart: %q, want %q (assignment %v)", moved, tc.moved, of)
			}
			if want := map[string]int{"messaging": messaging, "catalog": catalog}[moved]; moved != "" && (len(apart) != 1 || apart[want] != apartNote{from: 0, spec: tc.pinned}) {
				t.Errorf("apart = %v, want {%d: {0 %v}}", apart, want, tc.pinned)
			} else if moved == "" && len(apart) != 0 {
				t.Errorf("apart = %v, want none", apart)
			}
		})
	}
}
