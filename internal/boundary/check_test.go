package boundary

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// loadCheckArchive writes testdata/check/NAME into a temporary module,
// loads it without types (as check does for import rules) and reads its
// decompose.yaml. It returns the want section's lines.
func loadCheckArchive(t *testing.T, name string) (*analyze.Graph, *Spec, []string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "check", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var want []string
	for _, f := range ar.Files {
		if f.Name == "want" {
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if line != "" {
					want = append(want, line)
				}
			}
			continue
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	g, err := analyze.Load(context.Background(), analyze.Config{Dir: dir, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadSpec(filepath.Join(dir, SpecFileName), SpecFileName)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(want)
	return g, s, want
}

func violationLines(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s:%d %s %s->%s %s", v.File, v.Line, v.Kind, v.From, v.To, v.Target))
	}
	sort.Strings(out)
	return out
}

// TestCheckImports checks a module that breaks each import rule.
func TestCheckImports(t *testing.T) {
	t.Parallel()
	g, s, want := loadCheckArchive(t, "imports.txtar")
	res, err := Check(g, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, violationLines(res.Violations)); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if res.Packages != 7 { // all but cmd/app
		t.Errorf("checked %d packages, want 7", res.Packages)
	}
	for _, v := range res.Violations {
		if v.Message == "" {
			t.Errorf("violation without a message: %+v", v)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

// TestCheckOnly checks a subset: violations of other packages are left
// out, and imports into unlisted packages are still judged.
func TestCheckOnly(t *testing.T) {
	t.Parallel()
	g, s, _ := loadCheckArchive(t, "imports.txtar")
	only, err := CompilePatterns([]string{"example.com/m/orders/..."}, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(g, s, CheckOptions{Only: only})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"orders/orders.go:4 import orders->billing example.com/m/billing/ledger",
		"orders/orders.go:5 cycle orders->billing example.com/m/billing",
	}
	if diff := cmp.Diff(want, violationLines(res.Violations)); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

func TestCheckMessages(t *testing.T) {
	t.Parallel()
	g, s, _ := loadCheckArchive(t, "imports.txtar")
	res, err := Check(g, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, v := range res.Violations {
		got[fmt.Sprintf("%s:%d %s", v.File, v.Line, v.Kind)] = v.Message
	}
	want := map[string]string{
		"orders/orders.go:4 import":       "orders (context orders) imports billing/ledger (context billing), which is not in billing's api (./billing)",
		"billing/billing.go:4 dependency": "billing (context billing) imports orders/api (context orders), but billing may depend on no other context (depends_on: [])",
		"platform/log/log.go:3 import":    "platform/log (shared kernel) imports orders/internal/store (context orders), which is not in orders's api (./orders/api)",
		"stray/stray.go:3 unassigned":     "package stray is in no context, nor shared, nor ignored; add it to the spec so that it is checked",
		"orders/orders.go:5 cycle":        "orders (context orders) imports billing (context billing), closing a cycle of contexts: orders → billing → orders (one of 2 imports from orders to billing; acyclic is set)",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], w)
		}
	}
}

// TestCheckTables checks the table rule on accesses put into the graph
// by hand, so that it does not depend on SQL detection.
func TestCheckTables(t *testing.T) {
	t.Parallel()
	g, s, _ := loadCheckArchive(t, "imports.txtar")
	s.Contexts[0].Tables = []Name{{Value: "orders"}}
	s.Contexts[1].Tables = []Name{{Value: "Invoices"}}
	s.Acyclic = false
	file := func(path string) analyze.FileID {
		for i, f := range g.Files {
			if f.Path == path {
				return analyze.FileID(i)
			}
		}
		t.Fatalf("no file %s", path)
		return 0
	}
	pkg := func(path string) analyze.PkgID { return g.Package("example.com/m/" + path).ID }
	g.Accesses = []analyze.TableAccess{
		{Table: "orders", Op: analyze.Read, Package: pkg("orders"), Pos: analyze.Pos{File: file("orders/orders.go"), Line: 3}},                 // own table
		{Table: "billing.invoices", Op: analyze.Write, Package: pkg("orders"), Pos: analyze.Pos{File: file("orders/orders.go"), Line: 7}},      // another's, schema-qualified
		{Table: "orders", Op: analyze.Read, Package: pkg("billing/ledger"), Pos: analyze.Pos{File: file("billing/ledger/ledger.go"), Line: 1}}, // another's
		{Table: "audit", Op: analyze.Write, Package: pkg("billing"), Pos: analyze.Pos{File: file("billing/billing.go"), Line: 2}},              // nobody's
		{Table: "orders", Op: analyze.Read, Package: pkg("platform/log"), Pos: analyze.Pos{File: file("platform/log/log.go"), Line: 1}},        // shared kernel: judged at its callers
		// billing calls a shared-kernel function that reads orders: billing's doing.
		{Table: "orders", Op: analyze.Read, Package: pkg("billing"), Pos: analyze.Pos{File: file("billing/billing.go"), Line: 5}, Through: true, OriginPackage: pkg("platform/log"), Origin: analyze.Pos{File: file("platform/log/log.go"), Line: 1}},
		{Table: "orders", Op: analyze.Read, Package: pkg("stray"), Pos: analyze.Pos{File: file("stray/stray.go"), Line: 3}}, // unassigned: reported as such
		{Table: "orders", Op: analyze.Read, Package: g.Package("example.com/m/cmd/app").ID, Pos: analyze.Pos{File: file("cmd/app/main.go"), Line: 9}},
		// billing calls orders' code, which reads its own table: fine.
		{Table: "orders", Op: analyze.Read, Package: pkg("billing"), Pos: analyze.Pos{File: file("billing/billing.go"), Line: 4}, Through: true, OriginPackage: pkg("orders/internal/store")},
		// Schema changes are not reads or writes.
		{Table: "orders", Op: analyze.DDL, Package: pkg("billing"), Pos: analyze.Pos{File: file("billing/billing.go"), Line: 6}},
	}
	res, err := Check(g, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range res.Violations {
		if v.Kind == KindTable {
			got = append(got, fmt.Sprintf("%s:%d %s->%s %s: %s", v.File, v.Line, v.From, v.To, v.Target, v.Message))
		}
	}
	want := []string{
		"billing/billing.go:5 billing->orders orders: billing (context billing) reads table orders, owned by context orders, through platform/log (platform/log/log.go:1)",
		"billing/ledger/ledger.go:1 billing->orders orders: billing/ledger (context billing) reads table orders, owned by context orders",
		"orders/orders.go:7 orders->billing billing.invoices: orders (context orders) writes table billing.invoices, owned by context billing",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("table violations (-want +got):\n%s", diff)
	}
}

// TestCheckSpecErrors covers the mistakes only the loaded packages
// reveal.
func TestCheckSpecErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, spec string
		want       []string
	}{
		{
			name: "two contexts claim a package",
			spec: "version: 1\ncontexts:\n  - name: a\n    packages: [./orders/...]\n  - name: b\n    packages: [./.../store]\n",
			want: []string{`decompose.yaml:6:16: pattern "./.../store" of context "b" and "./orders/..." of context "a" (at decompose.yaml:4:16) both match example.com/m/orders/internal/store; a package belongs to one context or the shared kernel (ignore may overlap anything)`},
		},
		{
			name: "a context and shared claim a package",
			spec: "version: 1\ncontexts:\n  - name: a\n    packages: [example.com/m/orders/...]\nshared: [./orders/api]\n",
			want: []string{`decompose.yaml:5:10: pattern "./orders/api" of shared and "example.com/m/orders/..." of context "a" (at decompose.yaml:4:16) both match example.com/m/orders/api; a package belongs to one context or the shared kernel (ignore may overlap anything)`},
		},
		{
			name: "ignore takes precedence",
			spec: "version: 1\ncontexts:\n  - name: a\n    packages: [./...]\n  - name: b\n    packages: [./.../store]\nignore: [./orders/internal/store]\n",
		},
		{
			name: "api outside the context",
			spec: "version: 1\ncontexts:\n  - name: a\n    packages: [./orders/...]\n    api: [./billing]\n",
			want: []string{`decompose.yaml:5:11: api pattern "./billing" of context "a" matches example.com/m/billing, outside the context; api lists packages of the context itself`},
		},
		{
			name: "outside the module",
			spec: "version: 1\ncontexts:\n  - name: a\n    packages: [../elsewhere/..., example.org/x]\n",
			want: []string{
				`decompose.yaml:4:16: package pattern "../elsewhere/..." points outside module example.com/m`,
				`decompose.yaml:4:34: package pattern "example.org/x" is not in module example.com/m; write it relative to the spec (./...) or as an import path of the module`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, _, _ := loadCheckArchive(t, "imports.txtar")
			s, err := ParseSpec("decompose.yaml", []byte(tt.spec))
			if err != nil {
				t.Fatal(err)
			}
			s.Dir = g.Root
			_, err = Check(g, s, CheckOptions{})
			var got []string
			if err != nil {
				var se *SpecError
				if !errors.As(err, &se) {
					t.Fatalf("error is a %T: %v", err, err)
				}
				for _, is := range se.Issues {
					msg := is.String()
					if i := strings.Index(msg, " (rooted at"); i > 0 {
						msg = msg[:i] // a temporary directory
					}
					got = append(got, msg)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckUnusedPatterns(t *testing.T) {
	t.Parallel()
	g, _, _ := loadCheckArchive(t, "imports.txtar")
	s, err := ParseSpec("decompose.yaml", []byte("version: 1\ncontexts:\n  - name: a\n    packages: [./..., example.com/m/gone]\n    api: [./nothing/...]\nignore: [./tools/...]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s.Dir = g.Root
	res, err := Check(g, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`decompose.yaml:4:23: context "a" pattern "example.com/m/gone" matches no package`,
		`decompose.yaml:5:11: context "a" api pattern "./nothing/..." matches no package`,
		`decompose.yaml:6:10: ignore pattern "./tools/..." matches no package`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if len(res.Violations) != 0 {
		t.Errorf("violations: %v", violationLines(res.Violations))
	}
}

// TestSpecInSubdirectory: a spec below the module root speaks for the
// packages under it, with patterns relative to it.
func TestSpecInSubdirectory(t *testing.T) {
	t.Parallel()
	g, _, _ := loadCheckArchive(t, "imports.txtar")
	s, err := ParseSpec("orders/decompose.yaml", []byte("version: 1\ncontexts:\n  - name: core\n    packages: [.]\n  - name: api\n    packages: [./api]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s.Dir = filepath.Join(g.Root, "orders")
	res, err := Check(g, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := violationLines(res.Violations)
	if diff := cmp.Diff([]string{
		"orders/internal/store/store.go:1 unassigned -> example.com/m/orders/internal/store",
	}, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}
