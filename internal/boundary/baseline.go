package boundary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// BaselineFileName is the baseline's default name, beside the spec.
const BaselineFileName = "decompose.baseline.yaml"

// MaxBaselineSize bounds a baseline file: room for a few hundred thousand
// entries, far more than any team would accept, while a stray huge file
// is turned down at once.
const MaxBaselineSize = 64 << 20

// Baseline is the set of known violations a team has accepted for now.
// Entries are keyed without line numbers, so that editing a file does not
// churn them: moving an import ten lines down leaves the baseline as it
// is, adding a second one to the same file is new.
type Baseline struct {
	File    string
	Entries []BaselineEntry
}

// BaselineEntry is one accepted violation key and how many times it may
// occur. The key is (kind, file, from, to, target), with file left out
// for an unassigned package (target is the package).
type BaselineEntry struct {
	Kind     ViolationKind
	File     string
	From, To string
	Target   string
	// Count is how many violations with this key there are (at least 1).
	Count int
	// Pos is where the entry is in the baseline file (zero when it was
	// made from violations).
	Pos Pos
}

// Key is the entry's identity.
func (e BaselineEntry) Key() BaselineKey {
	return BaselineKey{Kind: e.Kind, File: e.File, From: e.From, To: e.To, Target: e.Target}
}

// BaselineKey identifies violations across edits.
type BaselineKey struct {
	Kind     ViolationKind
	File     string
	From, To string
	Target   string
}

// Key is the violation's baseline key.
func (v Violation) Key() BaselineKey {
	k := BaselineKey{Kind: v.Kind, File: v.File, From: v.From, To: v.To, Target: v.Target}
	if v.Kind == KindUnassigned {
		k.File = "" // a package is unassigned whatever its files
	}
	return k
}

func keyLess(a, b BaselineKey) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.From != b.From {
		return a.From < b.From
	}
	if a.To != b.To {
		return a.To < b.To
	}
	return a.Target < b.Target
}

// NewBaseline records the violations as a baseline.
func NewBaseline(vs []Violation) *Baseline {
	counts := map[BaselineKey]int{}
	for _, v := range vs {
		counts[v.Key()]++
	}
	b := &Baseline{}
	for k, n := range counts {
		b.Entries = append(b.Entries, BaselineEntry{Kind: k.Kind, File: k.File, From: k.From, To: k.To, Target: k.Target, Count: n})
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	sort.Slice(b.Entries, func(i, j int) bool { return keyLess(b.Entries[i].Key(), b.Entries[j].Key()) })
}

// Apply takes the baselined violations out of res.Violations, counts
// them in res.Baselined, and lists in res.Stale the entries that no
// longer occur (or occur fewer times). When a key occurs more often than
// the baseline allows, the first occurrences (by line) are taken as the
// known ones and the rest are reported. With partial (only some packages
// were checked) no entry is called stale: its code may not have been
// looked at.
func (b *Baseline) Apply(res *CheckResult, partial bool) {
	allowed := map[BaselineKey]int{}
	for _, e := range b.Entries {
		allowed[e.Key()] += e.Count
	}
	var fresh []Violation
	for _, v := range res.Violations {
		k := v.Key()
		if allowed[k] > 0 {
			allowed[k]--
			res.Baselined++
			continue
		}
		fresh = append(fresh, v)
	}
	res.Violations = fresh
	if partial {
		return
	}
	for _, e := range b.Entries {
		if n := allowed[e.Key()]; n > 0 {
			stale := e
			stale.Count = min(n, e.Count)
			allowed[e.Key()] -= stale.Count
			res.Stale = append(res.Stale, stale)
		}
	}
}

// Format writes the baseline as YAML: a header saying what the file is,
// then one entry per line in a stable order, so that a change to it reads
// well in a diff.
func (b *Baseline) Format() []byte {
	var buf bytes.Buffer
	buf.WriteString(`# Known violations of decompose.yaml, accepted for now.
#
# Written by "decompose check --update-baseline"; check fails only on
# violations that are not listed here, and reports entries that no longer
# occur. Entries have no line numbers, so editing a file does not churn
# them; count says how many times a key may occur.
`)
	fmt.Fprintf(&buf, "version: %d\n", SpecVersion)
	if len(b.Entries) == 0 {
		buf.WriteString("violations: []\n")
		return buf.Bytes()
	}
	buf.WriteString("violations:\n")
	entries := append([]BaselineEntry(nil), b.Entries...)
	sort.SliceStable(entries, func(i, j int) bool { return keyLess(entries[i].Key(), entries[j].Key()) })
	for _, e := range entries {
		fields := []string{"kind: " + yamlScalar(string(e.Kind))}
		for _, f := range [][2]string{{"file", e.File}, {"from", e.From}, {"to", e.To}, {"target", e.Target}} {
			if f[1] != "" {
				fields = append(fields, f[0]+": "+yamlScalar(f[1]))
			}
		}
		if e.Count > 1 {
			fields = append(fields, fmt.Sprintf("count: %d", e.Count))
		}
		fmt.Fprintf(&buf, "  - {%s}\n", strings.Join(fields, ", "))
	}
	return buf.Bytes()
}

// ReadBaseline reads and parses a baseline file; file names it in
// messages.
func ReadBaseline(path, file string) (*Baseline, error) {
	data, err := readLimited(path, file, MaxBaselineSize, "a baseline")
	if err != nil {
		return nil, err
	}
	return ParseBaseline(file, data)
}

// ParseBaseline parses the text of a baseline file, as strictly as a
// spec. An empty file is an empty baseline.
func ParseBaseline(name string, data []byte) (b *Baseline, err error) {
	d := &decoder{file: name}
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, d.fail(Pos{File: name, Line: 1, Col: 1}, fmt.Sprintf("%s: %v", yamlPanic, r))
		}
	}()
	b = &Baseline{File: name}
	if len(bytes.TrimSpace(data)) == 0 {
		return b, nil
	}
	root, err := d.document(data)
	if err != nil {
		if se, ok := err.(*SpecError); ok && strings.HasPrefix(se.Issues[0].Msg, "empty file") {
			return b, nil // only comments
		}
		return nil, err
	}
	var version, violations ast.Node
	seen := d.mapping(root, "baseline", []field{
		{"version", func(_, v ast.Node) { version = v }},
		{"violations", func(_, v ast.Node) { violations = v }},
	})
	if seen != nil && !seen["version"] {
		d.errorAt(d.pos(root), "missing version; a baseline starts with \"version: %d\"", SpecVersion)
	} else if version != nil {
		if v, ok := intValue(version); !ok || v != SpecVersion {
			d.errorf(version, "unsupported baseline version %s; this decompose reads version %d", version.GetToken().Value, SpecVersion)
		}
	}
	seq, ok := violations.(*ast.SequenceNode)
	switch {
	case violations == nil:
	case ok:
		seenKeys := map[BaselineKey]Pos{}
		for i, n := range seq.Values {
			if e, ok := d.baselineEntry(n, fmt.Sprintf("violations[%d]", i)); ok {
				if prev, dup := seenKeys[e.Key()]; dup {
					d.errorAt(e.Pos, "violations[%d]: the same violation as at %s; use count", i, prev)
					continue
				}
				seenKeys[e.Key()] = e.Pos
				b.Entries = append(b.Entries, e)
			}
		}
	default:
		if _, null := violations.(*ast.NullNode); !null {
			d.errorf(violations, "violations: want a list, got %s", describe(violations))
		}
	}
	if len(d.issues) > 0 {
		return nil, d.err()
	}
	return b, nil
}

