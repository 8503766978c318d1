// Command bareload loads packages with go/packages and nothing else, in the
// same mode decompose uses, so that decompose's own cost can be measured
// against it:
//
//	/usr/bin/time -v go run ./scripts/bareload -C DIR ./...
//	/usr/bin/time -v decompose -C DIR ./...
//
// -deps loads every dependency from source too (the expensive mode).
package main

import (
	"flag"
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	dir := flag.String("C", ".", "directory to load in")
	deps := flag.Bool("deps", false, "type-check dependencies from source too")
	noTypes := flag.Bool("notypes", false, "load names, files and imports only")
	flag.Parse()
	mode := packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedModule
	if !*noTypes {
		mode |= packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo
	}
	if *deps {
		mode |= packages.NeedDeps
	}
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: *dir}, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	files := 0
	for _, p := range pkgs {
		files += len(p.GoFiles)
	}
	fmt.Printf("%d packages, %d files\n", len(pkgs), files)
}
