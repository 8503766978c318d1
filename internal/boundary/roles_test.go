package boundary

import (
	"strings"
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// TestSpreadRuleLeavesDataAlone: after a clustering, the spread rule sets
// aside a leaf package that three boundaries use evenly (an HTTP helper),
// but not a store whose table other service code queries too, however
// many boundaries import it (a layered monolith's store/orders, imported
// where it should not be).
func TestSpreadRuleLeavesDataAlone(t *testing.T) {
	paths := []string{"cmd/app", "a/api", "b/api", "c/api", "store/orders", "store/billing", "store/users", "platform/httpx"}
	g, id, imp := toyModule(paths...)
	for _, api := range []string{"a/api", "b/api", "c/api"} {
		imp("cmd/app", api)
		imp(api, "store/orders")
		imp(api, "platform/httpx")
	}
	imp("a/api", "platform/httpx") // a second file's import
	imp("b/api", "store/billing")
	imp("c/api", "store/users")
	access := func(pkg, table string, op analyze.AccessOp) {
		p := id[pkg]
		g.Accesses = append(g.Accesses, analyze.TableAccess{Table: table, Op: op, Package: p, OriginPackage: p})
	}
	access("store/orders", "orders", analyze.Write)
	access("store/billing", "orders", analyze.Read)
	access("store/billing", "invoices", analyze.Write)
	access("store/users", "users", analyze.Write)

	roles := make([]Role, len(paths))
	roles[id["cmd/app"]] = RoleEntrypoint
	var services []analyze.PkgID
	var of []int
	for p, b := range map[string]int{"a/api": 0, "store/orders": 0, "platform/httpx": 0, "b/api": 1, "store/billing": 1, "c/api": 2, "store/users": 2} {
		services = append(services, id[p])
		of = append(of, b)
	}
	adj := &roleAdjustments{exempt: map[analyze.PkgID]bool{}, extra: map[analyze.PkgID]SharedPackage{}}
	adj.update(g, roles, map[analyze.PkgID]SharedPackage{}, services, of)
	if s, ok := adj.extra[id["platform/httpx"]]; !ok {
		t.Errorf("platform/httpx, used evenly by three boundaries, is not set aside: %v", adj.extra)
	} else if s.ImportedBy != 3 {
		t.Errorf("platform/httpx imported by %d, want 3 packages (a/api imports it from two files)", s.ImportedBy)
	}
	if s, ok := adj.extra[id["store/orders"]]; ok {
		t.Errorf("store/orders, whose table store/billing reads too, is set aside: %s", s.Reason)
	}

	// Without the second reader the store is just a leaf the three use.
	g.Accesses = g.Accesses[:1]
	adj = &roleAdjustments{exempt: map[analyze.PkgID]bool{}, extra: map[analyze.PkgID]SharedPackage{}}
	adj.update(g, roles, map[analyze.PkgID]SharedPackage{}, services, of)
	if _, ok := adj.extra[id["store/orders"]]; !ok {
		t.Errorf("store/orders with a table of its own is not set aside by the spread rule: %v", adj.extra)
	}
}

// TestBackRuleNeedsMajority: a package the fan-in rule set aside goes back
// to a boundary only when most of its service importers sit there; a
// plurality (a clock whose importers a big boundary happens to hold three
// of seven) is not enough.
func TestBackRuleNeedsMajority(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inBig  int // importers in boundary 0; the others are one per boundary
		others int
		exempt bool
	}{
		{"plurality", 3, 4, false},
		{"majority", 4, 2, true},
	} {
		g := &analyze.Graph{Module: "example.com/m"}
		add := func(path string) analyze.PkgID {
			id := analyze.PkgID(len(g.Packages))
			g.Packages = append(g.Packages, &analyze.Package{ID: id, Path: "example.com/m/" + path})
			return id
		}
		clock := add("platform/clock")
		roles := []Role{RoleShared}
		why := map[analyze.PkgID]SharedPackage{clock: {Package: "example.com/m/platform/clock", Reason: "imported by 7 of 8 packages"}}
		var services []analyze.PkgID
		var of []int
		for i := range tc.inBig + tc.others {
			id := add("ctx" + string(rune('a'+i)))
			roles = append(roles, RoleService)
			g.Imports = append(g.Imports, analyze.Import{From: id, To: clock})
			services = append(services, id)
			of = append(of, max(0, i-tc.inBig+1))
		}
		adj := &roleAdjustments{exempt: map[analyze.PkgID]bool{}, extra: map[analyze.PkgID]SharedPackage{}}
		adj.update(g, roles, why, services, of)
		if adj.exempt[clock] != tc.exempt {
			t.Errorf("%s: %d of %d importers in one boundary: exempt = %v, want %v", tc.name, tc.inBig, tc.inBig+tc.others, adj.exempt[clock], tc.exempt)
		}
	}
}

