package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// checkResultSample has one violation of every kind, stale baseline
// entries and spec warnings, and text that needs escaping.
func checkResultSample() *boundary.CheckResult {
	return &boundary.CheckResult{
		Module:      "example.com/shop",
		Spec:        "decompose.yaml",
		SpecRel:     "decompose.yaml",
		BaselineRel: "decompose.baseline.yaml",
		Contexts:    []string{"orders", "payments"},
		Packages:    12,
		Violations: []boundary.Violation{
			{Kind: boundary.KindImport, From: "orders", To: "payments", Package: "example.com/shop/orders", Target: "example.com/shop/payments/store", File: "orders/orders.go", Line: 7, Message: "orders imports payments/store, which is not in payments's api"},
			{Kind: boundary.KindDependency, From: "payments", To: "orders", Package: "example.com/shop/payments", Target: "example.com/shop/orders", File: "payments/p.go", Line: 3, Message: "payments may depend on no other context"},
			{Kind: boundary.KindTable, From: "", To: "orders", Package: "example.com/shop/platform/db", Target: "orders", File: "platform/db/db.go", Line: 40, Message: "a \"quoted\" 100% sure, message:\nwith a newline"},
			{Kind: boundary.KindTable, From: "", To: "orders", Package: "example.com/shop/platform/db", Target: "orders", File: "platform/db/db.go", Line: 41, Message: "the same key again"},
			{Kind: boundary.KindUnassigned, Package: "example.com/shop/tools", Target: "example.com/shop/tools", File: "tools/a file.go", Line: 1, Message: "package tools is in no context"},
			{Kind: boundary.KindCycle, From: "orders", To: "payments", Package: "example.com/shop/orders", Target: "example.com/shop/payments", File: "orders/orders.go", Line: 8, Message: "cycle"},
		},
		Baselined: 3,
		Stale: []boundary.BaselineEntry{
			{Kind: boundary.KindImport, File: "x.go", From: "a", To: "b", Target: "t", Count: 2, Pos: boundary.Pos{File: "decompose.baseline.yaml", Line: 9, Col: 5}},
		},
		Warnings: []boundary.SpecIssue{{Pos: boundary.Pos{File: "decompose.yaml", Line: 4, Col: 16}, Msg: "pattern \"./gone\" matches no package"}},
	}
}

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 JSON schema (testdata/sarif-schema-2.1.0.json, from
// oasis-tcs/sarif-spec), and against the rules GitHub code scanning adds.
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	schema := decodeJSON(t, raw)
	for _, tt := range []struct {
		name string
		r    *boundary.CheckResult
		opts CheckOptions
	}{
		{"every kind", checkResultSample(), CheckOptions{Version: "v1.2.3"}},
		{"strict, in a subdirectory", checkResultSample(), CheckOptions{Strict: true, PathPrefix: "backend"}},
		{"clean", &boundary.CheckResult{Module: "m", Spec: "decompose.yaml"}, CheckOptions{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := NewCheckRenderer("sarif", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := r.RenderCheck(&out, tt.r); err != nil {
				t.Fatal(err)
			}
			doc := decodeJSON(t, out.Bytes())
			v := &validator{root: schema}
			v.validate(schema, doc, "$")
			for _, e := range v.errs {
				t.Error(e)
			}
			checkGitHubRules(t, doc, len(tt.r.Violations))
			if tt.opts.PathPrefix != "" && !strings.Contains(out.String(), `"uri": "backend/orders/orders.go"`) {
				t.Errorf("paths are not prefixed with %s", tt.opts.PathPrefix)
			}
		})
	}
}

// checkGitHubRules checks what GitHub code scanning requires beyond the
// schema (docs: "SARIF support for code scanning").
func checkGitHubRules(t *testing.T, doc any, results int) {
	t.Helper()
	run := get(doc, "runs", 0)
	driver := get(run, "tool", "driver")
	if s, _ := get(driver, "name").(string); s == "" {
		t.Error("tool.driver.name is empty")
	}
	rules, _ := get(driver, "rules").([]any)
	if len(rules) != len(boundary.ViolationKinds) {
		t.Errorf("%d rules, want one per kind (%d)", len(rules), len(boundary.ViolationKinds))
	}
	for i, rule := range rules {
		for _, path := range [][]any{{"id"}, {"name"}, {"shortDescription", "text"}, {"fullDescription", "text"}, {"help", "text"}, {"help", "markdown"}} {
			s, _ := get(rule, path...).(string)
			if s == "" || len(s) > 1024 {
				t.Errorf("rules[%d].%v: %d characters, want 1 to 1024", i, path, len(s))
			}
		}
	}
	rs, _ := get(run, "results").([]any)
	if len(rs) != results {
		t.Errorf("%d results, want %d", len(rs), results)
	}
	for i, r := range rs {
		if s, _ := get(r, "message", "text").(string); s == "" {
			t.Errorf("results[%d]: no message", i)
		}
		id, _ := get(r, "ruleId").(string)
		idx, _ := get(r, "ruleIndex").(json.Number).Int64()
		if got, _ := get(rules[idx], "id").(string); got != id {
			t.Errorf("results[%d]: ruleIndex %d is rule %q, ruleId is %q", i, idx, got, id)
		}
		if s, _ := get(r, "locations", 0, "physicalLocation", "artifactLocation", "uri").(string); s == "" || strings.HasPrefix(s, "/") {
			t.Errorf("results[%d]: uri %q, want a repository-relative path", i, s)
		}
		if n, _ := get(r, "locations", 0, "physicalLocation", "region", "startLine").(json.Number).Int64(); n < 1 {
			t.Errorf("results[%d]: startLine %d", i, n)
		}
		if fp, _ := get(r, "partialFingerprints").(map[string]any); len(fp) == 0 {
			t.Errorf("results[%d]: no partialFingerprints", i)
		}
	}
}

// get walks into decoded JSON by keys and indexes.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// validator implements the part of JSON Schema draft 4 the SARIF schema
// uses: $ref (local), type, properties, additionalProperties, required,
// items, enum, minimum, maximum, minItems, uniqueItems, pattern, format
// (uri, uri-reference, date-time), anyOf and oneOf. Annotations (title,
// description, default) are ignored. An unknown keyword fails the test,
// so that the validator cannot silently check less than the schema says.
type validator struct {
	root any
	errs []string
}

var knownKeywords = map[string]bool{
	"$schema": true, "id": true, "title": true, "description": true, "default": true,
	"$ref": true, "type": true, "properties": true, "additionalProperties": true, "required": true,
	"items": true, "enum": true, "minimum": true, "maximum": true, "minItems": true, "uniqueItems": true,
	"pattern": true, "format": true, "anyOf": true, "oneOf": true, "definitions": true,
}

func (v *validator) errorf(at, format string, args ...any) {
	v.errs = append(v.errs, at+": "+fmt.Sprintf(format, args...))
}

func (v *validator) validate(schema, doc any, at string) {
	s, ok := schema.(map[string]any)
	if !ok {
		v.errorf(at, "schema is not an object")
		return
	}
	for k := range s {
		if !knownKeywords[k] {
			v.errorf(at, "schema keyword %q is not supported by this validator", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		v.validate(v.resolve(ref, at), doc, at)
		return
	}
	if t, ok := s["type"]; ok && !typeMatches(t, doc) {
		v.errorf(at, "%s is not of type %v", brief(doc), t)
		return
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || reflect.DeepEqual(e, doc)
		}
		if !found {
			v.errorf(at, "%s is not one of %v", brief(doc), enum)
		}
	}
	switch d := doc.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asSlice(s["required"]) {
			if _, ok := d[r.(string)]; !ok {
				v.errorf(at, "required property %q is missing", r)
			}
		}
		for k, val := range d {
			if ps, ok := props[k]; ok {
				v.validate(ps, val, at+"."+k)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.errorf(at, "property %q is not allowed", k)
				}
			case map[string]any:
				v.validate(ap, val, at+"."+k)
			}
		}
	case []any:
		if n, ok := s["minItems"].(json.Number); ok {
			if min, _ := n.Int64(); int64(len(d)) < min {
				v.errorf(at, "%d items, want at least %d", len(d), min)
			}
		}
		if u, _ := s["uniqueItems"].(bool); u {
			for i := range d {
				for j := 0; j < i; j++ {
					if reflect.DeepEqual(d[i], d[j]) {
						v.errorf(at, "items %d and %d are equal", j, i)
					}
				}
			}
		}
		if items, ok := s["items"]; ok {
			for i, item := range d {
				v.validate(items, item, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	case json.Number:
		x, _ := new(big.Float).SetString(d.String())
		if m, ok := s["minimum"].(json.Number); ok {
			if y, _ := new(big.Float).SetString(m.String()); x.Cmp(y) < 0 {
				v.errorf(at, "%s is below the minimum %s", d, m)
			}
		}
		if m, ok := s["maximum"].(json.Number); ok {
			if y, _ := new(big.Float).SetString(m.String()); x.Cmp(y) > 0 {
				v.errorf(at, "%s is above the maximum %s", d, m)
			}
		}
	case string:
		if p, ok := s["pattern"].(string); ok {
			if re, err := regexp.Compile(p); err != nil {
				v.errorf(at, "schema pattern %q: %v", p, err)
			} else if !re.MatchString(d) {
				v.errorf(at, "%q does not match %s", d, p)
			}
		}
		if f, ok := s["format"].(string); ok {
			v.format(f, d, at)
		}
	}
	if any, ok := s["anyOf"].([]any); ok {
		if v.matching(any, doc, at) == 0 {
			v.errorf(at, "%s matches none of anyOf", brief(doc))
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		if n := v.matching(one, doc, at); n != 1 {
			v.errorf(at, "%s matches %d of oneOf, want exactly 1", brief(doc), n)
		}
	}
}

// matching counts the schemas doc is valid against.
func (v *validator) matching(schemas []any, doc any, at string) int {
	n := 0
	for _, sub := range schemas {
		trial := &validator{root: v.root}
		trial.validate(sub, doc, at)
		if len(trial.errs) == 0 {
			n++
		}
	}
	return n
}

func (v *validator) format(f, s, at string) {
	switch f {
	case "uri":
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			v.errorf(at, "%q is not an absolute URI", s)
		}
	case "uri-reference":
		if _, err := url.Parse(s); err != nil {
			v.errorf(at, "%q is not a URI reference: %v", s, err)
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			v.errorf(at, "%q is not a date-time", s)
		}
	default:
		v.errorf(at, "format %q is not supported by this validator", f)
	}
}

func (v *validator) resolve(ref, at string) any {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		v.errorf(at, "non-local $ref %q", ref)
		return map[string]any{}
	}
	node := v.root
	for _, p := range strings.Split(path, "/") {
		node = get(node, p)
	}
	if node == nil {
		v.errorf(at, "$ref %q not found", ref)
		return map[string]any{}
	}
	return node
}

func typeMatches(t, doc any) bool {
	if ts, ok := t.([]any); ok {
		for _, x := range ts {
			if typeMatches(x, doc) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := doc.(map[string]any)
		return ok
	case "array":
		_, ok := doc.([]any)
		return ok
	case "string":
		_, ok := doc.(string)
		return ok
	case "boolean":
		_, ok := doc.(bool)
		return ok
	case "null":
		return doc == nil
	case "number":
		_, ok := doc.(json.Number)
		return ok
	case "integer":
		n, ok := doc.(json.Number)
		return ok && !strings.ContainsAny(n.String(), ".eE")
	}
	return false
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// TestSARIFValidatorCatches makes sure the validator is not vacuous:
// broken logs fail.
func TestSARIFValidatorCatches(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	schema := decodeJSON(t, raw)
	for _, bad := range []string{
		`{"version": "2.1.0"}`,
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "colour": "red"}}}]}`,
	} {
		v := &validator{root: schema}
		v.validate(schema, decodeJSON(t, []byte(bad)), "$")
		if len(v.errs) == 0 {
			t.Errorf("valid, want errors: %s", bad)
		}
	}
}
