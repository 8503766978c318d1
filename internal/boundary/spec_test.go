package boundary

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const validSpec = `version: 1
contexts:
  - name: orders
    packages: [./internal/orders/...]
    api: [./internal/orders/api]
    depends_on: [catalog]
    tables: [orders, order_items]
  - name: catalog
    packages:
      - ./internal/catalog/...
    depends_on: []
shared: [./internal/platform/...]
ignore: [./cmd/...]
acyclic: true
`

func TestParseSpecValid(t *testing.T) {
	t.Parallel()
	s, err := ParseSpec("dir/decompose.yaml", []byte(validSpec))
	if err != nil {
		t.Fatal(err)
	}
	type ctx struct {
		Name, Packages, API, DependsOn, Tables string
		HasDependsOn                           bool
	}
	var got []ctx
	for _, c := range s.Contexts {
		got = append(got, ctx{
			Name:         c.Name.Value,
			Packages:     patternTexts(c.Packages),
			API:          patternTexts(c.API),
			DependsOn:    nameValues(c.DependsOn),
			Tables:       nameValues(c.Tables),
			HasDependsOn: c.HasDependsOn,
		})
	}
	want := []ctx{
		{Name: "orders", Packages: "./internal/orders/...", API: "./internal/orders/api", DependsOn: "catalog", Tables: "orders order_items", HasDependsOn: true},
		{Name: "catalog", Packages: "./internal/catalog/...", HasDependsOn: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contexts (-want +got):\n%s", diff)
	}
	if s.Version != 1 || !s.Acyclic || s.Dir != "dir" {
		t.Errorf("version %d, acyclic %v, dir %q", s.Version, s.Acyclic, s.Dir)
	}
	if got := patternTexts(s.Shared) + " | " + patternTexts(s.Ignore); got != "./internal/platform/... | ./cmd/..." {
		t.Errorf("shared | ignore = %q", got)
	}
	if p := s.Contexts[0].Packages[0].Pos; p.String() != "dir/decompose.yaml:4:16" {
		t.Errorf("position of the first pattern: %s", p)
	}
	if p := s.Contexts[1].Packages[0].Pos; p.String() != "dir/decompose.yaml:10:9" {
		t.Errorf("position of a block-list pattern: %s", p)
	}
}

func patternTexts(ps []SpecPattern) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return strings.Join(out, " ")
}

func nameValues(ns []Name) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Value)
	}
	return strings.Join(out, " ")
}

