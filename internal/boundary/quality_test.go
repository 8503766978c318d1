package boundary_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/cluster"
)

// The example monoliths under testdata/ come with a ground truth: which
// business context each package belongs to ("shared" for the shared
// kernel, "entrypoint" for package main). shop is the one we develop
// against; clinic and fleet were written by others to other conventions.
// clinic was looked at while the role rules were written; fleet was held
// out from them (69.0 at γ = 1) but then showed the resolution limit that
// the automatic resolution (cluster/auto.go) was designed against, so it
// is development data too now. minMoJoFM guards against regressions;
// strict also demands that no boundary mixes two contexts.
var monoliths = []struct {
	name      string
	minMoJoFM float64
	strict    bool
	roles     bool // the kernel and entry points match the truth exactly
}{
	{"shop", 100, true, true},
	{"clinic", 97, false, true}, // scheduling/reminders leans to patients (see its README)
	// fleet: 69.0 at γ = 1, 95.2 with the automatic resolution, 85.7 with
	// the name affinity (lexical.go): customers merges with billing at a
	// firm γ = 1 (its NOTES.md calls web/portal, notify and shipments
	// arguable); 90.5 with the back rule's majority.
	{"fleet", 90, false, false},
	// learn was held out until the automatic resolution was fixed: 70.6
	// then; 92.2 after the entry-point exception of the private rule
	// (roles.go), written after seeing it; 100 with the name affinity;
	// 98.0 once a larger module may be kept apart from a smaller one it
	// uses (peel.go): billing is kept apart from its Stripe client and
	// legacy coupons package.
	{"learn", 98, false, true},
	// hotel (a layered layout) was held out until then: 90.2, its
	// reservation store taken for kernel. The spread rule's data exception
	// (roles.go, dataSharers) was written after seeing it: 96.1. Keeping
	// data-owning modules apart (peel.go) gives 94.1: the guest module is
	// kept apart from loyalty, a split its NOTES.md calls "very
	// defensible" though its truth joins them.
	{"hotel", 94, false, false},
	// insure (flat top-level packages, many small contexts) was held out
	// until the two role fixes: 71.1 then, its small contexts folded into
	// their neighbours; 93.3 with the name affinity, designed after.
	{"insure", 93, false, true},
	// ride was held out against the method above and scored once: 81.6.
	// Its one- and two-package contexts (modules/ratings, modules/wallet,
	// promotions) fold into the contexts whose code they call, and a
	// worker named after nothing its context's paths share goes where
	// its references go.
	{"ride", 83, false, true},
	// crm was held out against the same method and scored once: 78.7,
	// with platform/clock given back to a boundary by the back rule on a
	// passing clustering's plurality. The majority the rule now needs
	// was written after seeing it: 83.0. Its NOTES.md disputes
	// accounts/permissions (taken for kernel) and jobs/nightly.
	{"crm", 82, false, false},
	// tickets (hexagonal: domain/app/ports/adapters per context) was held
	// out against the method above and scored once: 87.5, its reports
	// over the orders tables taken for entry-point support. The data
	// exception of that rule was written after seeing it: 89.6. Its
	// one-package fraud and two-package marketing contexts fold into
	// their neighbours. Keeping data-owning modules apart (peel.go,
	// written after seeing it, with payroll and market) separates
	// marketing: 93.8.
	{"tickets", 93, false, true},
	// payroll (an RPC-style monolith: generated proto/<context>pb packages,
	// services/<context>/...) was held out against the final method and
	// scored once: 82.2. Two contexts' proto packages, imported by most
	// others, are taken for kernel; people and leave, which import each
	// other, merge; two-package expenses folds into payroll. Keeping
	// data-owning modules apart (peel.go, written after) separates leave:
	// 88.9. expenses stays, as payroll's store writes its table.
	{"payroll", 88, false, false},
	// market (mixed layout) was held out against the final method and
	// scored once: 86.5. Two-package messaging and one-package reviews
	// fold into the contexts they call; disputes, which its author
	// labelled orders but calls its own context in NOTES.md, goes with
	// payments. Keeping data-owning modules apart (peel.go, written
	// after) separates messaging and disputes: 94.6; and 97.3 once the
	// catalog, which calls into the one-package reviews, can be the one
	// kept apart.
	{"market", 97, false, true},
	// library (layered handlers/, services/, repositories/ for the older
	// contexts, internal/<area> for the newer), newsroom (internal/<context>
	// with three one-package contexts) and warehouse (hexagonal
	// modules/<name>/{api,app,domain,infra}, legacy/) were held out against
	// the method of commit d0bda07 (peel.go included) and scored once:
	// 86.0, 89.1 and 85.1. Written after seeing them: peel.go lets the
	// module kept apart read the rest's tables, splits a boundary
	// repeatedly, smallest module first, and may keep apart a larger
	// module that uses a smaller one (newsroom's comments, newsletter and
	// subscriptions around the one-package accounts: 95.7; warehouse's
	// labor: 89.4); the spread rule takes along the few packages a helper
	// imports (library's httputil and the logging it imports: 88.0).
	{"library", 88, false, false},
	{"newsroom", 95, false, false},
	{"warehouse", 89, false, true},
	// rentals (flat internal/<area> packages, one api/<area> tree of
	// handlers) was held out against the method of commit fda3296 and
	// scored once: 83.0 (the method of d0bda07 scores the same). Its
	// truth's leasing context (12 packages) is three boundaries here,
	// its communications context is folded into leasing. Comparing path
	// words by stem (naming.go), written after seeing it, lets
	// api/messages meet internal/messaging: 87.2.
	{"rentals", 87, false, false},
	// utility (services/<context>/... for the rebuilt contexts, an older
	// core/ tree holding several, a kit/ kernel) was held out against the
	// methods of commits fda3296 and be91392 and scored once with each:
	// 95.8 both times. Every shared-kernel package and entry point is
	// recognised; core/accounts/sites goes with switching, and
	// core/billing/dunning (labelled collections) is a boundary of its own.
	{"utility", 95, false, true},
	// school (ported from Rails: controllers/, services/, repositories/,
	// jobs/ with a sub-package per area) was held out against the method
	// of commit cb4bbf9 and scored once: 91.7 (87.5 with d0bda07's).
	// guardians goes with the cafeteria, whose meal accounts they fund,
	// and the year-end rollover job with scheduling.
	{"school", 91, false, false},
	// telecom (business packages at the module root, a platform/ tree)
	// was held out against the same method and scored once: 98.0 (90.0
	// with d0bda07's), every kernel package and entry point recognised;
	// the root numbers package goes with subscribers.
	{"telecom", 97, false, true},
	// airline (pkg/<context> with domain/ and adapters/, an old pkg/core
	// mixing two contexts) was held out against the same default
	// clustering (commit c876404) and scored once: 89.4. Its misses are
	// labels its NOTES.md calls disputable: pkg/core and pkg/notify taken
	// for kernel, two-package disruption folded into booking.
	{"airline", 89, false, false},
	// lending (internal/<context>, newer contexts at the top level, a
	// workers/ tree with a job per area) was held out against the same
	// default clustering (commit 5a3d3fb) and scored once: 96.1 (82.4
	// with d0bda07's). The two-package ledger goes with servicing.
	{"lending", 96, false, true},
	// recruiting (internal/app, internal/http and internal/db per
	// context, six legacy areas in internal/<name>) was held out against
	// the same default clustering (commit efcb6d1) and scored once: 93.9.
	// Its http/middleware, which reads the accounts store, goes with
	// accounts.
	{"recruiting", 93, false, false},
	// restaurant (flat root packages for the oldest areas, internal/<context>
	// for the newer, and a non-main app/ package wiring it all) and
	// streaming (go-kit style services/<context>/{endpoint,transport,
	// service,store}) were held out against the same default clustering
	// (commit aafa028) and scored once: 78.7 and 91.5. restaurant's app
	// package, a composition root that is not package main, is clustered
	// as service code and glues loyalty and its config into payments;
	// kitchen folds into the point of sale. streaming's rights goes with
	// the catalog.
	{"restaurant", 78, false, false},
	{"streaming", 91, false, false},
	// courier (DDD layered by layer: domain/, application/,
	// infrastructure/persistence/, interfaces/http/ per context) was held
	// out against the same default clustering (commit d9dcdb1) and scored
	// once: 46.2, against 82.7 with the method at the start of the
	// session. The spread rule's take-along, new then, set application
	// services used by three contexts aside with their domain packages,
	// and the HTTP packages followed as entry-point support. Taking along
	// only packages the entry points import themselves, written after
	// seeing it, gives 76.9 and changes no other fixture; the spread rule
	// still takes domain/tracking, used by four contexts, and the rest of
	// tracking follows.
	{"courier", 76, false, false},
	// gym (internal/<context>, an internal/legacy tree holding two areas)
	// was held out against the final method (commit eb85352) and scored
	// once: 91.3 (87.0 with the session-start method). Its misses are
	// labels its NOTES.md calls disputable: legacy/common (shared), the
	// lockers that write billing's invoices, a read-only reports package.
	{"gym", 91, false, false},
	// pharmacy (DDD layered by layer, like courier) was held out against
	// the final method (commit b097706) and scored once: 97.9; 81.2 with
	// the method before courier's fix (d9dcdb1), 91.7 with the session's
	// first. Its infrastructure/messaging, used by reminders only, goes
	// with reminders.
	{"pharmacy", 97, false, false},
}

