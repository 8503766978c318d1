package boundary

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// TestSymbolLevelShop runs the symbol level on the example monolith and
// holds it to the fixture's ground truth: truth-symbols.tsv for the god
// package internal/models, PLANTED.md for the cycle.
func TestSymbolLevelShop(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "shop")
	if _, err := os.Stat(filepath.Join(dir, "truth-symbols.tsv")); err != nil {
		t.Skipf("shop fixture not present: %v", err)
	}
	g, err := loadShopSymbols(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := proposeTwice(t, g)
	const mod = "example.com/shop/internal/"

	// models is split, each context's symbols together, different
	// contexts apart: the proposal's parts and the truth's contexts map
	// one to one. No other package is split.
	truth := readTSV(t, filepath.Join(dir, "truth-symbols.tsv"))
	if len(m.Splits) != 1 || m.Splits[0].Package != mod+"models" {
		t.Fatalf("splits: %+v, want internal/models only", m.Splits)
	}
	s := m.Splits[0]
	if len(s.Shared) > 0 {
		t.Errorf("models symbols left in the shared kernel: %v", s.Shared)
	}
	contextOf := map[string]string{} // boundary -> truth context
	for _, p := range s.Parts {
		for _, name := range p.Symbols {
			ctx, ok := truth[mod+"models."+name]
			if !ok {
				t.Errorf("truth-symbols.tsv lacks models.%s", name)
				continue
			}
			if prev, ok := contextOf[p.Boundary]; ok && prev != ctx {
				t.Errorf("boundary %s gets models symbols of %s and %s (%s)", p.Boundary, prev, ctx, name)
			}
			contextOf[p.Boundary] = ctx
		}
	}
	seen := map[string]string{}
	for b, ctx := range contextOf {
		if other, ok := seen[ctx]; ok {
			t.Errorf("context %s is split between %s and %s", ctx, b, other)
		}
		seen[ctx] = b
	}
	if len(seen) != 6 {
		t.Errorf("models parts cover %d contexts, want 6", len(seen))
	}
	for _, sh := range m.Shared {
		if strings.Contains(sh.Package, "/platform/") && strings.HasPrefix(sh.Reason, "god package") {
			t.Errorf("kernel package %s proposed for a split", sh.Package)
		}
	}

	// Every API entry counts exactly the references into its symbol from
	// symbols of other boundaries (recounted here from the graph and the
	// boundaries' symbol lists), and its users add up.
	boundaryOf := map[string]string{}
	for _, b := range m.Boundaries {
		for _, name := range b.Symbols {
			boundaryOf[name] = b.Name
		}
	}
	recount := map[string]map[string]int{} // symbol -> user boundary -> refs
	for _, e := range g.SymEdges {
		from, to := g.SymbolName(analyze.SymID(e.From)), g.SymbolName(analyze.SymID(e.To))
		if e.Kinds == analyze.RefImplement {
			from, to = to, from
		}
		bf, bt := boundaryOf[from], boundaryOf[to]
		if bf == "" || bt == "" || bf == bt {
			continue
		}
		if recount[to] == nil {
			recount[to] = map[string]int{}
		}
		recount[to][bf] += e.Refs
	}
	for _, b := range m.Boundaries {
		for _, a := range b.API {
			users := map[string]int{}
			for _, u := range a.Users {
				users[u.Name] = u.Refs
			}
			if diff := cmp.Diff(recount[a.Symbol], users); diff != "" {
				t.Errorf("%s API %s users (-recounted +reported):\n%s", b.Name, a.Symbol, diff)
			}
			delete(recount, a.Symbol)
		}
	}
	for sym := range recount {
		t.Errorf("%s is used across boundaries but in no API", sym)
	}

	// The planted cycle between orders and payments, with the references
	// PLANTED.md names among those forming it.
	if diff := cmp.Diff([][]string{{"orders", "payments"}}, m.Cycles); diff != "" {
		t.Fatalf("cycles (-want +got):\n%s", diff)
	}
	evidence := map[string]bool{}
	for _, e := range g.SymEdges {
		from, to := boundaryOf[g.SymbolName(analyze.SymID(e.From))], boundaryOf[g.SymbolName(analyze.SymID(e.To))]
		if (from == "orders" && to == "payments") || (from == "payments" && to == "orders") {
			for _, p := range e.Evidence {
				evidence[g.PosString(p)] = true
			}
		}
	}
	for _, site := range []string{
		"internal/checkout/checkout.go:69",         // orders → payments: the field
		"internal/checkout/checkout.go:177",        // s.payments.Authorize
		"internal/payments/webhook/webhook.go:38",  // payments → orders: the field
		"internal/payments/webhook/webhook.go:84",  // h.orders.MarkPaid
		"internal/payments/webhook/webhook.go:91",  // h.orders.Cancel
		"internal/payments/refunds/refunds.go:81",  // s.orders.Get (the store)
		"internal/payments/refunds/refunds.go:127", // s.orders.UpdateStatus
	} {
		if !evidence[site] {
			t.Errorf("cycle evidence lacks %s", site)
		}
	}
	var steps []string
	for _, st := range m.Order {
		steps = append(steps, st.Boundary)
	}
	if len(steps) != len(m.Boundaries) {
		t.Errorf("extraction order %v does not name every boundary once", steps)
	}
	sort.Strings(steps)
	for i := 1; i < len(steps); i++ {
		if steps[i] == steps[i-1] {
			t.Errorf("extraction order names %s twice", steps[i])
		}
	}
}

func loadShopSymbols(dir string) (*analyze.Graph, error) {
	return analyze.Load(context.Background(), analyze.Config{
		Dir: dir, Types: true,
		Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off"),
	})
}

// readTSV reads "key<TAB>value" lines, skipping blanks and comments.
func readTSV(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out[k] = v
	}
	return out
}
