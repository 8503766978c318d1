package boundary

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// resolvedSpec is a Spec whose patterns are compiled for one module.
type resolvedSpec struct {
	module string
	// governed matches the packages the spec speaks for besides those
	// its patterns name: those under its directory (all of the module
	// when the spec sits at or above the module root).
	governed *Pattern
	contexts [][2][]compiledPattern // packages, api
	shared   []compiledPattern
	ignore   []compiledPattern
}

type compiledPattern struct {
	SpecPattern
	pat Pattern
}

// Resolve compiles the spec's patterns for the module with the given path
// whose root directory is root. Relative patterns ("./x/...", "../y") are
// relative to the spec's directory and must stay inside the module.
func (s *Spec) Resolve(module, root string) error {
	dir, err := filepath.Abs(s.Dir)
	if err != nil {
		return fmt.Errorf("%s: %w", s.File, err)
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return fmt.Errorf("%s: %w", root, err)
	}
	// A spec outside the module (and not above it) cannot name its
	// packages with relative patterns: say that once, not per pattern.
	if rel, err := filepath.Rel(root, dir); err != nil || escapes(rel) {
		if up, err := filepath.Rel(dir, root); err != nil || escapes(up) {
			for _, p := range s.allPatterns() {
				if strings.HasPrefix(p.text, ".") {
					return &SpecError{Issues: []SpecIssue{{Pos: s.Pos, Msg: fmt.Sprintf(
						"the spec is outside module %s (rooted at %s), and its relative patterns are relative to the spec's own directory; put the spec in the module",
						module, root)}}}
				}
			}
		}
	}
	var issues []SpecIssue
	compile := func(ps []SpecPattern) []compiledPattern {
		out := make([]compiledPattern, 0, len(ps))
		for _, p := range ps {
			abs, msg := importPattern(p.Text, dir, root, module)
			if msg != "" {
				issues = append(issues, SpecIssue{Pos: p.Pos, Msg: msg})
				continue
			}
			cp, err := CompilePattern(abs, "")
			if err != nil {
				issues = append(issues, SpecIssue{Pos: p.Pos, Msg: err.Error()})
				continue
			}
			out = append(out, compiledPattern{SpecPattern: p, pat: cp})
		}
		return out
	}
	r := &resolvedSpec{module: module}
	for _, c := range s.Contexts {
		r.contexts = append(r.contexts, [2][]compiledPattern{compile(c.Packages), compile(c.API)})
	}
	r.shared = compile(s.Shared)
	r.ignore = compile(s.Ignore)
	if rel, err := filepath.Rel(root, dir); err == nil && rel != "." && !escapes(rel) {
		g, _ := CompilePattern(module+"/"+filepath.ToSlash(rel)+"/...", "")
		r.governed = &g
	}
	if len(issues) > 0 {
		return &SpecError{Issues: issues}
	}
	s.resolved = r
	return nil
}

func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// importPattern turns a pattern of the spec into an import path pattern,
// or says why it cannot be one.
func importPattern(text, dir, root, module string) (string, string) {
	if !(text == "." || strings.HasPrefix(text, "./") || strings.HasPrefix(text, "../") || text == "..") {
		if text != module && !strings.HasPrefix(text, module+"/") && !strings.HasPrefix(text, "...") {
			return "", fmt.Sprintf("package pattern %q is not in module %s; write it relative to the spec (./...) or as an import path of the module", text, module)
		}
		return text, ""
	}
	abs := filepath.Join(dir, filepath.FromSlash(text))
	rel, err := filepath.Rel(root, abs)
	if err != nil || escapes(rel) {
		return "", fmt.Sprintf("package pattern %q points outside module %s (rooted at %s)", text, module, root)
	}
	if rel == "." {
		return module, ""
	}
	return module + "/" + filepath.ToSlash(rel), ""
}

// Placement says where a package belongs under a spec.
type Placement struct {
	// Context indexes Spec.Contexts; -1 when the package is in none.
	Context int
	Shared  bool
	Ignored bool
	// API is true for a context package that other contexts may import.
	API bool
	// Governed is false for packages the spec does not speak for: those
	// outside its directory that no pattern names.
	Governed bool
}

// Unassigned reports whether no entry of the spec matches the package.
func (p Placement) Unassigned() bool {
	return p.Governed && p.Context < 0 && !p.Shared && !p.Ignored
}