func TestProposalMatchesGroundTruth(t *testing.T) {
	for _, fx := range monoliths {
		name := fx.name
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", name)
			g := loadFixture(t, dir, true)
			truth := readTruth(t, filepath.Join(dir, "truth.tsv"))
			for _, p := range g.Packages {
				if _, ok := truth[p.Path]; !ok {
					t.Errorf("truth.tsv lacks package %s", p.Path)
				}
			}
			m, err := boundary.Propose(g, boundary.Options{Cluster: cluster.Options{Seed: 1, AutoResolution: true}}) // the CLI default
			if err != nil {
				t.Fatal(err)
			}
			ours := cluster.Compare(m.Labels(), truth)
			base := cluster.Compare(rawLouvain(t, g), truth)
			t.Logf("%s: decompose MoJoFM %.1f ARI %.3f; plain Louvain on the import graph MoJoFM %.1f ARI %.3f",
				name, ours.MoJoFM, ours.ARI, base.MoJoFM, base.ARI)
			if ours.MoJoFM < fx.minMoJoFM {
				t.Errorf("MoJoFM %.1f against truth.tsv, want >= %.0f\n%s", ours.MoJoFM, fx.minMoJoFM, mismatches(m, truth))
			}
			if fx.roles {
				// The shared kernel and the entry points are recognised:
				// no package is kept out that the truth places in a
				// context, none is placed that the truth keeps out.
				labels := m.Labels()
				for p, want := range truth {
					got, out := labels[p], want == "shared" || want == "entrypoint"
					if out && got != want || !out && (got == "shared" || got == "entrypoint") {
						t.Errorf("%s: truth %s, proposed %s", p, want, got)
					}
				}
			}
			if ours.MoJoFM <= base.MoJoFM {
				t.Errorf("decompose (%.1f) does not beat plain Louvain on the import graph (%.1f)", ours.MoJoFM, base.MoJoFM)
			}
			if !fx.strict {
				return
			}
			// No boundary mixes two contexts, and each context is in one
			// boundary.
			ctxOf := map[string]map[string]bool{}
			for _, b := range m.Boundaries {
				labels := map[string]bool{}
				for _, p := range b.Packages {
					labels[truth[p]] = true
					if ctxOf[truth[p]] == nil {
						ctxOf[truth[p]] = map[string]bool{}
					}
					ctxOf[truth[p]][b.Name] = true
				}
				if len(labels) > 1 {
					t.Errorf("boundary %s mixes contexts %v", b.Name, keys(labels))
				}
			}
			for ctx, bs := range ctxOf {
				if len(bs) > 1 {
					t.Errorf("context %s is spread over boundaries %v", ctx, keys(bs))
				}
			}
		})
	}
}

