package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ModuleConfig describes a generated Go module with planted bounded
// contexts. Zero fields take the defaults in brackets.
type ModuleConfig struct {
	// Path is the module path [example.com/monolith].
	Path string
	// Contexts is the number of planted contexts [8], each with Packages
	// packages [6] under internal/<context>/<package>.
	Contexts int
	Packages int
	// Kernel is the number of shared-kernel packages under
	// internal/platform/ [3]: leaves that every context calls.
	Kernel int
	// Lines is the approximate size of the module in lines [50 000];
	// FileLines the approximate size of one file [300].
	Lines     int
	FileLines int
	// Calls is the mean number of calls in a function body [4].
	Calls int
	// Each call goes to the kernel with probability KernelRate [0.1],
	// else stays in its own package with probability Local [0.4], else
	// goes to another package: of another context with probability Noise
	// [0], of its own context otherwise. So Noise is exactly the
	// fraction of cross-package, non-kernel calls that cross contexts.
	KernelRate float64
	Local      float64
	Noise      float64
	Seed       uint64
}

// ModuleStats describes what WriteModule wrote.
type ModuleStats struct {
	Packages, Files, Funcs, Lines int
	// Calls counts every call; CrossPackage those to another non-kernel
	// package, CrossContext those among them to another context, Kernel
	// those into the kernel.
	Calls, CrossPackage, CrossContext, Kernel int
}

// TruthFile is the name of the ground truth WriteModule writes at the
// module root: one "import/path<TAB>label" line per package, sorted; the
// label is the context's name, or "kernel" for the shared kernel. The
// cmd/ composition root is left out: it belongs to no service.
const TruthFile = "truth.tsv"

var (
	contextNames = []string{"orders", "billing", "catalog", "shipping", "identity", "inventory", "payments",
		"search", "reviews", "notify", "pricing", "reports", "loyalty", "returns", "support", "media"}
	packageNames = []string{"api", "service", "store", "domain", "events", "worker", "policy", "model",
		"query", "command", "adapter", "view"}
	kernelNames = []string{"log", "errs", "config", "metrics", "sqlx", "httpx", "clock", "ids"}
	verbs       = []string{"Load", "Save", "Check", "Apply", "Build", "Sync", "Resolve", "Compute", "Handle", "Merge"}
)

// name picks names[i], or a numbered name past the end of the list.
func name(names []string, i int) string {
	if i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s%d", names[i%len(names)], i/len(names))
}

// modPkg is one generated package.
type modPkg struct {
	dir, name, alias, label string
	context                 int // -1 for the kernel
	rank                    int // calls go only to lower ranks: Go forbids import cycles
	funcs                   []string
}

// WriteModule writes a module into dir (created if needed; files in it
// are overwritten) and returns what it wrote. Every package of a context
// calls its own context's packages, the kernel, and, at rate Noise, other
// contexts; imports follow a random global order so the module compiles.
// It has no dependencies outside the standard library and compiles, but
// is not meant to be run: functions call each other recursively.
func WriteModule(dir string, cfg ModuleConfig) (ModuleStats, error) {
	cfg = withDefaults(cfg)
	if cfg.Noise < 0 || cfg.Noise > 1 || cfg.Local < 0 || cfg.Local > 1 || cfg.KernelRate < 0 || cfg.KernelRate > 1 {
		return ModuleStats{}, fmt.Errorf("noise, local and kernel rate must be fractions")
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6d6f64756c65)) // "module"

	var pkgs []*modPkg
	for k := range cfg.Kernel {
		n := name(kernelNames, k)
		pkgs = append(pkgs, &modPkg{dir: "internal/platform/" + n, name: n, alias: "platform" + n, label: "kernel", context: -1})
	}
	nk := len(pkgs)
	for c := range cfg.Contexts {
		cn := name(contextNames, c)
		for p := range cfg.Packages {
			n := name(packageNames, p)
			pkgs = append(pkgs, &modPkg{dir: "internal/" + cn + "/" + n, name: n, alias: cn + n, label: cn, context: c})
		}
	}
	// Ranks interleave the contexts at random, but inside a context they
	// follow the layers of packageNames: api above service above store…
	for i, r := range rng.Perm(len(pkgs) - nk) {
		pkgs[nk+i].rank = r
	}
	for c := range cfg.Contexts {
		ctx := pkgs[nk+c*cfg.Packages : nk+(c+1)*cfg.Packages]
		ranks := make([]int, len(ctx))
		for i, p := range ctx {
			ranks[i] = p.rank
		}
		slices.Sort(ranks)
		for i, p := range ctx {
			p.rank = ranks[len(ranks)-1-i]
		}
	}

	// Size: a function is its calls plus five lines (comment, signature,
	// return, brace, blank); a file adds about twenty more (header,
	// imports, a type and its method).
	funcLines := cfg.Calls + 5
	perPkg := max(2, cfg.Lines*cfg.FileLines/(cfg.FileLines+20)/funcLines/len(pkgs))
	perFile := max(1, cfg.FileLines/funcLines)
	for _, p := range pkgs {
		noun := strings.ToUpper(p.name[:1]) + p.name[1:]
		for i := range perPkg {
			p.funcs = append(p.funcs, fmt.Sprintf("%s%s%d", verbs[i%len(verbs)], noun, i))
		}
	}

	var st ModuleStats
	w := &writer{root: dir}
	w.file("go.mod", fmt.Sprintf("module %s\n\ngo 1.22\n", cfg.Path))
	for _, p := range pkgs {
		var same, other []*modPkg // lower-ranked packages of this context, and of others
		for _, q := range pkgs[nk:] {
			if q.rank < p.rank && p.context >= 0 {
				if q.context == p.context {
					same = append(same, q)
				} else {
					other = append(other, q)
				}
			}
		}
		for f := 0; f*perFile < len(p.funcs); f++ {
			funcs := p.funcs[f*perFile : min((f+1)*perFile, len(p.funcs))]
			src := genFile(rng, cfg, p, f, funcs, pkgs[:nk], same, other, &st)
			w.file(path.Join(p.dir, fmt.Sprintf("%s%d.go", p.name, f)), src)
			st.Files++
			st.Lines += strings.Count(src, "\n")
		}
		st.Funcs += len(p.funcs)
	}
	st.Packages = len(pkgs) + 1

	// The composition root calls into each context's highest-ranked
	// package, which nothing in its own context imports.
	var imports []string
	var calls strings.Builder
	for c := range cfg.Contexts {
		top := pkgs[nk+c*cfg.Packages] // the api layer
		imports = append(imports, fmt.Sprintf("\t%s %q\n", top.alias, cfg.Path+"/"+top.dir))
		fmt.Fprintf(&calls, "\tx = %s.%s(x)\n", top.alias, top.funcs[0])
	}
	slices.Sort(imports)
	var main strings.Builder
	fmt.Fprintf(&main, "// Command monolith wires every context together.\npackage main\n\nimport (\n%s)\n\nfunc main() {\n\tx := 0\n%s\tprintln(x)\n}\n",
		strings.Join(imports, ""), calls.String())
	w.file("cmd/monolith/main.go", main.String())
	st.Files++
	st.Lines += strings.Count(main.String(), "\n")

	var truth []string
	for _, p := range pkgs {
		truth = append(truth, cfg.Path+"/"+p.dir+"\t"+p.label)
	}
	slices.Sort(truth)
	w.file(TruthFile, strings.Join(truth, "\n")+"\n")
	return st, w.err
}

