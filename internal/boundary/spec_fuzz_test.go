package boundary

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParseSpec feeds arbitrary bytes to the spec parser. It must never
// panic; every error must be a *SpecError whose issues name the file, a
// line and a column; and a spec it accepts must survive Format and a
// second parse unchanged.
func FuzzParseSpec(f *testing.F) {
	for _, seed := range []string{
		validSpec,
		"",
		"version: 1\n",
		"version: 1\ncontexts:\n  - name: a\n    packages: [./a/...]\n",
		"version: 1\ncontexts: [{name: a, packages: [./a], api: [./a/api], depends_on: [], tables: [t]}]\nshared: [./s/...]\nignore: [./cmd/...]\nacyclic: false\n",
		"version: 1\ncontexts:\n  - &c {name: a, packages: [./a]}\n  - *c\n",
		"version: 1\n---\nversion: 1\n",
		"version: !!int 1\n<<: {a: 1}\n? [x]\n: y\n",
		"version: 1\ncontexts:\n  - name: |\n      a\n    packages: [\"./a b\", '.\\\\x', /abs, all]\n",
		"version: 1\nacyclic: true\ncontexts:\n  - {name: a, packages: [./a], depends_on: [b]}\n  - {name: b, packages: [./b], depends_on: [a]}\n",
		"\xef\xbb\xbfversion: 1\n",
		"\tversion: 1\n",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		"{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a:",
		"version: 1\ncontexts:\n- name: a\n  packages:\n  - \"./a\\u0000\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpec("spec.yaml", data)
		if err != nil {
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error is a %T, want *SpecError: %v", err, err)
			}
			if len(se.Issues) == 0 {
				t.Fatal("SpecError without issues")
			}
			for _, is := range se.Issues {
				if is.Pos.File != "spec.yaml" || is.Pos.Line < 1 || is.Pos.Col < 1 {
					t.Fatalf("issue without file:line:col: %+v", is)
				}
				if is.Msg == "" {
					t.Fatalf("issue without a message at %s", is.Pos)
				}
			}
			if strings.Contains(err.Error(), yamlPanic) {
				t.Fatalf("the YAML library panicked (recovered): %v", err)
			}
			if !strings.HasPrefix(err.Error(), "spec.yaml:") {
				t.Fatalf("message does not start with the file: %q", err)
			}
			return
		}
		out := s.Format("example.com/m")
		s2, err := ParseSpec("spec.yaml", out)
		if err != nil {
			t.Fatalf("formatted spec does not parse: %v\ninput:\n%s\nformatted:\n%s", err, data, out)
		}
		if diff := cmp.Diff(specSummary(s), specSummary(s2)); diff != "" {
			t.Fatalf("round trip changed the spec (-before +after):\n%s\nformatted:\n%s", diff, out)
		}
	})
}

// specSummary is a spec without positions, for comparing.
func specSummary(s *Spec) []string {
	out := []string{
		"shared " + patternTexts(s.Shared),
		"ignore " + patternTexts(s.Ignore),
	}
	if s.Acyclic {
		out = append(out, "acyclic")
	}
	for _, c := range s.Contexts {
		deps := "any"
		if c.HasDependsOn {
			deps = "[" + nameValues(c.DependsOn) + "]"
		}
		out = append(out, strings.Join([]string{c.Name.Value, patternTexts(c.Packages), patternTexts(c.API), deps, nameValues(c.Tables)}, " | "))
	}
	return out
}

// FuzzParseBaseline holds the baseline parser to the same promises, and a
// baseline it accepts must survive Format unchanged.
func FuzzParseBaseline(f *testing.F) {
	f.Add(NewBaseline(sampleViolations()).Format())
	f.Add([]byte("version: 1\nviolations: []\n"))
	f.Add([]byte("version: 1\nviolations:\n  - {kind: table, file: \"a b.go\", from: x, to: y, target: t, count: 3}\n"))
	f.Add([]byte("version: 1\nviolations:\n  - {kind: imports}\n  - {kind: import, count: 0}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBaseline("b.yaml", data)
		if err != nil {
			var se *SpecError
			if !errors.As(err, &se) || len(se.Issues) == 0 {
				t.Fatalf("error is not a SpecError with issues: %v", err)
			}
			for _, is := range se.Issues {
				if is.Pos.File != "b.yaml" || is.Pos.Line < 1 || is.Pos.Col < 1 || is.Msg == "" {
					t.Fatalf("issue without file:line:col: %+v", is)
				}
			}
			if strings.Contains(err.Error(), yamlPanic) {
				t.Fatalf("the YAML library panicked (recovered): %v", err)
			}
			return
		}
		out := b.Format()
		b2, err := ParseBaseline("b.yaml", out)
		if err != nil {
			t.Fatalf("formatted baseline does not parse: %v\n%s", err, out)
		}
		if !bytes.Equal(b2.Format(), out) {
			t.Fatalf("format is not stable:\n%s\n---\n%s", out, b2.Format())
		}
	})
}