// rawLouvain is the baseline a user would get without decompose's roles and
// weights: gonum's Louvain on the plain import graph of every package.
func rawLouvain(t *testing.T, g *analyze.Graph) map[string]string {
	t.Helper()
	cg := cluster.NewGraph(len(g.Packages))
	for _, im := range g.Imports {
		cg.Add(int(im.From), int(im.To), 1)
	}
	p, err := cluster.Cluster(cg, cluster.Options{Algorithm: "louvain", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, pkg := range g.Packages {
		out[pkg.Path] = string(rune('A' + p.Of[pkg.ID]%26))
	}
	return out
}

func mismatches(m *boundary.Model, truth map[string]string) string {
	var sb strings.Builder
	for _, b := range m.Boundaries {
		sb.WriteString(b.Name + ":\n")
		for _, p := range b.Packages {
			sb.WriteString("  " + p + "\t" + truth[p] + "\n")
		}
	}
	sb.WriteString("shared:\n")
	for _, s := range m.Shared {
		sb.WriteString("  " + s.Package + "\t" + truth[s.Package] + "\n")
	}
	return sb.String()
}

func loadFixture(t *testing.T, dir string, types bool) *analyze.Graph {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Skipf("fixture %s not present: %v", dir, err)
	}
	g, err := analyze.Load(context.Background(), analyze.Config{
		Dir:    dir,
		Types:  types,
		Tables: types, // as propose does by default
		Env:    append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Errors {
		t.Errorf("fixture does not load cleanly: %s", e)
	}
	return g
}

func readTruth(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := cluster.ReadTruth(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return truth
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