// TestParseSpecErrors feeds every malformed spec we could think of; each
// must fail with a message at the right line and column.
func TestParseSpecErrors(t *testing.T) {
	t.Parallel()
	const ctx = "version: 1\ncontexts:\n  - name: a\n    packages: [./a/...]\n"
	tests := []struct {
		name, src string
		pos       string // "line:col" of the first issue
		msg       string // a substring of the first issue
	}{
		{"empty file", "", "1:1", "empty file"},
		{"only whitespace", "  \n\n", "1:1", "empty file"},
		{"only a comment", "# nothing yet\n", "1:1", "empty file"},
		{"only a document marker", "---\n", "1:1", "empty file"},
		{"not UTF-8", "version: 1\n\xff\n", "2:1", "not UTF-8"},
		{"NUL byte", "version: 1\x00\n", "1:11", "NUL byte"},
		{"bad YAML", "version: 1\n  bad: indent\n", "1:10", "invalid YAML"},
		{"unclosed flow list", ctx + "shared: [./x\n", "5:9", "invalid YAML"},
		{"unclosed quote", ctx + "shared: [\"./x]\n", "5:10", "invalid YAML"},
		{"tab indentation", "\tversion: 1\n", "1:", "invalid YAML"},
		{"duplicate key", "version: 1\nversion: 1\n", "2:1", "already defined"},
		{"a list at the top", "- version: 1\n", "1:1", "want a mapping, got a list"},
		{"a string at the top", "decompose\n", "1:1", "want a mapping, got the string"},
		{"a number at the top", "42\n", "1:1", "want a mapping, got the number 42"},
		{"two documents", ctx + "---\n" + ctx, "6:1", "second YAML document"},
		{"missing version", "contexts:\n  - name: a\n    packages: [./a]\n", "1:1", "missing version"},
		{"version as string", "version: \"1\"\ncontexts: []\n", "1:10", `version: want 1, got the string "1"`},
		{"version as float", "version: 1.0\n" + ctx[11:], "1:10", "version: want 1, got the number 1.0"},
		{"version 2", "version: 2\n" + ctx[11:], "1:10", "unsupported version 2"},
		{"version 0", "version: 0\n" + ctx[11:], "1:10", "unsupported version 0"},
		{"version huge", "version: 99999999999999999999999\n" + ctx[11:], "1:10", "version: want 1"},
		{"version null", "version:\n" + ctx[11:], "1:9", "version: want 1, got nothing"},
		{"version tagged", "version: !!int 1\n" + ctx[11:], "1:10", "tags are not supported"},
		{"missing contexts", "version: 1\n", "1:1", "missing contexts"},
		{"contexts null", "version: 1\ncontexts:\n", "2:11", "want a list of contexts, got nothing"},
		{"contexts empty", "version: 1\ncontexts: []\n", "2:11", "contexts: empty"},
		{"contexts a mapping", "version: 1\ncontexts:\n  a: {packages: [./a]}\n", "3:3", "want a list of contexts, got a mapping"},
		{"context a string", "version: 1\ncontexts: [orders]\n", "2:12", "want a mapping, got the string"},
		{"context null", "version: 1\ncontexts: [null]\n", "2:12", "want a mapping, got nothing"},
		{"context a list", "version: 1\ncontexts: [[]]\n", "2:12", "want a mapping, got a list"},
		{"unknown top-level key", ctx + "contxts: []\n", "5:1", `unknown key "contxts" (did you mean "contexts"?)`},
		{"unknown context key", ctx + "    apis: [./a]\n", "5:5", `unknown key "apis" (did you mean "api"?)`},
		{"unknown key far off", ctx + "    owner: team-a\n", "5:5", `unknown key "owner"; known keys: name, packages, api, depends_on, tables`},
		{"key not a string", ctx + "1: x\n", "5:1", "want a key name, got the number 1"},
		{"complex key", ctx + "? [a]\n: x\n", "6:1", "invalid YAML"},
		{"merge key", ctx + "<<: {acyclic: true}\n", "5:1", "merge keys are not supported"},
		{"missing name", "version: 1\ncontexts:\n  - packages: [./a]\n", "3:5", "contexts[0]: missing name"},
		{"name a number", "version: 1\ncontexts:\n  - name: 42\n    packages: [./a]\n", "3:11", `want a string, got the number 42 (quote it: "42")`},
		{"name a boolean", "version: 1\ncontexts:\n  - name: true\n    packages: [./a]\n", "3:11", `want a string, got the boolean true (quote it: "true")`},
		{"name a list", "version: 1\ncontexts:\n  - name: [a]\n    packages: [./a]\n", "3:11", "want a string, got a list"},
		{"name null", "version: 1\ncontexts:\n  - name:\n    packages: [./a]\n", "3:10", "want a string, got nothing"},
		{"name empty", "version: 1\ncontexts:\n  - name: \"\"\n    packages: [./a]\n", "3:11", "empty string"},
		{"name with space", "version: 1\ncontexts:\n  - name: order service\n    packages: [./a]\n", "3:11", "contains a space"},
		{"name with slash", "version: 1\ncontexts:\n  - name: a/b\n    packages: [./a]\n", "3:11", "a context name is letters"},
		{"name multi-line", "version: 1\ncontexts:\n  - name: |\n      a\n    packages: [./a]\n", "3:11", "want a string, got a multi-line string"},
		{"name anchored", "version: 1\ncontexts:\n  - name: &n a\n    packages: [./a]\n", "3:11", "anchors and aliases are not supported"},
		{"alias context", ctx + "  - *c\n", "5:5", "anchors and aliases"},
		{"duplicate context", ctx + "  - name: a\n    packages: [./b]\n", "5:11", `context "a" is defined twice (first at decompose.yaml:3:11)`},
		{"duplicate context by case", ctx + "  - name: A\n    packages: [./b]\n", "5:11", `context "A" is defined twice`},
		{"missing packages", "version: 1\ncontexts:\n  - name: a\n", "3:5", `context "a": missing packages`},
		{"packages null", "version: 1\ncontexts:\n  - name: a\n    packages:\n", "4:15", "packages: empty"},
		{"packages empty", "version: 1\ncontexts:\n  - name: a\n    packages: []\n", "4:15", "packages: empty"},
		{"packages a string", "version: 1\ncontexts:\n  - name: a\n    packages: ./a/...\n", "4:15", "want a list, got the string \"./a/...\" (write [./a/...])"},
		{"packages a mapping", "version: 1\ncontexts:\n  - name: a\n    packages: {x: 1}\n", "4:15", "want a list, got a mapping"},
		{"pattern a number", "version: 1\ncontexts:\n  - name: a\n    packages: [1]\n", "4:16", "packages[0]: want a string, got the number 1"},
		{"pattern a mapping", "version: 1\ncontexts:\n  - name: a\n    packages: [./a, {x: 1}]\n", "4:21", "packages[1]: want a string, got a mapping"},
		{"pattern null", "version: 1\ncontexts:\n  - name: a\n    packages: [~]\n", "4:16", "want a string, got nothing"},
		{"pattern meta", "version: 1\ncontexts:\n  - name: a\n    packages: [all]\n", "4:16", "meta-pattern"},
		{"pattern absolute", "version: 1\ncontexts:\n  - name: a\n    packages: [/src/a]\n", "4:16", "absolute directory"},
		{"pattern backslash", "version: 1\ncontexts:\n  - name: a\n    packages: ['.\\a']\n", "4:16", "forward slashes"},
		{"pattern double slash", "version: 1\ncontexts:\n  - name: a\n    packages: [./a//b]\n", "4:16", "empty path element"},
		{"pattern trailing slash", "version: 1\ncontexts:\n  - name: a\n    packages: [./a/]\n", "4:16", "trailing slash"},
		{"pattern with space", "version: 1\ncontexts:\n  - name: a\n    packages: [\"./a b\"]\n", "4:16", "contains a space"},
		{"pattern four dots", "version: 1\ncontexts:\n  - name: a\n    packages: [./a/....]\n", "4:16", "bad path element"},
		{"pattern twice", "version: 1\ncontexts:\n  - name: a\n    packages: [./a, ./a]\n", "4:21", `pattern "./a" overlaps "./a"`},
		{"api a string", ctx + "    api: ./a/api\n", "5:10", "api: want a list"},
		{"api twice", ctx + "    api: [./a/api, ./a/api]\n", "5:20", "listed twice"},
		{"depends_on null", ctx + "    depends_on:\n", "5:17", "depends_on: empty; write []"},
		{"depends_on a string", ctx + "    depends_on: b\n", "5:17", "want a list"},
		{"depends_on unknown", ctx + "    depends_on: [b]\n", "5:18", `unknown context "b"`},
		{"depends_on misspelt", ctx + "  - name: payments\n    packages: [./p]\n    depends_on: [paymnts]\n", "7:18", `unknown context "paymnts"`},
		{"depends_on self", ctx + "    depends_on: [a]\n", "5:18", "depends on itself"},
		{"depends_on twice", ctx + "    depends_on: [b, b]\n  - name: b\n    packages: [./b]\n", "5:21", "listed twice in depends_on"},
		{"depends_on a number", ctx + "    depends_on: [1]\n", "5:18", "want a string"},
		{"declared cycle", "version: 1\nacyclic: true\ncontexts:\n  - name: a\n    packages: [./a]\n    depends_on: [b]\n  - name: b\n    packages: [./b]\n    depends_on: [a]\n", "9:18", "acyclic is true but depends_on forms a cycle: a → b → a"},
		{"tables a string", ctx + "    tables: orders\n", "5:13", "want a list"},
		{"table empty", ctx + "    tables: [\"\"]\n", "5:14", "empty string"},
		{"table owned twice", ctx + "    tables: [t]\n  - name: b\n    packages: [./b]\n    tables: [T]\n", "8:14", `table "T" is owned by context "a" and by "b"`},
		{"overlap between contexts", ctx + "  - name: b\n    packages: [./a/b]\n", "6:16", `pattern "./a/b" of context "b" overlaps "./a/..." of context "a"`},
		{"overlap of subtrees", ctx + "  - name: b\n    packages: [./a/b/...]\n", "6:16", "overlaps"},
		{"overlap same pattern", ctx + "  - name: b\n    packages: [./a/...]\n", "6:16", "overlaps"},
		{"overlap spelt differently", ctx + "  - name: b\n    packages: [./a/./...]\n", "6:16", "overlaps"},
		{"overlap with shared", ctx + "shared: [./a/x]\n", "5:10", `of shared overlaps "./a/..." of context "a"`},
		{"overlap whole module", ctx + "shared: [./...]\n", "5:10", "overlaps"},
		{"ignore twice", ctx + "ignore: [./cmd/..., ./cmd/...]\n", "5:21", "listed twice"},
		{"shared a mapping", ctx + "shared: {a: 1}\n", "5:9", "shared: want a list"},
		{"acyclic a string", ctx + "acyclic: yes\n", "5:10", `acyclic: want true or false, got the string "yes"`},
		{"acyclic a number", ctx + "acyclic: 1\n", "5:10", "want true or false, got the number 1"},
		{"acyclic null", ctx + "acyclic:\n", "5:10", "want true or false, got nothing"},
	}
	posRE := regexp.MustCompile(`^decompose\.yaml:(\d+):(\d+): `)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseSpec("decompose.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error for\n%s", tt.src)
			}
			se, ok := err.(*SpecError)
			if !ok {
				t.Fatalf("error is a %T, want *SpecError: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !posRE.MatchString(line) {
					t.Errorf("issue without file:line:col: %q", line)
				}
			}
			first := se.Issues[0]
			if !strings.Contains(first.Msg, tt.msg) {
				t.Errorf("first issue %q, want it to contain %q (all: %v)", first, tt.msg, err)
			}
			if pos := first.Pos.String(); !strings.HasPrefix(pos, "decompose.yaml:"+tt.pos) {
				t.Errorf("first issue at %s, want decompose.yaml:%s", pos, tt.pos)
			}
		})
	}
}

