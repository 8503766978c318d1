package boundary

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// loadArchive writes a txtar archive from testdata into a temporary module
// and loads it with types.
func loadArchive(t *testing.T, name string) *analyze.Graph {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := analyze.Load(context.Background(), analyze.Config{
		Dir: dir, Types: true,
		Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Errors {
		t.Fatalf("%s does not load cleanly: %s", name, e)
	}
	return g
}

func proposeTwice(t *testing.T, g *analyze.Graph) *Model {
	t.Helper()
	m, err := Propose(g, Options{Level: "symbol"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Propose(g, Options{Level: "symbol"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, again) {
		t.Fatal("two proposals of the same graph differ")
	}
	return m
}

func boundaryNamed(t *testing.T, m *Model, name string) *Boundary {
	t.Helper()
	for _, b := range m.Boundaries {
		if b.Name == name {
			return b
		}
	}
	t.Fatalf("no boundary %q", name)
	return nil
}

// TestSymbolLevelGodPackage: the god package's types join their contexts,
// the logger stays whole in the shared kernel, and the API, dependencies,
// cycle and extraction order count what the code does (the counts below
// are by hand from testdata/symbols.txtar).
func TestSymbolLevelGodPackage(t *testing.T) {
	t.Parallel()
	g := loadArchive(t, "symbols.txtar")
	m := proposeTwice(t, g)
	const mod = "example.com/g/internal/"

	if m.Level != "symbol" || len(m.Boundaries) != 2 {
		t.Fatalf("level %s, %d boundaries, want symbol and 2", m.Level, len(m.Boundaries))
	}
	orders, billing := boundaryNamed(t, m, "orders"), boundaryNamed(t, m, "billing")
	if diff := cmp.Diff([]string{mod + "orders", mod + "orders/store"}, orders.Packages); diff != "" {
		t.Errorf("orders packages (-want +got):\n%s", diff)
	}
	wantSplits := []Split{{
		Package: mod + "models",
		Parts: []SplitPart{
			{Boundary: "billing", Symbols: []string{"Invoice", "InvoiceOpen", "InvoiceStatus"}, Lines: 11},
			{Boundary: "orders", Symbols: []string{"Order", "OrderLine"}, Lines: 10},
		},
	}}
	if diff := cmp.Diff(wantSplits, m.Splits); diff != "" {
		t.Errorf("splits (-want +got):\n%s", diff)
	}
	for _, want := range []string{mod + "models.Order", mod + "models.OrderLine", mod + "orders.Charger"} {
		if !contains(orders.Symbols, want) {
			t.Errorf("orders symbols lack %s: %v", want, orders.Symbols)
		}
	}
	var shared []string
	for _, s := range m.Shared {
		shared = append(shared, s.Package)
		if s.Package == mod+"models" && !strings.HasPrefix(s.Reason, "god package, to split: ") {
			t.Errorf("models reason %q", s.Reason)
		}
	}
	if diff := cmp.Diff([]string{mod + "log", mod + "models"}, shared); diff != "" {
		t.Errorf("shared (-want +got):\n%s", diff)
	}

	// billing's Refund reads orders' model and calls its service: the
	// Orders field's type (billing.go:12), Lookup (:26), o.ID and o.Total
	// (:27). orders uses billing.Service only through its Charger
	// interface, wired in main (main.go:12): the implementation counts as
	// orders depending on billing.
	type api struct {
		Symbol string
		Refs   int
		Users  []BoundaryRef
		Data   bool
	}
	apis := func(b *Boundary) (out []api) {
		for _, a := range b.API {
			out = append(out, api{a.Symbol, a.Refs, a.Users, a.DataType})
		}
		return out
	}
	if diff := cmp.Diff([]api{
		{mod + "models.Order", 2, []BoundaryRef{{"billing", 2}}, true},
		{mod + "orders.Service", 2, []BoundaryRef{{"billing", 2}}, false},
	}, apis(orders)); diff != "" {
		t.Errorf("orders API (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]api{{mod + "billing.Service", 1, []BoundaryRef{{"orders", 1}}, false}}, apis(billing)); diff != "" {
		t.Errorf("billing API (-want +got):\n%s", diff)
	}
	wantDeps := []Dependency{
		{From: "billing", To: "orders", Refs: 4, Symbols: 2,
			Samples: []string{"internal/billing/billing.go:12", "internal/billing/billing.go:26", "internal/billing/billing.go:27"},
			Links: []Link{
				{From: mod + "billing.Service", To: mod + "models.Order", Refs: 2, Kinds: []string{"field"}, Samples: []string{"internal/billing/billing.go:27"}},
				{From: mod + "billing.Service", To: mod + "orders.Service", Refs: 2, Kinds: []string{"call", "type"}, Samples: []string{"internal/billing/billing.go:12", "internal/billing/billing.go:26"}},
			}},
		{From: "orders", To: "billing", Refs: 1, Symbols: 1,
			Samples: []string{"cmd/app/main.go:12"},
			Links:   []Link{{From: mod + "orders.Charger", To: mod + "billing.Service", Refs: 1, Kinds: []string{"implement"}, Samples: []string{"cmd/app/main.go:12"}}}},
	}
	if diff := cmp.Diff(wantDeps, m.Dependencies); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"billing", "orders"}}, m.Cycles); diff != "" {
		t.Errorf("cycles (-want +got):\n%s", diff)
	}
	wantOrder := []Step{
		{Boundary: "billing", Break: []Dependency{wantDeps[1]}, Calls: []BoundaryRef{{"orders", 4}},
			Reason: "once its cycle is broken, nothing left depends on it"},
		{Boundary: "orders", Reason: "nothing left depends on it, and it calls nothing left"},
	}
	if diff := cmp.Diff(wantOrder, m.Order); diff != "" {
		t.Errorf("extraction order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]DataType{{Symbol: mod + "models.Order", Owner: "orders", UsedBy: []string{"billing"}, Refs: 2}}, m.DataTypes); diff != "" {
		t.Errorf("data types (-want +got):\n%s", diff)
	}
}

// TestSymbolLevelFragments: a type only another boundary uses is a part
// of its package that moves there (a split); a single small helper only
// another boundary calls moves in the clustering but is kept home; and a
// boundary using eight or more distinct symbols of another is chatty.
func TestSymbolLevelFragments(t *testing.T) {
	t.Parallel()
	g := loadArchive(t, "chatty.txtar")
	m := proposeTwice(t, g)
	const mod = "example.com/c/internal/"

	wantSplits := []Split{{
		Package: mod + "catalog",
		Parts: []SplitPart{
			{Boundary: "catalog", Symbols: []string{"Category", "Exists", "Get", "Name", "Price", "Product", "Search", "Tags", "Weight"}, Lines: 20},
			{Boundary: "shipping", Symbols: []string{"Label"}, Lines: 19},
		},
	}}
	if diff := cmp.Diff(wantSplits, m.Splits); diff != "" {
		t.Errorf("splits (-want +got):\n%s", diff)
	}
	if b := boundaryNamed(t, m, "catalog"); !contains(b.Symbols, mod+"catalog/store.FormatSKU") {
		t.Errorf("catalog lost FormatSKU: %v", b.Symbols)
	}
	var chatty []string
	for _, d := range m.Dependencies {
		if d.Chatty {
			chatty = append(chatty, d.From+"→"+d.To)
		}
		if d.From == "shipping" && d.To == "catalog" && d.Symbols != 10 {
			t.Errorf("shipping uses %d symbols of catalog, want 10", d.Symbols)
		}
	}
	if diff := cmp.Diff([]string{"shipping→catalog"}, chatty); diff != "" {
		t.Errorf("chatty (-want +got):\n%s", diff)
	}

	// The helper did move in the clustering: the fold kept it home.
	pm, err := Propose(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp := &symbolProposal{g: g, roles: make([]Role, len(g.Packages)), pkgBoundary: make([]int, len(g.Packages))}
	for bi, b := range pm.Boundaries {
		for _, path := range b.Packages {
			sp.pkgBoundary[g.Package(path).ID] = bi
		}
	}
	part, err := sp.cluster(Options{}.Cluster)
	if err != nil {
		t.Fatal(err)
	}
	sp.labelCommunities(part)
	var helper analyze.SymID = -1
	for _, s := range g.Symbols {
		if g.SymbolName(s.ID) == mod+"catalog/store.FormatSKU" {
			helper = s.ID
		}
	}
	store := sp.pkgBoundary[g.Package(mod+"catalog/store").ID]
	if sp.label[helper] == store {
		t.Fatalf("FormatSKU stayed with catalog/store in the clustering; the fold is not exercised")
	}
	sp.foldServicePackages()
	if sp.label[helper] != store {
		t.Errorf("FormatSKU was not folded back into catalog/store")
	}
}

// TestSignificant pins the split thresholds.
func TestSignificant(t *testing.T) {
	t.Parallel()
	main := pkgPart{label: 0, lines: 400, symbols: make([]analyze.SymID, 20), types: 3}
	for _, tc := range []struct {
		name string
		part pkgPart
		want bool
	}{
		{"one small func", pkgPart{label: 1, lines: 10, symbols: make([]analyze.SymID, 1)}, false},
		{"a type", pkgPart{label: 1, lines: 30, symbols: make([]analyze.SymID, 1), types: 1}, true},
		{"a tiny type", pkgPart{label: 1, lines: 10, symbols: make([]analyze.SymID, 1), types: 1}, false},
		{"a type of a few lines", pkgPart{label: 1, lines: 9, symbols: make([]analyze.SymID, 1), types: 1}, false},
		{"three funcs", pkgPart{label: 1, lines: 30, symbols: make([]analyze.SymID, 3)}, true},
		{"a quarter in one func", pkgPart{label: 1, lines: 200, symbols: make([]analyze.SymID, 1)}, true},
	} {
		all := []pkgPart{main, tc.part}
		if tc.name == "a type of a few lines" {
			all[0].lines = 30 // a share of 23%: only the size keeps it out
		}
		if got := tc.part.significant(nil, all); got != tc.want {
			t.Errorf("%s: significant = %v, want %v", tc.name, got, tc.want)
		}
	}
}