// Place finds where each package of g belongs. A package matched by two
// contexts, or by a context and the shared kernel, is a spec error
// naming both patterns; ignore takes precedence over everything, so that
// it can carve generated code or tools out of a context. Unused returns
// the patterns that match no package of g.
func (s *Spec) Place(g *analyze.Graph) (placements []Placement, unused []SpecIssue, err error) {
	if s.resolved == nil || s.resolved.module != g.Module {
		if err := s.Resolve(g.Module, g.Root); err != nil {
			return nil, nil, err
		}
	}
	r := s.resolved
	used := map[Pos]bool{}
	type pair struct{ a, b Pos }
	overlaps := map[pair][]int{} // the packages of each overlap
	var order []pair
	out := make([]Placement, len(g.Packages))
	for i, p := range g.Packages {
		pl := Placement{Context: -1, Governed: r.governed == nil || r.governed.Match(p.Path)}
		for _, cp := range r.ignore {
			if cp.pat.Match(p.Path) {
				pl.Ignored = true
				used[cp.Pos] = true
			}
		}
		// The first claim, to name in an overlap; entry is the context's
		// index, or -1 for the shared kernel.
		var first *compiledPattern
		firstEntry := 0
		claim := func(cp *compiledPattern, entry int) bool {
			if !cp.pat.Match(p.Path) {
				return false
			}
			used[cp.Pos] = true
			if first == nil {
				first, firstEntry = cp, entry
				return true
			}
			if entry == firstEntry {
				return false // two patterns of one entry: harmless
			}
			k := pair{first.Pos, cp.Pos}
			if overlaps[k] == nil {
				order = append(order, k)
			}
			overlaps[k] = append(overlaps[k], i)
			return false
		}
		for ci := range r.contexts {
			for k := range r.contexts[ci][0] {
				if claim(&r.contexts[ci][0][k], ci) && pl.Context < 0 {
					pl.Context = ci
				}
			}
		}
		for k := range r.shared {
			if claim(&r.shared[k], -1) {
				pl.Shared = true
			}
		}
		if pl.Context >= 0 {
			for _, cp := range r.contexts[pl.Context][1] {
				if cp.pat.Match(p.Path) {
					pl.API = true
					used[cp.Pos] = true
				}
			}
		}
		// A package the spec names is the spec's, wherever it is.
		pl.Governed = pl.Governed || pl.Context >= 0 || pl.Shared || pl.Ignored
		out[i] = pl
	}

	// Overlaps among ignored packages do not matter: ignore wins.
	var issues []SpecIssue
	for _, k := range order {
		var live []string
		for _, i := range overlaps[k] {
			if !out[i].Ignored {
				live = append(live, g.Packages[i].Path)
			}
		}
		if len(live) == 0 {
			continue
		}
		a, b := s.patternAt(k.a), s.patternAt(k.b)
		issues = append(issues, SpecIssue{Pos: k.b, Msg: fmt.Sprintf(
			"pattern %q of %s and %q of %s (at %s) both match %s; a package belongs to one context or the shared kernel (ignore may overlap anything)",
			b.text, b.entry, a.text, a.entry, k.a, examples(live))})
	}
	if len(issues) > 0 {
		sort.SliceStable(issues, func(i, j int) bool { return posLess(issues[i].Pos, issues[j].Pos) })
		return nil, nil, &SpecError{Issues: issues}
	}

	// API patterns must name packages of their own context.
	for ci, c := range r.contexts {
		for _, cp := range c[1] {
			var stray []string
			for i, p := range g.Packages {
				if cp.pat.Match(p.Path) && out[i].Context != ci && !out[i].Ignored {
					stray = append(stray, p.Path)
				}
			}
			if len(stray) > 0 {
				issues = append(issues, SpecIssue{Pos: cp.Pos, Msg: fmt.Sprintf(
					"api pattern %q of context %q matches %s, outside the context; api lists packages of the context itself",
					cp.Text, s.Contexts[ci].Name.Value, examples(stray))})
			}
		}
	}
	if len(issues) > 0 {
		return nil, nil, &SpecError{Issues: issues}
	}

	for _, cp := range s.allPatterns() {
		if !used[cp.Pos] {
			unused = append(unused, SpecIssue{Pos: cp.Pos, Msg: fmt.Sprintf("%s pattern %q matches no package", cp.entry, cp.text)})
		}
	}
	return out, unused, nil
}

type namedPattern struct {
	entry, text string
	Pos         Pos
}

// allPatterns lists every pattern of the spec with the entry it belongs
// to, in file order.
func (s *Spec) allPatterns() []namedPattern {
	var out []namedPattern
	for _, c := range s.Contexts {
		for _, p := range c.Packages {
			out = append(out, namedPattern{fmt.Sprintf("context %q", c.Name.Value), p.Text, p.Pos})
		}
		for _, p := range c.API {
			out = append(out, namedPattern{fmt.Sprintf("context %q api", c.Name.Value), p.Text, p.Pos})
		}
	}
	for _, p := range s.Shared {
		out = append(out, namedPattern{"shared", p.Text, p.Pos})
	}
	for _, p := range s.Ignore {
		out = append(out, namedPattern{"ignore", p.Text, p.Pos})
	}
	sort.SliceStable(out, func(i, j int) bool { return posLess(out[i].Pos, out[j].Pos) })
	return out
}

func (s *Spec) patternAt(p Pos) namedPattern {
	for _, np := range s.allPatterns() {
		if np.Pos == p {
			return np
		}
	}
	return namedPattern{Pos: p}
}

func posLess(a, b Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// examples names up to three packages and how many more.
func examples(paths []string) string {
	const n = 3
	if len(paths) == 1 {
		return paths[0]
	}
	if len(paths) <= n {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:n], ", "), len(paths)-n)
}

// NeedsTables reports whether checking the spec needs the table accesses
// of the code (and so a typed load): some context owns tables.
func (s *Spec) NeedsTables() bool {
	for _, c := range s.Contexts {
		if len(c.Tables) > 0 {
			return true
		}
	}
	return false
}

// ContextNames lists the contexts in spec order.
func (s *Spec) ContextNames() []string {
	out := make([]string, len(s.Contexts))
	for i, c := range s.Contexts {
		out[i] = c.Name.Value
	}
	return out
}
