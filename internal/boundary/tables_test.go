package boundary

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/cluster"
)

var shopDir = filepath.Join("..", "..", "testdata", "shop")

var (
	shopOnce  sync.Once
	shopGraph *analyze.Graph
	shopErr   error
)

// loadShop loads the shop fixture with table detection, once.
func loadShop(t *testing.T) *analyze.Graph {
	t.Helper()
	if _, err := os.Stat(filepath.Join(shopDir, "tables.tsv")); err != nil {
		t.Skipf("shop fixture not present: %v", err)
	}
	shopOnce.Do(func() {
		shopGraph, shopErr = analyze.Load(context.Background(), analyze.Config{
			Dir: shopDir, Tables: true,
			Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off"),
		})
	})
	if shopErr != nil {
		t.Fatal(shopErr)
	}
	for _, e := range shopGraph.Errors {
		t.Fatalf("shop does not load cleanly: %s", e)
	}
	return shopGraph
}

// shopTable is one line of tables.tsv: the owning context and the other
// contexts that read or write the table.
type shopTable struct {
	owner            string
	readers, writers []string
}

func readTables(t *testing.T) map[string]shopTable {
	t.Helper()
	f, err := os.Open(filepath.Join(shopDir, "tables.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list := func(s string) []string {
		if s == "-" || s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	out := map[string]shopTable{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			continue
		}
		out[fields[0]] = shopTable{owner: fields[1], readers: list(fields[2]), writers: list(fields[3])}
	}
	return out
}

func readShopTruth(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shopDir, "truth.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if pkg, label, ok := strings.Cut(strings.TrimSpace(line), "\t"); ok {
			out[pkg] = label
		}
	}
	return out
}

// plantedAccesses are the accesses of a table by a context that does not
// own it, from PLANTED.md (section 3), as "table context op file:line".
var plantedAccesses = []string{
	"customer_addresses shipping read internal/shipping/store/orders.go:56",
	"order_items shipping read internal/shipping/store/orders.go:56",
	"orders payments write internal/payments/store.go:109",
	"orders shipping read internal/shipping/store/orders.go:56",
	"orders shipping read internal/shipping/store/orders.go:84",
	"reservations orders write internal/checkout/checkout.go:219",
	"stock_levels orders write internal/checkout/checkout.go:212",
}

// checkShopTables compares a model's tables with tables.tsv and
// PLANTED.md; ctx translates boundary names to truth contexts.
func checkShopTables(t *testing.T, g *analyze.Graph, m *Model, ctx func(string) string) {
	t.Helper()
	want := readTables(t)
	found := map[string]bool{}
	for _, a := range g.Accesses {
		found[a.Table] = true
	}
	for name, tb := range want {
		if !found[name] {
			t.Errorf("table %s not found", name)
		}
		_ = tb
	}
	for name := range found {
		if _, ok := want[name]; !ok {
			t.Errorf("table %s found but not in tables.tsv", name)
		}
	}
	owners := map[string]string{}
	for _, b := range m.Boundaries {
		for _, tb := range b.Tables {
			owners[tb] = ctx(b.Name)
		}
	}
	for name, tb := range want {
		if owners[name] != tb.owner {
			t.Errorf("table %s owned by %q, want %q", name, owners[name], tb.owner)
		}
	}
	// Exactly the shared tables are warned about, with the right
	// severity: another writer is high, another reader medium.
	wantWarn, gotWarn := map[string]string{}, map[string]string{}
	for name, tb := range want {
		switch {
		case len(tb.writers) > 0:
			wantWarn[name] = SeverityHigh
		case len(tb.readers) > 0:
			wantWarn[name] = SeverityMedium
		}
	}
	var foreign []string
	for _, w := range m.TableWarnings {
		gotWarn[w.Table] = w.Severity
		for _, a := range w.Accesses {
			if c := ctx(a.Boundary); c != want[w.Table].owner {
				foreign = append(foreign, fmt.Sprintf("%s %s %s %s:%d", w.Table, c, a.Op, a.File, a.Line))
			}
		}
	}
	if diff := cmp.Diff(wantWarn, gotWarn); diff != "" {
		t.Errorf("table warnings (-want +got):\n%s", diff)
	}
	sort.Strings(foreign)
	if diff := cmp.Diff(plantedAccesses, foreign); diff != "" {
		t.Errorf("accesses by non-owners (-want +got):\n%s", diff)
	}
}

