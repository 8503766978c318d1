package boundary

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// SpecVersion is the version of the decompose.yaml format this package
// reads and writes.
const SpecVersion = 1

// SpecFileName is the name check looks for.
const SpecFileName = "decompose.yaml"

// MaxSpecSize bounds a decompose.yaml. A spec for a monolith of thousands
// of packages is a few hundred kilobytes; anything much bigger is the
// wrong file, and reading it would only waste time.
const MaxSpecSize = 1 << 20

// Spec is an agreed set of boundaries: the contents of a decompose.yaml.
// Patterns are kept as written, with their positions; Resolve compiles
// them for a module.
type Spec struct {
	// File names the file in messages; Dir is the directory relative
	// patterns are relative to.
	File string
	Dir  string

	Version  int
	Contexts []*Context
	Shared   []SpecPattern
	Ignore   []SpecPattern
	// Acyclic forbids contexts that depend on each other.
	Acyclic bool

	// Pos is where the spec starts, for problems with the whole file.
	Pos Pos

	// Notes are remarks Format writes as comments at the end (why
	// something was left out of a generated spec).
	Notes []string

	resolved *resolvedSpec
}

// Context is one agreed bounded context (a future service).
type Context struct {
	Name Name
	// Packages are the context's packages; API those of them other
	// contexts may import.
	Packages []SpecPattern
	API      []SpecPattern
	// DependsOn names the contexts this one may import. It is a rule only
	// when HasDependsOn: an absent key allows any, an empty list none.
	DependsOn    []Name
	HasDependsOn bool
	// Tables are the database tables the context owns.
	Tables []Name
}

// Name is a string of the spec with its position.
type Name struct {
	Value string
	Pos   Pos
}

// SpecPattern is a package pattern as written in the spec, with its
// position.
type SpecPattern struct {
	Text string
	Pos  Pos
}

// Pos is a position in a spec or baseline file; Line and Col are 1-based.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// SpecError is everything found wrong with a spec, each problem at its
// position. All of them are reported at once, so that a user fixing a
// spec does not have to run check once per mistake.
type SpecError struct {
	Issues []SpecIssue
}

// SpecIssue is one problem with a spec.
type SpecIssue struct {
	Pos Pos
	Msg string
}

func (i SpecIssue) String() string { return i.Pos.String() + ": " + i.Msg }

func (e *SpecError) Error() string {
	lines := make([]string, len(e.Issues))
	for i, is := range e.Issues {
		lines[i] = is.String()
	}
	return strings.Join(lines, "\n")
}

// ReadSpec reads and parses the spec at path. File names it in messages
// (as the user would type it); path is where to read it.
func ReadSpec(path, file string) (*Spec, error) {
	data, err := readLimited(path, file, MaxSpecSize, "a decompose.yaml")
	if err != nil {
		return nil, err
	}
	s, err := ParseSpec(file, data)
	if err != nil {
		return nil, err
	}
	s.Dir = dirOfPath(path)
	return s, nil
}

// readLimited reads a file of at most limit bytes, checking the size
// before reading anything, so that a huge file is turned down at once.
func readLimited(path, file string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, want a file", file)
	}
	tooBig := func(size int64) error {
		return &SpecError{Issues: []SpecIssue{{
			Pos: Pos{File: file, Line: 1, Col: 1},
			Msg: fmt.Sprintf("file is %s; %s is at most %s (is this the right file?)", byteSize(size), what, byteSize(limit)),
		}}}
	}
	if fi.Size() > limit {
		return nil, tooBig(fi.Size())
	}
	// The size can change under us, or lie (a pipe): read one byte more.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if int64(len(data)) > limit {
		return nil, tooBig(int64(len(data)))
	}
	return data, nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func dirOfPath(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		if i == 0 {
			return p[:1]
		}
		return p[:i]
	}
	return "."
}

// ParseSpec parses the text of a decompose.yaml. name is the file's name
// in messages; the returned Spec's Dir is name's directory. Every error is
// a *SpecError whose issues carry a line and column.
//
// Decoding is strict: unknown keys, values of the wrong type, duplicate
// keys, YAML anchors, aliases and tags, several documents, duplicate
// contexts, unknown contexts in depends_on, tables owned twice and
// patterns claimed twice are all errors.
func ParseSpec(name string, data []byte) (s *Spec, err error) {
	d := &decoder{file: name}
	defer func() {
		// The YAML library is third-party code fed with user input; a
		// panic in it must still be a message, not a crash.
		if r := recover(); r != nil {
			s, err = nil, d.fail(Pos{File: name, Line: 1, Col: 1}, fmt.Sprintf("%s: %v", yamlPanic, r))
		}
	}()
	root, err := d.document(data)
	if err != nil {
		return nil, err
	}
	s = &Spec{File: name, Dir: dirOfPath(name), Pos: d.pos(root)}
	d.spec(root, s)
	if len(d.issues) == 0 {
		d.validate(s)
	}
	if len(d.issues) > 0 {
		return nil, d.err()
	}
	return s, nil
}