// TestEntryPointSupportLeavesDataAlone: a package only the entry points
// import, importing no service code, is composition (a config loader),
// unless it queries tables service code queries too (a sales report).
func TestEntryPointSupportLeavesDataAlone(t *testing.T) {
	g, id, imp := toyModule("cmd/reportgen", "reports/sales", "platform/flags", "orders/store", "orders/api")
	for _, im := range [][2]string{{"cmd/reportgen", "reports/sales"}, {"cmd/reportgen", "platform/flags"}, {"cmd/reportgen", "orders/api"}, {"orders/api", "orders/store"}} {
		imp(im[0], im[1])
	}
	for _, a := range []struct {
		pkg string
		op  analyze.AccessOp
	}{{"orders/store", analyze.Write}, {"reports/sales", analyze.Read}} {
		p := id[a.pkg]
		g.Accesses = append(g.Accesses, analyze.TableAccess{Table: "orders", Op: a.op, Package: p, OriginPackage: p})
	}
	roles, why := rolesWith(g, nil, nil)
	if roles[id["platform/flags"]] != RoleShared {
		t.Errorf("platform/flags, used only by the entry point: role %v, want shared", roles[id["platform/flags"]])
	}
	if roles[id["reports/sales"]] != RoleService {
		t.Errorf("reports/sales, reading the orders table: %s, want a service package", why[id["reports/sales"]].Reason)
	}
}

// TestDataSharers: a package shares data when another service package
// queries one of its tables in its own code; calls into its query
// functions (accesses attributed through them) do not count.
func TestDataSharers(t *testing.T) {
	g := &analyze.Graph{Module: "example.com/m"}
	for i, p := range []string{"platform/events", "orders", "billing"} {
		g.Packages = append(g.Packages, &analyze.Package{ID: analyze.PkgID(i), Path: "example.com/m/" + p})
	}
	const events, orders, billing = 0, 1, 2
	g.Accesses = []analyze.TableAccess{
		{Table: "outbox", Op: analyze.Write, Package: events, OriginPackage: events},
		{Table: "outbox", Op: analyze.Write, Package: orders, OriginPackage: events, Through: true},
		{Table: "outbox", Op: analyze.Write, Package: billing, OriginPackage: events, Through: true},
		{Table: "orders", Op: analyze.Write, Package: orders, OriginPackage: orders},
		{Table: "orders", Op: analyze.Read, Package: billing, OriginPackage: billing},
	}
	got := dataSharers(g, []Role{RoleService, RoleService, RoleService})
	if got[events] {
		t.Error("platform/events, whose outbox is written only through calls, counts as sharing data")
	}
	if !got[orders] || !got[billing] {
		t.Errorf("orders and billing both query the orders table: sharers %v", got)
	}
}

