package analyze

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
)

// Config says what to load and how much of it.
type Config struct {
	// Dir is the directory to run in (the -C flag); "" is the current one.
	Dir string
	// Patterns are go list patterns; none means "./...".
	Patterns []string
	// Tests includes _test.go files (merged into their package).
	Tests bool
	// Types asks for type information, symbols and references. Without
	// it only packages, files and imports are loaded, which needs no
	// compilation at all.
	Types bool
	// Tables asks for the database tables each symbol reads and writes
	// (implies Types).
	Tables bool
	// Dialect is the SQL dialect of the queries; Unknown (auto) detects
	// it from the database drivers the code imports.
	Dialect sqlscan.Dialect
	// Env, when set, replaces the environment of the go command.
	Env []string
}

// LoadError is returned when nothing could be loaded at all: no module, no
// package matching the patterns, or the go command failing. Per-package
// problems are not LoadErrors; they are listed in Graph.Errors.
type LoadError struct {
	Msg string
	Err error
}

func (e *LoadError) Error() string { return e.Msg }
func (e *LoadError) Unwrap() error { return e.Err }

// Load loads the module packages matched by cfg.Patterns and builds their
// Graph.
//
// With cfg.Types the module's packages are type-checked from source while
// their dependencies come from export data: the cheapest load that still
// resolves every reference (see the manual for measured figures).
func Load(ctx context.Context, cfg Config) (*Graph, error) {
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	dir := cfg.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, &LoadError{Msg: fmt.Sprintf("%s: %v", dir, err), Err: err}
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, &LoadError{Msg: fmt.Sprintf("%s: no such directory", dir), Err: err}
	}

	if cfg.Tables {
		cfg.Types = true
		warmParser(abs, cfg.Dialect)
	}
	mode := packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedModule
	if cfg.Types {
		mode |= packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo
	}
	pcfg := &packages.Config{
		Context: ctx,
		Mode:    mode,
		Dir:     abs,
		Tests:   cfg.Tests,
		Env:     cfg.Env,
		Fset:    token.NewFileSet(),
	}
	if cfg.Types {
		// Comments are needed only to spot generated files; keep them.
		pcfg.ParseFile = func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			return parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
		}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, &LoadError{Msg: explainLoadFailure(dir, err), Err: err}
	}

	roots, root, modPath, err := selectModulePackages(pkgs, cfg.Tests, dir, patterns)
	if err != nil {
		return nil, err
	}
	b := newBuilder(pcfg.Fset, root, modPath)
	for _, p := range roots {
		b.addPackage(p)
	}
	b.addErrors(roots, pkgs)
	if cfg.Types {
		b.declareSymbols()
		b.collectReferences()
		if cfg.Tables {
			b.collectAccesses(cfg.Dialect)
		}
	} else {
		if err := b.parseImports(); err != nil {
			return nil, err
		}
	}
	b.collectImports()
	return b.finish(), nil
}

// explainLoadFailure turns the go command's complaint into one line that
// names the directory.
func explainLoadFailure(dir string, err error) string {
	if m := notAModule(dir, err.Error()); m != "" {
		return m
	}
	return fmt.Sprintf("%s: loading packages: %s", dir, firstLine(err.Error()))
}

// notAModule recognises the go command's ways of saying there is no main
// module, and says it plainly.
func notAModule(dir, msg string) string {
	if strings.Contains(msg, "go.mod file not found") ||
		strings.Contains(msg, "cannot find main module") ||
		strings.Contains(msg, "does not contain main module") {
		return fmt.Sprintf("%s: not inside a Go module (no go.mod here or in any parent directory); run decompose in a module or pass -C DIR", dir)
	}
	return ""
}

// firstLine keeps the first line of the go command's multi-line messages.
func firstLine(msg string) string {
	if i := strings.IndexByte(msg, '\n'); i > 0 {
		return msg[:i]
	}
	return msg
}

// loaded is one unit-to-be: a module package, possibly with its test
// variants merged in.
type loaded struct {
	path     string
	variants []*packages.Package // the package itself, then test variants
}

// selectModulePackages keeps the main module's packages among the roots
// and, with tests, merges each package's test variants into it.
func selectModulePackages(pkgs []*packages.Package, tests bool, dir string, patterns []string) ([]*loaded, string, string, error) {
	byPath := map[string]*loaded{}
	var root, modPath string
	var notFound []string
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main {
			if len(p.GoFiles) == 0 && len(p.Errors) > 0 {
				notFound = append(notFound, p.Errors[0].Msg)
			}
			continue
		}
		if root == "" {
			root, modPath = p.Module.Dir, p.Module.Path
		}
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" && strings.HasSuffix(p.PkgPath, ".test") {
			continue // the generated test main
		}
		path := strings.TrimSuffix(p.PkgPath, "_test")
		l := byPath[path]
		if l == nil {
			l = &loaded{path: path}
			byPath[path] = l
		}
		l.variants = append(l.variants, p)
	}
	if len(byPath) == 0 {
		if len(notFound) > 0 {
			if m := notAModule(dir, notFound[0]); m != "" {
				return nil, "", "", &LoadError{Msg: m}
			}
			return nil, "", "", &LoadError{Msg: fmt.Sprintf("%s: %s", dir, firstLine(notFound[0]))}
		}
		return nil, "", "", &LoadError{Msg: fmt.Sprintf("%s: no Go packages of the main module match %s", dir, strings.Join(patterns, " "))}
	}
	out := make([]*loaded, 0, len(byPath))
	for _, l := range byPath {
		if tests {
			l.variants = preferTestVariants(l.variants)
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, root, modPath, nil
}

// preferTestVariants keeps, of a package and its test variants, the ones
// whose files are a superset: "p [p.test]" (p with its in-package tests)
// replaces p, and the external "p_test" package stays beside it.
func preferTestVariants(vs []*packages.Package) []*packages.Package {
	var plain, inTest, external []*packages.Package
	for _, v := range vs {
		switch {
		case strings.HasSuffix(v.PkgPath, "_test"):
			external = append(external, v)
		case strings.Contains(v.ID, " ["):
			inTest = append(inTest, v)
		default:
			plain = append(plain, v)
		}
	}
	out := inTest
	if len(out) == 0 {
		out = plain
	}
	return append(out, external...)
}

// relPath makes an absolute file path module-root-relative with forward
// slashes; paths outside the root are kept absolute.
func relPath(root, file string) string {
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}