// TestParseSpecAllIssues checks that one run reports every mistake.
func TestParseSpecAllIssues(t *testing.T) {
	t.Parallel()
	src := `version: 1
contexts:
  - name: orders
    packages: [./orders/...]
    depends_on: [billing, shipping]
  - name: billing
    pakages: [./billing]
shared: yes
`
	_, err := ParseSpec("decompose.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`decompose.yaml:6:5: context "billing": missing packages`,
		`decompose.yaml:7:5: context "billing": unknown key "pakages" (did you mean "packages"?); known keys: name, packages, api, depends_on, tables`,
		`decompose.yaml:8:9: shared: want a list, got the string "yes" (write [yes])`,
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
}

func TestReadSpecTooBig(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "decompose.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 50 MB file: the size alone must turn it down.
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadSpec(name, "decompose.yaml")
	if err == nil || !strings.Contains(err.Error(), "decompose.yaml:1:1: file is 50.0 MiB; a decompose.yaml is at most 1.0 MiB") {
		t.Fatalf("got %v", err)
	}
}

func TestReadSpecDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := ReadSpec(dir, "x"); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("got %v", err)
	}
}

func TestStaticOverlap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"./a", "./a", true},
		{"./a", "./b", false},
		{"./a/...", "./a", true},
		{"./a/...", "./a/b/c", true},
		{"./a/...", "./ab", false},
		{"./a/...", "./ab/...", false},
		{"./a/...", "./a/b/...", true},
		{"./...", "./x", true},
		{".", "./...", true},
		{"./a/./b", "./a/b", true},
		{"./a/.../c", "./a/b/c", true},
		{"./a/.../c", "./a/b/...", false}, // decided against the packages
		{"example.com/m/a/...", "example.com/m/a/b", true},
		{"example.com/m/a", "./a", false}, // different spaces: resolved later
	}
	for _, tt := range tests {
		if got := staticOverlap(tt.a, tt.b); got != tt.want {
			t.Errorf("staticOverlap(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := staticOverlap(tt.b, tt.a); got != tt.want {
			t.Errorf("staticOverlap(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestImportPattern(t *testing.T) {
	t.Parallel()
	root := filepath.FromSlash("/src/shop")
	tests := []struct {
		text, dir, want, msg string
	}{
		{"./...", "/src/shop", "example.com/shop/...", ""},
		{".", "/src/shop", "example.com/shop", ""},
		{"./internal/orders/...", "/src/shop", "example.com/shop/internal/orders/...", ""},
		{"./orders", "/src/shop/internal", "example.com/shop/internal/orders", ""},
		{"../platform/...", "/src/shop/internal/orders", "example.com/shop/internal/platform/...", ""},
		{"./backend/...", "/src", "", "outside module"}, // a spec above the module: only ./shop/... is inside
		{"./shop/x/...", "/src", "example.com/shop/x/...", ""},
		{"../../x", "/src/shop", "", "outside module"},
		{"example.com/shop/x/...", "/src/shop", "example.com/shop/x/...", ""},
		{"example.com/other", "/src/shop", "", "not in module"},
	}
	for _, tt := range tests {
		got, msg := importPattern(tt.text, filepath.FromSlash(tt.dir), root, "example.com/shop")
		if got != tt.want || (tt.msg == "") != (msg == "") || !strings.Contains(msg, tt.msg) {
			t.Errorf("importPattern(%q in %s) = %q, %q; want %q, %q", tt.text, tt.dir, got, msg, tt.want, tt.msg)
		}
	}
}
