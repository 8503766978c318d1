package boundary

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// SpecFromModel turns a proposal into a spec that the code passes as it
// is today, for a team to edit and commit: one context per boundary, its
// api the packages other contexts import now, depends_on the contexts it
// imports now, the tables only it uses, the shared kernel as shared and
// the entry points as ignore. dir is the directory the spec will be
// written to; patterns are relative to it, and a directory whose
// packages all belong to one entry is written as one "./dir/..."
// pattern.
func SpecFromModel(g *analyze.Graph, m *Model, dir string) (*Spec, error) {
	root, err := filepath.Abs(g.Root)
	if err != nil {
		return nil, err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	s := &Spec{Version: SpecVersion, Dir: dir}

	// The entry of every package: a context index, or one of these.
	const (
		entryShared = -1 - iota
		entryIgnore
		entryNone
	)
	entry := make([]int, len(g.Packages))
	for i := range entry {
		entry[i] = entryNone
	}
	setEntry := func(path string, e int) {
		if p := g.Package(path); p != nil && entry[p.ID] == entryNone {
			entry[p.ID] = e
		}
	}
	used := map[string]bool{}
	for i, b := range m.Boundaries {
		name := contextName(b.Name, i, used)
		s.Contexts = append(s.Contexts, &Context{Name: Name{Value: name}, HasDependsOn: true})
		for _, p := range b.Packages {
			setEntry(p, i)
		}
	}
	for _, sp := range m.Shared {
		setEntry(sp.Package, entryShared)
	}
	for _, p := range m.Entrypoints {
		setEntry(p, entryIgnore)
	}
	// Anything the proposal left out (it should not) is ignored, and
	// said so: the written spec must pass.
	var leftOver []string
	for _, p := range g.Packages {
		if entry[p.ID] == entryNone {
			entry[p.ID] = entryIgnore
			leftOver = append(leftOver, p.Path)
		}
	}
	if len(leftOver) > 0 {
		s.Notes = append(s.Notes, "Ignored because the proposal placed them nowhere: "+strings.Join(leftOver, ", "))
	}

	rel := func(dirOfPkg string) string {
		r, err := filepath.Rel(dir, filepath.Join(root, filepath.FromSlash(dirOfPkg)))
		if err != nil {
			return "./" + dirOfPkg
		}
		r = filepath.ToSlash(r)
		if r == "." {
			return "."
		}
		if strings.HasPrefix(r, "../") || r == ".." {
			return r
		}
		return "./" + r
	}
	for e, pats := range collapse(g, entry, rel) {
		switch {
		case e >= 0:
			s.Contexts[e].Packages = pats
		case e == entryShared:
			s.Shared = pats
		case e == entryIgnore:
			s.Ignore = pats
		}
	}

	// api and depends_on: what the code does today.
	api := make([]map[analyze.PkgID]bool, len(s.Contexts))
	deps := make([]map[int]bool, len(s.Contexts))
	for i := range s.Contexts {
		api[i], deps[i] = map[analyze.PkgID]bool{}, map[int]bool{}
	}
	for _, im := range g.Imports {
		from, to := entry[im.From], entry[im.To]
		if to < 0 || from == to || from == entryIgnore {
			continue
		}
		api[to][im.To] = true
		if from >= 0 {
			deps[from][to] = true
		}
	}
	for i, c := range s.Contexts {
		var ids []analyze.PkgID
		for id := range api[i] {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(a, b int) bool { return g.Packages[ids[a]].Path < g.Packages[ids[b]].Path })
		for _, id := range ids {
			c.API = append(c.API, SpecPattern{Text: rel(g.Packages[id].Dir)})
		}
		for d := range deps[i] {
			c.DependsOn = append(c.DependsOn, Name{Value: s.Contexts[d].Name.Value})
		}
		sort.Slice(c.DependsOn, func(a, b int) bool { return c.DependsOn[a].Value < c.DependsOn[b].Value })
	}

	// Tables: owned by the one context that uses them, the uses counted
	// as check counts them.
	users := map[string]map[int]bool{}
	for _, a := range g.Accesses {
		e, ok := accessBy(a, func(id analyze.PkgID) int { return entry[id] })
		if !ok {
			continue
		}
		t := strings.ToLower(a.Table)
		if users[t] == nil {
			users[t] = map[int]bool{}
		}
		users[t][e] = true
	}
	var sharedTables []string
	for t, us := range users {
		if len(us) == 1 {
			for e := range us {
				s.Contexts[e].Tables = append(s.Contexts[e].Tables, Name{Value: t})
			}
			continue
		}
		sharedTables = append(sharedTables, t)
	}
	for _, c := range s.Contexts {
		sort.Slice(c.Tables, func(a, b int) bool { return c.Tables[a].Value < c.Tables[b].Value })
	}
	if len(sharedTables) > 0 {
		sort.Strings(sharedTables)
		s.Notes = append(s.Notes, "Tables used by several contexts, owned by none yet: "+strings.Join(sharedTables, ", ")+". Give each an owner under tables: once the others go through its api.")
	}

	// acyclic when the code allows it.
	adj := make([][]int, len(s.Contexts))
	for i := range deps {
		for d := range deps[i] {
			adj[i] = append(adj[i], d)
		}
		sort.Ints(adj[i])
	}
	comp := scc(len(s.Contexts), adj)
	var cyclic []string
	for i := range s.Contexts {
		for j := range s.Contexts {
			if i != j && comp[i] == comp[j] {
				cyclic = append(cyclic, s.Contexts[i].Name.Value)
				break
			}
		}
	}
	if len(cyclic) == 0 {
		s.Acyclic = true
	} else {
		s.Notes = append(s.Notes, "acyclic: true is left out: "+strings.Join(cyclic, ", ")+" depend on each other today. Break the cycle, then add it.")
	}
	return s, nil
}

// contextName makes a boundary name a valid, unique context name.
func contextName(name string, i int, used map[string]bool) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	n := strings.Trim(b.String(), "-_.")
	if n == "" {
		n = fmt.Sprintf("context-%d", i+1)
	}
	if len(n) > 100 {
		n = n[:100]
	}
	base := n
	for k := 2; used[strings.ToLower(n)]; k++ {
		n = fmt.Sprintf("%s-%d", base, k)
	}
	used[strings.ToLower(n)] = true
	return n
}