// TestSpreadRuleTakesHelpersAlong: an HTTP helper that three boundaries
// use evenly goes to the shared kernel together with the logger it
// imports (the kernel cannot depend on a service), unless the logger is
// the helper's own implementation (nobody else, not even main, imports
// it, or it lives below the helper: a service's store) or either of them
// queries tables.
func TestSpreadRuleTakesHelpersAlong(t *testing.T) {
	for _, tc := range []struct {
		name     string
		logger   string // the logger's path
		mainUses bool   // the entry point imports the logger too
		queries  string // package with a query of its own, "" for none
		importer string // another package importing the logger, "" for none
		setAside bool
	}{
		{"helper and logger", "platform/log", true, "", "", true},
		{"logger private to the helper", "platform/log", false, "", "", false},
		{"logger below the helper", "platform/httpx/log", true, "", "", false},
		// Used by a/api too, so not the helper's own, but not set up by
		// main: a domain package an application service imports.
		{"logger main does not import", "platform/log", false, "", "a/api", false},
		{"logger queries a table", "platform/log", true, "platform/log", "", false},
		{"helper queries a table", "platform/log", true, "platform/httpx", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths := []string{"cmd/app", "a/api", "b/api", "c/api", "platform/httpx", tc.logger}
			g, id, imp := toyModule(paths...)
			for _, api := range []string{"a/api", "b/api", "c/api"} {
				imp("cmd/app", api)
				imp(api, "platform/httpx")
			}
			imp("platform/httpx", tc.logger)
			if tc.mainUses {
				imp("cmd/app", tc.logger)
			}
			if tc.importer != "" {
				imp(tc.importer, tc.logger)
			}
			if tc.queries != "" {
				p := id[tc.queries]
				g.Accesses = append(g.Accesses, analyze.TableAccess{Table: "audit", Op: analyze.Write, Package: p, OriginPackage: p})
			}
			roles := make([]Role, len(paths))
			roles[id["cmd/app"]] = RoleEntrypoint
			services := []analyze.PkgID{id["a/api"], id["b/api"], id["c/api"], id["platform/httpx"], id[tc.logger]}
			of := []int{0, 1, 2, 0, 0}
			adj := &roleAdjustments{exempt: map[analyze.PkgID]bool{}, extra: map[analyze.PkgID]SharedPackage{}}
			adj.update(g, roles, map[analyze.PkgID]SharedPackage{}, services, of)
			_, helper := adj.extra[id["platform/httpx"]]
			logger, withLogger := adj.extra[id[tc.logger]]
			if helper != tc.setAside || withLogger != tc.setAside {
				t.Fatalf("set aside: helper %v, logger %v; want both %v (%v)", helper, withLogger, tc.setAside, adj.extra)
			}
			if tc.setAside && logger.Reason != "needed by shared kernel platform/httpx" {
				t.Errorf("logger's reason %q", logger.Reason)
			}
			// A second round sees both out of the clustering and must
			// reach the same verdict: the roles settle.
			if tc.setAside {
				roles2 := append([]Role(nil), roles...)
				roles2[id["platform/httpx"]], roles2[id[tc.logger]] = RoleShared, RoleShared
				if adj.update(g, roles2, map[analyze.PkgID]SharedPackage{}, services[:3], of[:3]) {
					t.Errorf("the second round changed the roles: %v", adj.extra)
				}
			}
		})
	}
}

// toyModule is a module example.com/m of the given packages (those under
// cmd/ are package main); imp adds an import between two of them.
func toyModule(paths ...string) (g *analyze.Graph, id map[string]analyze.PkgID, imp func(from, to string)) {
	g = &analyze.Graph{Module: "example.com/m"}
	id = map[string]analyze.PkgID{}
	for i, p := range paths {
		id[p] = analyze.PkgID(i)
		g.Packages = append(g.Packages, &analyze.Package{ID: analyze.PkgID(i), Path: "example.com/m/" + p, IsMain: strings.HasPrefix(p, "cmd/")})
	}
	imp = func(from, to string) {
		g.Imports = append(g.Imports, analyze.Import{From: id[from], To: id[to]})
	}
	return g, id, imp
}