// TestShopTablesOnTruth checks ownership and warnings with the shop's own
// contexts as the boundaries, so that detection and attribution are
// tested apart from clustering.
func TestShopTablesOnTruth(t *testing.T) {
	g := loadShop(t)
	truth := readShopTruth(t)
	m := &Model{}
	index := map[string]int{}
	boundaryOf := make([]int, len(g.Packages))
	for _, p := range g.Packages {
		label := truth[p.Path]
		boundaryOf[p.ID] = -1
		if label == "" || label == "shared" || label == "entrypoint" {
			continue
		}
		i, ok := index[label]
		if !ok {
			i = len(m.Boundaries)
			index[label] = i
			m.Boundaries = append(m.Boundaries, &Boundary{Name: label})
		}
		boundaryOf[p.ID] = i
	}
	tableOwnership(g, m, symbolPlaces(g, boundaryOf))
	checkShopTables(t, g, m, func(s string) string { return s })
	if m.Metrics.Tables != 21 {
		t.Errorf("Metrics.Tables = %d, want 21", m.Metrics.Tables)
	}
	// 3 of 21 tables have a second writer.
	if got, want := m.Metrics.TablePurity, 18.0/21; got != want {
		t.Errorf("TablePurity = %v, want %v", got, want)
	}
}

// TestShopTablesProposed checks the same on the proposal decompose makes,
// naming each boundary after the context most of its packages belong to.
func TestShopTablesProposed(t *testing.T) {
	g := loadShop(t)
	truth := readShopTruth(t)
	m, err := Propose(g, Options{Cluster: cluster.Options{Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctxOf := map[string]string{}
	for _, b := range m.Boundaries {
		votes := map[string]int{}
		best := ""
		for _, p := range b.Packages {
			votes[truth[p]]++
			if best == "" || votes[truth[p]] > votes[best] || votes[truth[p]] == votes[best] && truth[p] < best {
				best = truth[p]
			}
		}
		ctxOf[b.Name] = best
	}
	checkShopTables(t, g, m, func(s string) string { return ctxOf[s] })
}

// syntheticGraph has a shared-kernel store package and two service
// packages, orders and billing, each with one symbol.
func syntheticGraph(accesses []analyze.TableAccess) *analyze.Graph {
	g := &analyze.Graph{Module: "m"}
	for i, name := range []string{"store", "orders", "billing"} {
		g.Packages = append(g.Packages, &analyze.Package{ID: analyze.PkgID(i), Path: "m/" + name, Name: name})
		g.Symbols = append(g.Symbols, &analyze.Symbol{ID: analyze.SymID(i), Package: analyze.PkgID(i), Name: "S"})
		g.Files = append(g.Files, analyze.File{Path: name + "/" + name + ".go", Package: analyze.PkgID(i)})
	}
	g.Accesses = accesses
	return g
}

func access(table string, op analyze.AccessOp, sym, line int) analyze.TableAccess {
	p := analyze.Pos{File: analyze.FileID(sym), Line: int32(line)}
	return analyze.TableAccess{Table: table, Op: op, Symbol: analyze.SymID(sym), Package: analyze.PkgID(sym),
		Pos: p, Origin: p, OriginSymbol: analyze.SymID(sym), OriginPackage: analyze.PkgID(sym), Via: "database/sql"}
}

func through(a analyze.TableAccess, sym, line int) analyze.TableAccess {
	a.Through = true
	a.Symbol, a.Package = analyze.SymID(sym), analyze.PkgID(sym)
	a.Pos = analyze.Pos{File: analyze.FileID(sym), Line: int32(line)}
	return a
}

func TestTableOwnershipRules(t *testing.T) {
	t.Parallel()
	storeOrders := access("orders", analyze.Write, 0, 10)
	storeInvoices := access("invoices", analyze.Write, 0, 20)
	storeRead := access("orders", analyze.Read, 0, 30)
	ordersRead := access("orders", analyze.Read, 1, 8)
	g := syntheticGraph([]analyze.TableAccess{
		storeOrders, storeInvoices, storeRead, ordersRead,
		access("invoices", analyze.DDL, 1, 40), // DDL counts for nobody
		through(storeOrders, 1, 5),             // orders writes orders through the store
		through(storeInvoices, 2, 7),           // billing writes invoices through the store
		through(storeRead, 2, 9),               // billing reads orders through the store
		through(ordersRead, 2, 12),             // billing calls orders' code: a dependency, not a table share
	})
	m := &Model{Boundaries: []*Boundary{{Name: "orders"}, {Name: "billing"}}}
	tableOwnership(g, m, []int{-1, 0, 1})
	if diff := cmp.Diff([]string{"orders"}, m.Boundaries[0].Tables); diff != "" {
		t.Errorf("orders owns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"invoices"}, m.Boundaries[1].Tables); diff != "" {
		t.Errorf("billing owns (-want +got):\n%s", diff)
	}
	want := []TableWarning{{
		Table: "orders", Severity: SeverityMedium, Kind: WarnForeignRead, Owner: "orders",
		Writers: []string{"orders"}, Readers: []string{"billing"}, Boundaries: []string{"billing", "orders"},
		Accesses: []TableAccessSite{
			{Boundary: "billing", Package: "m/billing", Symbol: "m/billing.S", File: "billing/billing.go", Line: 9, Op: "read", Via: "database/sql", Through: "store/store.go:30"},
			{Boundary: "orders", Package: "m/orders", Symbol: "m/orders.S", File: "orders/orders.go", Line: 5, Op: "write", Via: "database/sql", Through: "store/store.go:10"},
			{Boundary: "orders", Package: "m/orders", Symbol: "m/orders.S", File: "orders/orders.go", Line: 8, Op: "read", Via: "database/sql"},
		},
	}}
	if diff := cmp.Diff(want, m.TableWarnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if m.Metrics.Tables != 2 || m.Metrics.TablePurity != 1 || m.Metrics.ForeignTableAccess != 0.25 {
		t.Errorf("metrics = %+v, want 2 tables, purity 1, foreign 0.25", m.Metrics)
	}
}

func TestTableOwnershipMultipleWriters(t *testing.T) {
	t.Parallel()
	g := syntheticGraph([]analyze.TableAccess{
		access("ledger", analyze.Write, 1, 1),
		access("ledger", analyze.Write, 2, 1),
		access("ledger", analyze.Write, 2, 2),
		access("ledger", analyze.Read, 1, 3),
	})
	m := &Model{Boundaries: []*Boundary{{Name: "orders"}, {Name: "billing"}}}
	tableOwnership(g, m, []int{-1, 0, 1})
	if len(m.TableWarnings) != 1 {
		t.Fatalf("warnings = %+v, want one", m.TableWarnings)
	}
	w := m.TableWarnings[0]
	// billing writes it twice, orders once: billing owns it.
	if w.Owner != "billing" || w.Severity != SeverityHigh || w.Kind != WarnMultipleWriters {
		t.Errorf("warning = %+v, want owner billing, high, multiple-writers", w)
	}
	if diff := cmp.Diff([]string{"billing", "orders"}, w.Writers); diff != "" {
		t.Errorf("writers (-want +got):\n%s", diff)
	}
	if m.Metrics.TablePurity != 0 {
		t.Errorf("TablePurity = %v, want 0", m.Metrics.TablePurity)
	}
}

func TestTableAffinity(t *testing.T) {
	t.Parallel()
	g := syntheticGraph([]analyze.TableAccess{
		access("t", analyze.Write, 0, 1), // the kernel package is not a node
		access("t", analyze.Write, 1, 1),
		access("t", analyze.Read, 2, 1),
		access("u", analyze.Read, 1, 2),
		access("u", analyze.Read, 2, 2),
	})
	cg := cluster.NewGraph(2)
	addTableAffinity(g, cg, []int{-1, 0, 1}, []Role{RoleShared, RoleService, RoleService})
	want := []cluster.Edge{{U: 0, V: 1, Weight: TableWriteRead + TableCoRead}}
	if diff := cmp.Diff(want, cg.Edges()); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}