// collapse writes the packages of each entry as patterns: a directory
// whose packages (two or more) all belong to one entry becomes
// "./dir/...", any other package is listed alone.
func collapse(g *analyze.Graph, entry []int, rel func(string) string) map[int][]SpecPattern {
	// The directory tree of the packages, by module-relative directory.
	type node struct {
		pkg      analyze.PkgID // -1: a directory without a package
		children map[string]*node
		entry    int // the one entry below, or mixed
		count    int // packages below, itself included
	}
	const mixed = 1 << 30
	rootNode := &node{pkg: -1, children: map[string]*node{}}
	for _, p := range g.Packages {
		n := rootNode
		if p.Dir != "." {
			for _, el := range strings.Split(p.Dir, "/") {
				c := n.children[el]
				if c == nil {
					c = &node{pkg: -1, children: map[string]*node{}}
					n.children[el] = c
				}
				n = c
			}
		}
		n.pkg = p.ID
	}
	var fill func(n *node) int
	fill = func(n *node) int {
		e := -mixed // none yet
		merge := func(x int) {
			switch {
			case e == -mixed:
				e = x
			case e != x:
				e = mixed
			}
		}
		if n.pkg >= 0 {
			merge(entry[n.pkg])
			n.count++
		}
		for _, c := range n.children {
			merge(fill(c))
			n.count += c.count
		}
		n.entry = e
		return e
	}
	fill(rootNode)

	out := map[int][]SpecPattern{}
	var walk func(n *node, dir string)
	walk = func(n *node, dir string) {
		if n.count == 0 {
			return
		}
		if n.entry != mixed && n.count >= 2 {
			p := rel(dir)
			if p == "." {
				p = "./..."
			} else {
				p += "/..."
			}
			out[n.entry] = append(out[n.entry], SpecPattern{Text: p})
			return
		}
		if n.pkg >= 0 {
			out[entry[n.pkg]] = append(out[entry[n.pkg]], SpecPattern{Text: rel(dir)})
		}
		names := make([]string, 0, len(n.children))
		for name := range n.children {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			child := name
			if dir != "." {
				child = dir + "/" + name
			}
			walk(n.children[name], child)
		}
	}
	walk(rootNode, ".")
	return out
}

// Format writes the spec as a commented decompose.yaml.
func (s *Spec) Format(module string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# The agreed boundaries of %s, enforced by "decompose check".
#
# Each context is a future service: its packages (go list patterns,
# relative to this file), the api other contexts may import, the contexts
# it may depend on, and the tables it owns. The shared kernel may be
# imported by anyone; ignored packages (entry points, tools) are not
# checked. Any other package is a violation, so new code is never
# silently unchecked. See "decompose help check".
`, module)
	fmt.Fprintf(&b, "version: %d\n", SpecVersion)
	b.WriteString("contexts:\n")
	for _, c := range s.Contexts {
		fmt.Fprintf(&b, "  - name: %s\n", yamlScalar(c.Name.Value))
		writePatterns(&b, "    ", "packages", c.Packages)
		writePatterns(&b, "    ", "api", c.API)
		if c.HasDependsOn {
			names := make([]string, len(c.DependsOn))
			for i, d := range c.DependsOn {
				names[i] = yamlScalar(d.Value)
			}
			fmt.Fprintf(&b, "    depends_on: [%s]\n", strings.Join(names, ", "))
		}
		if len(c.Tables) > 0 {
			names := make([]string, len(c.Tables))
			for i, t := range c.Tables {
				names[i] = yamlScalar(t.Value)
			}
			fmt.Fprintf(&b, "    tables: [%s]\n", strings.Join(names, ", "))
		}
	}
	writePatterns(&b, "", "shared", s.Shared)
	writePatterns(&b, "", "ignore", s.Ignore)
	if s.Acyclic {
		b.WriteString("acyclic: true\n")
	}
	for _, n := range s.Notes {
		b.WriteString("\n")
		for _, line := range wrap(n, 74) {
			b.WriteString("# " + line + "\n")
		}
	}
	return b.Bytes()
}

func writePatterns(b *bytes.Buffer, indent, key string, ps []SpecPattern) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(b, "%s%s:\n", indent, key)
	for _, p := range ps {
		fmt.Fprintf(b, "%s  - %s\n", indent, yamlScalar(p.Text))
	}
}

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