func (d *decoder) baselineEntry(n ast.Node, what string) (BaselineEntry, bool) {
	n, ok := d.value(n, what)
	if !ok {
		return BaselineEntry{}, false
	}
	e := BaselineEntry{Count: 1, Pos: d.pos(n)}
	before := len(d.issues)
	text := func(dst *string, name string) func(_, v ast.Node) {
		return func(_, v ast.Node) {
			if s, ok := d.scalar(v, what+"."+name, true); ok {
				*dst = s.Value
			}
		}
	}
	var kind string
	seen := d.mapping(n, what, []field{
		{"kind", text(&kind, "kind")},
		{"file", text(&e.File, "file")},
		{"from", text(&e.From, "from")},
		{"to", text(&e.To, "to")},
		{"target", text(&e.Target, "target")},
		{"count", func(_, v ast.Node) {
			c, ok := intValue(v)
			if !ok || c < 1 {
				d.errorf(v, "%s.count: want a whole number of at least 1, got %s", what, describe(v))
				return
			}
			e.Count = int(min(c, 1<<30))
		}},
	})
	if seen == nil {
		return BaselineEntry{}, false
	}
	if !seen["kind"] {
		d.errorAt(e.Pos, "%s: missing kind", what)
	} else if kind != "" {
		e.Kind = ViolationKind(kind)
		known := false
		for _, k := range ViolationKinds {
			known = known || k == e.Kind
		}
		if !known {
			d.errorAt(e.Pos, "%s: unknown kind %q", what, kind)
		}
	}
	return e, len(d.issues) == before
}

// yamlScalar writes a string as a plain YAML scalar when that reads back
// as the same string, and double-quoted otherwise.
func yamlScalar(s string) string {
	if plainSafe(s) {
		return s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a JSON string is a YAML double-quoted scalar
	return strings.TrimSuffix(buf.String(), "\n")
}

func plainSafe(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
	case c == '.' && (strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "."):
		// relative patterns; ".inf", ".nan" and "..." stay quoted
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_./-@+", c) >= 0) {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return false
	}
	return true
}
