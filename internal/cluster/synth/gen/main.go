// Command gen writes a generated Go monolith with planted bounded contexts
// and its ground truth (truth.tsv), for end-to-end tests and benchmarks of
// decompose:
//
//	go run ./internal/cluster/synth/gen -o /tmp/mono -lines 500000 -noise 0.2
//	decompose propose --level symbol /tmp/mono/...
//
// It is a developer tool, not part of decompose.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/decompose-dev/decompose/internal/cluster/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg synth.ModuleConfig
	out := fs.String("o", "", "directory to write the module into (required)")
	fs.StringVar(&cfg.Path, "module", "example.com/monolith", "module path")
	fs.IntVar(&cfg.Contexts, "contexts", 8, "planted bounded contexts")
	fs.IntVar(&cfg.Packages, "packages", 6, "packages per context")
	fs.IntVar(&cfg.Kernel, "kernel", 3, "shared-kernel packages")
	fs.IntVar(&cfg.Lines, "lines", 50000, "approximate size in lines")
	fs.IntVar(&cfg.FileLines, "file-lines", 300, "approximate lines per file")
	fs.Float64Var(&cfg.Noise, "noise", 0.1, "fraction of cross-package calls that cross contexts")
	fs.Float64Var(&cfg.KernelRate, "kernel-rate", 0.1, "fraction of calls into the kernel")
	fs.Float64Var(&cfg.Local, "local", 0.4, "fraction of other calls that stay in their package")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gen -o DIR [flags]")
		return 2
	}
	st, err := synth.WriteModule(*out, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "%s: %d packages, %d files, %d funcs, %d lines; %d calls: %d cross-package, %d cross-context, %d into the kernel\n",
		*out, st.Packages, st.Files, st.Funcs, st.Lines, st.Calls, st.CrossPackage, st.CrossContext, st.Kernel)
	return 0
}