func withDefaults(cfg ModuleConfig) ModuleConfig {
	def := func(x *int, d int) {
		if *x <= 0 {
			*x = d
		}
	}
	if cfg.Path == "" {
		cfg.Path = "example.com/monolith"
	}
	def(&cfg.Contexts, 8)
	def(&cfg.Packages, 6)
	def(&cfg.Kernel, 3)
	def(&cfg.Lines, 50000)
	def(&cfg.FileLines, 300)
	def(&cfg.Calls, 4)
	if cfg.KernelRate == 0 {
		cfg.KernelRate = 0.1
	}
	if cfg.Local == 0 {
		cfg.Local = 0.4
	}
	return cfg
}

// genFile writes one file of package p holding funcs (file number f).
func genFile(rng *rand.Rand, cfg ModuleConfig, p *modPkg, f int, funcs []string,
	kernel, same, other []*modPkg, st *ModuleStats) string {
	imports := map[*modPkg]bool{}
	var body strings.Builder
	call := func() string {
		st.Calls++
		var q *modPkg
		switch x := rng.Float64(); {
		case p.context < 0:
			// The kernel only calls itself.
		case x < cfg.KernelRate:
			q = kernel[rng.IntN(len(kernel))]
			st.Kernel++
		case x < cfg.KernelRate+(1-cfg.KernelRate)*cfg.Local:
		case rng.Float64() < cfg.Noise && len(other) > 0:
			q = other[rng.IntN(len(other))]
			st.CrossPackage++
			st.CrossContext++
		case len(same) > 0:
			q = same[rng.IntN(len(same))]
			st.CrossPackage++
		}
		if q == nil {
			return p.funcs[rng.IntN(len(p.funcs))]
		}
		imports[q] = true
		return q.alias + "." + q.funcs[rng.IntN(len(q.funcs))]
	}
	typ := fmt.Sprintf("Unit%d", f)
	fmt.Fprintf(&body, "// %s carries state between calls.\ntype %s struct{ n int }\n\n", typ, typ)
	fmt.Fprintf(&body, "// Run runs %s.\nfunc (u *%s) Run(x int) int {\n\treturn %s(x + u.n)\n}\n\n", funcs[0], typ, funcs[0])
	for _, fn := range funcs {
		fmt.Fprintf(&body, "// %s is generated.\nfunc %s(x int) int {\n", fn, fn)
		for range 1 + rng.IntN(2*cfg.Calls-1) {
			fmt.Fprintf(&body, "\tx = %s(x) + 1\n", call())
		}
		body.WriteString("\treturn x\n}\n\n")
	}

	var src strings.Builder
	fmt.Fprintf(&src, "// Code in package %s (context %s), generated by synth for tests.\npackage %s\n\n", p.name, p.label, p.name)
	if len(imports) > 0 {
		var lines []string
		for q := range imports {
			lines = append(lines, fmt.Sprintf("\t%s %q\n", q.alias, cfg.Path+"/"+q.dir))
		}
		slices.Sort(lines)
		src.WriteString("import (\n" + strings.Join(lines, "") + ")\n\n")
	}
	src.WriteString(strings.TrimSuffix(body.String(), "\n"))
	return src.String()
}

// writer writes files under root and keeps the first error.
type writer struct {
	root string
	err  error
}

func (w *writer) file(rel, content string) {
	if w.err != nil {
		return
	}
	name := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(name, []byte(content), 0o644)
}
