package boundary

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sampleViolations() []Violation {
	return []Violation{
		{Kind: KindImport, From: "orders", To: "billing", Package: "m/orders", Target: "m/billing/ledger", File: "orders/a.go", Line: 4},
		{Kind: KindTable, From: "orders", To: "billing", Package: "m/orders", Target: "invoices", File: "orders/a.go", Line: 20},
		{Kind: KindTable, From: "orders", To: "billing", Package: "m/orders", Target: "invoices", File: "orders/a.go", Line: 31},
		{Kind: KindImport, From: "", To: "orders", Package: "m/platform", Target: "m/orders/x", File: "platform/odd name.go", Line: 3},
		{Kind: KindUnassigned, Package: "m/stray", Target: "m/stray", File: "stray/stray.go", Line: 1},
		{Kind: KindCycle, From: "orders", To: "billing", Package: "m/orders", Target: "m/billing/ledger", File: "orders/a.go", Line: 4},
	}
}

func TestBaselineFormat(t *testing.T) {
	t.Parallel()
	b := NewBaseline(sampleViolations())
	got := string(b.Format())
	want := `version: 1
violations:
  - {kind: unassigned, target: m/stray}
  - {kind: cycle, file: orders/a.go, from: orders, to: billing, target: m/billing/ledger}
  - {kind: import, file: orders/a.go, from: orders, to: billing, target: m/billing/ledger}
  - {kind: table, file: orders/a.go, from: orders, to: billing, target: invoices, count: 2}
  - {kind: import, file: "platform/odd name.go", to: orders, target: m/orders/x}
`
	if !strings.HasSuffix(got, want) {
		t.Errorf("formatted baseline:\n%s\nwant it to end with:\n%s", got, want)
	}
	if !strings.HasPrefix(got, "# ") {
		t.Errorf("no header comment:\n%s", got)
	}
	// It reads back as it was.
	back, err := ParseBaseline("b.yaml", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.Entries, back.Entries, cmpopts.IgnoreFields(BaselineEntry{}, "Pos")); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if back.Entries[0].Pos.String() != "b.yaml:9:5" {
		t.Errorf("first entry at %s", back.Entries[0].Pos)
	}
	// Writing it again gives the same bytes: no churn.
	if again := string(NewBaseline(sampleViolations()).Format()); again != got {
		t.Errorf("second format differs:\n%s", again)
	}
}

func TestBaselineEmpty(t *testing.T) {
	t.Parallel()
	got := string(NewBaseline(nil).Format())
	if !strings.HasSuffix(got, "version: 1\nviolations: []\n") {
		t.Errorf("empty baseline:\n%s", got)
	}
	for _, src := range []string{"", "\n", "# nothing\n", got} {
		b, err := ParseBaseline("b.yaml", []byte(src))
		if err != nil || len(b.Entries) != 0 {
			t.Errorf("ParseBaseline(%q) = %v, %v", src, b, err)
		}
	}
}

func TestBaselineApply(t *testing.T) {
	t.Parallel()
	base := NewBaseline(sampleViolations())

	// The same violations on other lines: all baselined.
	moved := sampleViolations()
	for i := range moved {
		moved[i].Line += 10
	}
	res := &CheckResult{Violations: moved}
	base.Apply(res, false)
	if len(res.Violations) != 0 || res.Baselined != 6 || len(res.Stale) != 0 {
		t.Errorf("moved: %d new, %d baselined, %d stale; want 0, 6, 0", len(res.Violations), res.Baselined, len(res.Stale))
	}

	// One more access to the same table in the same file: only the
	// extra one is new.
	more := append(sampleViolations(), Violation{Kind: KindTable, From: "orders", To: "billing", Package: "m/orders", Target: "invoices", File: "orders/a.go", Line: 40})
	sortViolations(more)
	res = &CheckResult{Violations: more}
	base.Apply(res, false)
	if len(res.Violations) != 1 || res.Violations[0].Line != 40 || res.Baselined != 6 {
		t.Errorf("one more: new %v, %d baselined", res.Violations, res.Baselined)
	}

	// Fixed ones: the entries are stale, the table one in part.
	fewer := sampleViolations()[2:]
	res = &CheckResult{Violations: fewer}
	base.Apply(res, false)
	var stale []string
	for _, e := range res.Stale {
		stale = append(stale, string(e.Kind)+" "+e.Target+" "+string(rune('0'+e.Count)))
	}
	if diff := cmp.Diff([]string{"import m/billing/ledger 1", "table invoices 1"}, stale); diff != "" {
		t.Errorf("stale (-want +got):\n%s", diff)
	}

	// A partial check never calls an entry stale.
	res = &CheckResult{Violations: fewer}
	base.Apply(res, true)
	if len(res.Stale) != 0 {
		t.Errorf("partial check reported stale entries: %v", res.Stale)
	}
}

func TestParseBaselineErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"version: 1\nviolations:\n  - {kind: imports, file: a.go}\n", `b.yaml:3:5: violations[0]: unknown kind "imports"`},
		{"version: 1\nviolations:\n  - {kind: import, line: 3}\n", `b.yaml:3:20: violations[0]: unknown key "line"`},
		{"version: 1\nviolations:\n  - {file: a.go}\n", `b.yaml:3:5: violations[0]: missing kind`},
		{"version: 1\nviolations:\n  - {kind: import, count: 0}\n", `b.yaml:3:27: violations[0].count: want a whole number of at least 1, got the number 0`},
		{"version: 1\nviolations:\n  - {kind: import, file: a.go}\n  - {kind: import, file: a.go}\n", `b.yaml:4:5: violations[1]: the same violation as at b.yaml:3:5; use count`},
		{"version: 2\nviolations: []\n", `b.yaml:1:10: unsupported baseline version 2`},
		{"violations: []\n", `b.yaml:1:1: missing version`},
		{"version: 1\nviolations: {}\n", `b.yaml:2:13: violations: want a list, got a mapping`},
		{"version: 1\nviolations: [\n", `b.yaml:`},
	}
	for _, tt := range tests {
		_, err := ParseBaseline("b.yaml", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseBaseline(%q):\n got %v\nwant %s…", tt.src, err, tt.want)
		}
	}
}

func TestYAMLScalar(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"orders", "./internal/...", "example.com/x/y", "true", "no", "1", "1.5", "", "a b", "a: b", "#x", "-x", "...", ".inf", "a,b", "[x]", `q"uote`, "ünï", "./a b/c"} {
		src := "version: 1\nviolations:\n  - {kind: import, file: " + yamlScalar(s) + "}\n"
		if s == "" {
			continue
		}
		b, err := ParseBaseline("b.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q written as %s: %v", s, yamlScalar(s), err)
			continue
		}
		if got := b.Entries[0].File; got != s {
			t.Errorf("%q written as %s reads back as %q", s, yamlScalar(s), got)
		}
	}
}
