package boundary

import (
	"fmt"
	"path"
	"strings"
)

// Pattern is a go list style package pattern: an import path, or a path
// relative to a base directory ("./internal/orders/..."), where "..."
// matches any string (as in the go command: "x/..." also matches "x").
type Pattern struct {
	Text string // as written
	abs  string // the pattern as an import path pattern
}

// CompilePattern resolves a pattern written relative to the directory whose
// import path is base ("" when the pattern is not relative).
func CompilePattern(text, base string) (Pattern, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return Pattern{}, fmt.Errorf("empty package pattern")
	}
	abs := t
	if t == "." || strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
		if base == "" {
			return Pattern{}, fmt.Errorf("relative pattern %q outside a module", t)
		}
		abs = path.Join(base, t)
		if strings.HasSuffix(t, "/...") && !strings.HasSuffix(abs, "/...") {
			abs += "/..."
		}
		if t == "./..." || t == "..." {
			abs = base + "/..."
		}
	}
	if strings.Contains(abs, "\\") {
		return Pattern{}, fmt.Errorf("package pattern %q: use forward slashes", t)
	}
	return Pattern{Text: t, abs: abs}, nil
}

// Match reports whether the import path matches the pattern.
func (p Pattern) Match(importPath string) bool {
	return matchPattern(p.abs, importPath)
}

// matchPattern implements the go command's pattern rule: "..." matches any
// string, and a trailing "/..." also matches the empty string.
func matchPattern(pattern, name string) bool {
	if !strings.Contains(pattern, "...") {
		return pattern == name
	}
	if strings.HasSuffix(pattern, "/...") && name == strings.TrimSuffix(pattern, "/...") {
		return true
	}
	parts := strings.Split(pattern, "...")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	rest := name[len(parts[0]):]
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last {
			return strings.HasSuffix(rest, part)
		}
		j := strings.Index(rest, part)
		if j < 0 {
			return false
		}
		rest = rest[j+len(part):]
	}
	return true
}

// Patterns is a list of patterns; it matches when any of them does.
type Patterns []Pattern

// Match reports whether any pattern matches.
func (ps Patterns) Match(importPath string) bool {
	for _, p := range ps {
		if p.Match(importPath) {
			return true
		}
	}
	return false
}

// CompilePatterns compiles each text relative to base.
func CompilePatterns(texts []string, base string) (Patterns, error) {
	var out Patterns
	for _, t := range texts {
		p, err := CompilePattern(t, base)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
