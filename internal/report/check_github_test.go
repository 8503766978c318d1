package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckGitHub(t *testing.T) {
	t.Parallel()
	r, err := NewCheckRenderer("github", CheckOptions{PathPrefix: "backend"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res := checkResultSample()
	if err := r.RenderCheck(&out, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	var errs []string
	for _, l := range lines {
		if strings.HasPrefix(l, "::error ") {
			errs = append(errs, l)
		}
	}
	if len(errs) != len(res.Violations) {
		t.Fatalf("%d ::error lines for %d violations:\n%s", len(errs), len(res.Violations), out.String())
	}
	want := []string{
		"::error file=backend/platform/db/db.go,line=40,title=decompose table violation::a \"quoted\" 100%25 sure, message:%0Awith a newline",
		"::warning file=backend/decompose.baseline.yaml,line=9,title=decompose stale baseline entry::import in x.go a → b t (×2) no longer occurs; drop it with decompose check --update-baseline",
		"::warning file=backend/decompose.yaml,line=4,col=16,title=decompose spec warning::pattern \"./gone\" matches no package",
		"decompose check decompose.yaml: 6 violations (12 packages, 2 contexts; 3 baselined, 1 stale baseline entry)",
	}
	got := []string{lines[2], lines[6], lines[7], lines[8]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("output (-want +got):\n%s\nall:\n%s", diff, out.String())
	}
	if esc := escapeProperty("a:b,c%d\ne"); esc != "a%3Ab%2Cc%25d%0Ae" {
		t.Errorf("escapeProperty: %q", esc)
	}
}

func TestCheckTextGroups(t *testing.T) {
	t.Parallel()
	var got []string
	for _, g := range groupViolations(checkResultSample().Violations) {
		got = append(got, g.title)
	}
	want := []string{"orders → payments", "shared kernel → orders", "payments → orders", "unassigned packages"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups, worst first (-want +got):\n%s", diff)
	}
}