// err is the issues found, in file order.
func (d *decoder) err() error {
	sort.SliceStable(d.issues, func(i, j int) bool { return posLess(d.issues[i].Pos, d.issues[j].Pos) })
	return &SpecError{Issues: d.issues}
}

// yamlPanic starts the message of a panic recovered from the YAML
// library.
const yamlPanic = "internal error in the YAML parser"

// decoder walks the YAML syntax tree, collecting issues with positions.
type decoder struct {
	file   string
	issues []SpecIssue
}

func (d *decoder) fail(p Pos, msg string) error {
	return &SpecError{Issues: []SpecIssue{{Pos: p, Msg: msg}}}
}

func (d *decoder) errorf(n ast.Node, format string, args ...any) {
	d.issues = append(d.issues, SpecIssue{Pos: d.pos(n), Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) errorAt(p Pos, format string, args ...any) {
	d.issues = append(d.issues, SpecIssue{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// pos is where a node starts. A block mapping's token is the first key's
// colon; the key itself is where a reader looks.
func (d *decoder) pos(n ast.Node) Pos {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Start != nil && m.Start.Value != "{" {
		n = m.Values[0].Key
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	p := Pos{File: d.file, Line: 1, Col: 1}
	if n == nil {
		return p
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line > 0 {
		p.Line, p.Col = tk.Position.Line, max(tk.Position.Column, 1)
	}
	return p
}

// document checks the bytes and parses them into the one document's
// root node.
func (d *decoder) document(data []byte) (ast.Node, error) {
	text := strings.TrimPrefix(string(data), "\uFEFF") // a byte-order mark from some editors
	if !utf8.ValidString(text) {
		line, col := lineCol(text, invalidUTF8Offset(text))
		return nil, d.fail(Pos{File: d.file, Line: line, Col: col}, "not UTF-8 text")
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		line, col := lineCol(text, i)
		return nil, d.fail(Pos{File: d.file, Line: line, Col: col}, "NUL byte: this is not a YAML file")
	}
	f, err := parser.ParseBytes([]byte(text), 0)
	if err != nil {
		return nil, d.fail(d.yamlErrorPos(err), "invalid YAML: "+yamlErrorMsg(err))
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		return nil, d.fail(Pos{File: d.file, Line: 1, Col: 1}, fmt.Sprintf("empty file; a spec starts with \"version: %d\" and lists contexts (decompose propose --write writes one)", SpecVersion))
	}
	if len(docs) > 1 {
		return nil, d.fail(d.pos(docs[1].Body), "a second YAML document; a spec is one document (remove the \"---\")")
	}
	return docs[0].Body, nil
}

// yamlErrorPos is where the YAML library located a syntax error.
func (d *decoder) yamlErrorPos(err error) Pos {
	p := Pos{File: d.file, Line: 1, Col: 1}
	var ye yaml.Error
	if errors.As(err, &ye) {
		if tk := ye.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line > 0 {
			p.Line, p.Col = tk.Position.Line, max(tk.Position.Column, 1)
		}
	}
	return p
}

func yamlErrorMsg(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return firstLineOf(err.Error())
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func lineCol(s string, off int) (int, int) {
	line, col := 1, 1
	for i, r := range s {
		if i >= off {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func invalidUTF8Offset(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return i
			}
		}
	}
	return 0
}

// Node helpers. Every value goes through value(), which turns down the
// YAML features a reviewed config file has no use for.

func (d *decoder) value(n ast.Node, what string) (ast.Node, bool) {
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode:
		d.errorf(n, "%s: YAML anchors and aliases are not supported; write the value out", what)
		return nil, false
	case *ast.TagNode:
		d.errorf(n, "%s: YAML tags are not supported", what)
		return nil, false
	case *ast.MergeKeyNode:
		d.errorf(n, "%s: YAML merge keys are not supported", what)
		return nil, false
	}
	return n, true
}

// describe names a node's type the way a user thinks of it.
func describe(n ast.Node) string {
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.StringNode:
		return fmt.Sprintf("the string %q", n.Value)
	case *ast.LiteralNode:
		return "a multi-line string"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "the number " + n.GetToken().Value
	case *ast.BoolNode:
		return "the boolean " + n.GetToken().Value
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// field is one key of a mapping the decoder knows.
type field struct {
	name string
	set  func(key, val ast.Node)
}

// mapping decodes a mapping with known keys; an unknown key is an error
// that lists the known ones. It returns the keys seen.
func (d *decoder) mapping(n ast.Node, what string, fields []field) map[string]bool {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.errorf(n, "%s: want a mapping, got %s", what, describe(n))
		return nil
	}
	seen := map[string]bool{}
	for _, mv := range values {
		key, ok := mv.Key.(*ast.StringNode)
		if !ok {
			if _, ok := d.value(mv.Key, what); ok {
				d.errorf(mv.Key, "%s: want a key name, got %s", what, describe(mv.Key))
			}
			continue
		}
		var f *field
		for i := range fields {
			if fields[i].name == key.Value {
				f = &fields[i]
			}
		}
		if f == nil {
			names := make([]string, len(fields))
			for i, f := range fields {
				names[i] = f.name
			}
			hint := ""
			if s := suggest(key.Value, names); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.errorf(key, "%s: unknown key %q%s; known keys: %s", what, key.Value, hint, strings.Join(names, ", "))
			continue
		}
		if seen[key.Value] { // the parser catches most; be sure
			d.errorf(key, "%s: key %q given twice", what, key.Value)
			continue
		}
		seen[key.Value] = true
		val, ok := d.value(mv.Value, what+": "+key.Value)
		if !ok {
			continue
		}
		f.set(key, val)
	}
	return seen
}

// suggest returns the known name closest to a misspelt one, if close.
func suggest(s string, names []string) string {
	best, bestD := "", min(3, len(s)/3+1)
	for _, n := range names {
		if dd := editDistance(strings.ToLower(s), strings.ToLower(n)); dd < bestD {
			best, bestD = n, dd
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// str decodes a one-line string without spaces: a name or a pattern.
func (d *decoder) str(n ast.Node, what string) (Name, bool) {
	return d.scalar(n, what, false)
}

// scalar decodes a one-line string; spaces are allowed when asked (file
// names).
func (d *decoder) scalar(n ast.Node, what string, spaces bool) (Name, bool) {
	s, ok := n.(*ast.StringNode)
	if !ok {
		hint := ""
		switch n.(type) {
		case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
			hint = fmt.Sprintf(" (quote it: \"%s\")", n.GetToken().Value)
		}
		d.errorf(n, "%s: want a string, got %s%s", what, describe(n), hint)
		return Name{}, false
	}
	p := d.pos(n)
	if s.Value == "" {
		d.errorAt(p, "%s: empty string", what)
		return Name{}, false
	}
	if strings.ContainsAny(s.Value, "\r\n") {
		d.errorAt(p, "%s: want a one-line string", what)
		return Name{}, false
	}
	for _, r := range s.Value {
		if (unicode.IsSpace(r) && !(spaces && r == ' ')) || !unicode.IsPrint(r) {
			d.errorAt(p, "%s: %q contains a space or a control character", what, s.Value)
			return Name{}, false
		}
	}
	return Name{Value: s.Value, Pos: p}, true
}

// list decodes a list of one-line strings. Nothing (a key with no value)
// is an empty list.
func (d *decoder) list(n ast.Node, what string) ([]Name, bool) {
	switch n := n.(type) {
	case *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		var out []Name
		ok := true
		for i, v := range n.Values {
			item := fmt.Sprintf("%s[%d]", what, i)
			v, vok := d.value(v, item)
			if !vok {
				ok = false
				continue
			}
			s, sok := d.str(v, item)
			if !sok {
				ok = false
				continue
			}
			out = append(out, s)
		}
		return out, ok
	case *ast.StringNode:
		d.errorf(n, "%s: want a list, got %s (write [%s])", what, describe(n), n.Value)
		return nil, false
	}
	d.errorf(n, "%s: want a list, got %s", what, describe(n))
	return nil, false
}

func (d *decoder) patterns(n ast.Node, what string) []SpecPattern {
	names, _ := d.list(n, what)
	var out []SpecPattern
	for i, nm := range names {
		if msg := checkPatternText(nm.Value); msg != "" {
			d.errorAt(nm.Pos, "%s[%d]: %s", what, i, msg)
			continue
		}
		out = append(out, SpecPattern{Text: nm.Value, Pos: nm.Pos})
	}
	return out
}

// checkPatternText rejects what cannot be a package pattern of a module.
func checkPatternText(t string) string {
	switch {
	case t == "all" || t == "std" || t == "cmd" || t == "tool" || t == "work":
		return fmt.Sprintf("%q is a go command meta-pattern; write ./... for the whole module", t)
	case strings.Contains(t, `\`):
		return fmt.Sprintf("package pattern %q: use forward slashes", t)
	case strings.HasPrefix(t, "/"):
		return fmt.Sprintf("package pattern %q: an absolute directory; write it relative to the spec (./...) or as an import path", t)
	case strings.Contains(t, "//"):
		return fmt.Sprintf("package pattern %q: empty path element", t)
	case strings.HasSuffix(t, "/") && t != "./":
		return fmt.Sprintf("package pattern %q: trailing slash", t)
	}
	for _, el := range strings.Split(t, "/") {
		if strings.Contains(el, "...") && el != "..." && strings.Trim(el, ".") == "" {
			return fmt.Sprintf("package pattern %q: bad path element %q", t, el)
		}
	}
	return ""
}

var contextNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$`)

// spec decodes the top level.
func (d *decoder) spec(root ast.Node, s *Spec) {
	var version, contexts ast.Node
	seen := d.mapping(root, "spec", []field{
		{"version", func(_, v ast.Node) { version = v }},
		{"contexts", func(_, v ast.Node) { contexts = v }},
		{"shared", func(_, v ast.Node) { s.Shared = d.patterns(v, "shared") }},
		{"ignore", func(_, v ast.Node) { s.Ignore = d.patterns(v, "ignore") }},
		{"acyclic", func(_, v ast.Node) {
			b, ok := v.(*ast.BoolNode)
			if !ok {
				d.errorf(v, "acyclic: want true or false, got %s", describe(v))
				return
			}
			s.Acyclic = b.Value
		}},
	})
	if seen == nil {
		return // not a mapping at all: nothing more to say
	}
	if !seen["version"] {
		d.errorAt(s.Pos, "missing version; the first line of a spec is \"version: %d\"", SpecVersion)
	} else if version != nil {
		if _, ok := version.(*ast.IntegerNode); !ok {
			d.errorf(version, "version: want %d, got %s", SpecVersion, describe(version))
		} else if v, ok := intValue(version); !ok || v != SpecVersion {
			d.errorf(version, "unsupported version %s; this decompose reads version %d", version.GetToken().Value, SpecVersion)
		} else {
			s.Version = int(v)
		}
	}
	if !seen["contexts"] {
		d.errorAt(s.Pos, "missing contexts; a spec lists at least one context")
		return
	}
	if contexts == nil {
		return
	}
	seq, ok := contexts.(*ast.SequenceNode)
	if !ok {
		d.errorf(contexts, "contexts: want a list of contexts, got %s", describe(contexts))
		return
	}
	if len(seq.Values) == 0 {
		d.errorf(contexts, "contexts: empty; a spec lists at least one context")
	}
	for i, v := range seq.Values {
		what := fmt.Sprintf("contexts[%d]", i)
		v, ok := d.value(v, what)
		if !ok {
			continue
		}
		if c := d.context(v, what); c != nil {
			s.Contexts = append(s.Contexts, c)
		}
	}
}

// intValue is the value of an integer node that fits an int64.
func intValue(n ast.Node) (int64, bool) {
	iv, ok := n.(*ast.IntegerNode)
	if !ok {
		return 0, false
	}
	switch v := iv.Value.(type) {
	case int64:
		return v, true
	case uint64:
		if v <= 1<<62 {
			return int64(v), true
		}
	}
	return 0, false
}

func (d *decoder) context(n ast.Node, what string) *Context {
	c := &Context{}
	// Name the context in messages by its name when it has a usable one.
	if m, ok := n.(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			if k, ok := mv.Key.(*ast.StringNode); ok && k.Value == "name" {
				if v, ok := mv.Value.(*ast.StringNode); ok && contextNameRE.MatchString(v.Value) {
					what = fmt.Sprintf("context %q", v.Value)
				}
			}
		}
	}
	var name, packages ast.Node
	before := len(d.issues)
	seen := d.mapping(n, what, []field{
		{"name", func(_, v ast.Node) { name = v }},
		{"packages", func(_, v ast.Node) { packages = v }},
		{"api", func(_, v ast.Node) { c.API = d.patterns(v, what+": api") }},
		{"depends_on", func(_, v ast.Node) {
			if _, null := v.(*ast.NullNode); null {
				d.errorf(v, "%s: depends_on: empty; write [] to allow no other context, or remove the key to allow any", what)
				return
			}
			c.HasDependsOn = true
			c.DependsOn, _ = d.list(v, what+": depends_on")
		}},
		{"tables", func(_, v ast.Node) { c.Tables, _ = d.list(v, what+": tables") }},
	})
	if seen == nil {
		return nil
	}
	if name != nil {
		if nm, ok := d.str(name, what+": name"); ok {
			if !contextNameRE.MatchString(nm.Value) {
				d.errorAt(nm.Pos, "%s: name: %q: a context name is letters, digits, '-', '_' and '.', starting with a letter or digit", what, nm.Value)
			}
			c.Name = nm
		}
	} else if !seen["name"] {
		d.errorAt(d.pos(n), "%s: missing name", what)
	}
	if packages != nil {
		c.Packages = d.patterns(packages, what+": packages")
		if _, null := packages.(*ast.NullNode); null || (len(c.Packages) == 0 && len(d.issues) == before) {
			d.errorf(packages, "%s: packages: empty; a context needs at least one package pattern", what)
		}
	} else if !seen["packages"] {
		d.errorAt(d.pos(n), "%s: missing packages", what)
	}
	return c
}

// validate checks what only the whole spec shows: duplicate names,
// unknown or cyclic dependencies, tables owned twice, patterns listed
// twice or claimed by two entries.
func (d *decoder) validate(s *Spec) {
	byName := map[string]*Context{}
	for _, c := range s.Contexts {
		key := strings.ToLower(c.Name.Value)
		if prev := byName[key]; prev != nil {
			d.errorAt(c.Name.Pos, "context %q is defined twice (first at %s)", c.Name.Value, prev.Name.Pos)
			continue
		}
		byName[key] = c
	}
	names := make([]string, 0, len(byName))
	for _, c := range byName {
		names = append(names, c.Name.Value)
	}
	sort.Strings(names)
	for _, c := range s.Contexts {
		seen := map[string]bool{}
		for _, dep := range c.DependsOn {
			target := byName[strings.ToLower(dep.Value)]
			switch {
			case target == nil:
				hint := ""
				if sg := suggest(dep.Value, names); sg != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", sg)
				}
				d.errorAt(dep.Pos, "context %q: depends_on names an unknown context %q%s; contexts are: %s", c.Name.Value, dep.Value, hint, strings.Join(names, ", "))
			case target == c:
				d.errorAt(dep.Pos, "context %q depends on itself; list only other contexts", c.Name.Value)
			case seen[strings.ToLower(dep.Value)]:
				d.errorAt(dep.Pos, "context %q: %q is listed twice in depends_on", c.Name.Value, dep.Value)
			}
			seen[strings.ToLower(dep.Value)] = true
		}
	}
	if s.Acyclic && len(d.issues) == 0 {
		if cyc := declaredCycle(s, byName); cyc != nil {
			d.errorAt(cyc.pos, "acyclic is true but depends_on forms a cycle: %s", strings.Join(cyc.names, " → "))
		}
	}

	owners := map[string]Name{}
	for _, c := range s.Contexts {
		for _, t := range c.Tables {
			key := strings.ToLower(t.Value)
			if prev, ok := owners[key]; ok {
				d.errorAt(t.Pos, "table %q is owned by context %q and by %q (at %s); a table has one owner", t.Value, prev.Value, c.Name.Value, prevPos(s, key))
				continue
			}
			owners[key] = c.Name
		}
	}

	// Patterns: listed twice, or statically overlapping between entries.
	type claim struct {
		entry string // "context \"orders\"", "shared", "ignore"
		p     SpecPattern
	}
	var claims []claim
	for _, c := range s.Contexts {
		for _, p := range c.Packages {
			claims = append(claims, claim{fmt.Sprintf("context %q", c.Name.Value), p})
		}
		inContext := map[string]bool{}
		for _, p := range c.Packages {
			inContext[normalizePattern(p.Text)] = true
		}
		seenAPI := map[string]bool{}
		for _, p := range c.API {
			n := normalizePattern(p.Text)
			if seenAPI[n] {
				d.errorAt(p.Pos, "context %q: api pattern %q is listed twice", c.Name.Value, p.Text)
			}
			seenAPI[n] = true
		}
	}
	for _, p := range s.Shared {
		claims = append(claims, claim{"shared", p})
	}
	ignored := map[string]bool{}
	for _, p := range s.Ignore {
		n := normalizePattern(p.Text)
		if ignored[n] {
			d.errorAt(p.Pos, "ignore: pattern %q is listed twice", p.Text)
		}
		ignored[n] = true
	}
	for j := range claims {
		for i := 0; i < j; i++ {
			a, b := claims[i], claims[j]
			if !staticOverlap(a.p.Text, b.p.Text) {
				continue
			}
			if a.entry == b.entry {
				d.errorAt(b.p.Pos, "%s: pattern %q overlaps %q (at %s); list each package once", b.entry, b.p.Text, a.p.Text, a.p.Pos)
				continue
			}
			d.errorAt(b.p.Pos, "pattern %q of %s overlaps %q of %s (at %s): a package belongs to one entry; narrow one of them (ignore may overlap anything)", b.p.Text, b.entry, a.p.Text, a.entry, a.p.Pos)
		}
	}
}

func prevPos(s *Spec, table string) Pos {
	for _, c := range s.Contexts {
		for _, t := range c.Tables {
			if strings.ToLower(t.Value) == table {
				return t.Pos
			}
		}
	}
	return Pos{}
}

type declared struct {
	names []string
	pos   Pos
}

// declaredCycle finds a cycle in the depends_on graph, if any.
func declaredCycle(s *Spec, byName map[string]*Context) *declared {
	const (
		white = iota
		grey
		black
	)
	color := map[*Context]int{}
	var stack []*Context
	var found *declared
	var visit func(c *Context)
	visit = func(c *Context) {
		color[c] = grey
		stack = append(stack, c)
		for _, dep := range c.DependsOn {
			if found != nil {
				return
			}
			t := byName[strings.ToLower(dep.Value)]
			switch color[t] {
			case grey:
				var names []string
				start := 0
				for i, x := range stack {
					if x == t {
						start = i
					}
				}
				for _, x := range stack[start:] {
					names = append(names, x.Name.Value)
				}
				found = &declared{names: append(names, t.Name.Value), pos: dep.Pos}
				return
			case white:
				visit(t)
			}
		}
		stack = stack[:len(stack)-1]
		color[c] = black
	}
	for _, c := range s.Contexts {
		if color[c] == white && found == nil {
			visit(c)
		}
	}
	return found
}

// normalizePattern puts a pattern in a canonical form for comparing
// patterns without a module: relative patterns are cleaned and rooted at
// "_" (the spec's directory).
func normalizePattern(t string) string {
	if t == "." || t == "./" || strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
		c := path.Clean(t)
		if strings.HasSuffix(t, "/...") && !strings.HasSuffix(c, "...") {
			c += "/..."
		}
		if c == "." {
			return "_"
		}
		if strings.HasPrefix(c, "../") || c == ".." {
			return c // above the spec's directory: compared as written
		}
		return "_/" + c
	}
	return t
}

// staticOverlap reports whether two patterns certainly match a common
// package, judging by their text alone: the same package, or one a
// subtree pattern ("x/...") containing the other. Overlaps that depend on
// which packages exist are found against the loaded packages.
func staticOverlap(a, b string) bool {
	a, b = normalizePattern(a), normalizePattern(b)
	if a == b {
		return true
	}
	// Patterns in different spaces (relative vs import path) are
	// compared once resolved.
	if strings.HasPrefix(a, "_") != strings.HasPrefix(b, "_") {
		return false
	}
	aw, bw := strings.Contains(a, "..."), strings.Contains(b, "...")
	switch {
	case !aw && !bw:
		return false
	case !aw:
		return matchPattern(b, a)
	case !bw:
		return matchPattern(a, b)
	}
	pa, oka := subtreeRoot(a)
	pb, okb := subtreeRoot(b)
	if !oka || !okb {
		return false
	}
	return pa == pb || strings.HasPrefix(pa, pb+"/") || strings.HasPrefix(pb, pa+"/")
}

// subtreeRoot returns x for a pattern "x/..." whose only wildcard is the
// trailing one.
func subtreeRoot(p string) (string, bool) {
	r, ok := strings.CutSuffix(p, "/...")
	if !ok || strings.Contains(r, "...") {
		return "", false
	}
	return r, true
}
