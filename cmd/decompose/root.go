package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/decompose-dev/decompose/internal/analyze"
)

// Exit codes, the same for every command.
const (
	exitOK         = 0
	exitViolations = 1 // check found violations
	exitError      = 2 // usage, config or load error
)

// errViolations makes run exit with exitViolations once the report is out.
var errViolations = errors.New("violations found")

// usageError marks a bad flag or argument, detected before anything loads.
type usageError struct{ error }

// run executes the command line and returns the exit code. It is main
// without the os.Exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errViolations):
		return exitViolations
	}
	fmt.Fprintf(stderr, "decompose: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'decompose --help' for usage.")
	}
	return exitError
}

// globalOptions are the flags every command has.
type globalOptions struct {
	dir string // -C
}

func newRootCmd() *cobra.Command {
	g := &globalOptions{}
	propose := &proposeOptions{global: g}
	root := &cobra.Command{
		Use:   "decompose [propose] [packages]",
		Short: "Propose where to cut a Go monolith into services",
		Long:  manual.section(""),
		// A bare "decompose" (or "decompose ./...") proposes.
		Args:          cobra.ArbitraryArgs,
		RunE:          propose.run,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("decompose {{.Version}}\n")
	root.PersistentFlags().StringVarP(&g.dir, "dir", "C", "", "change to `DIR` before doing anything (like go -C)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	propose.addFlags(root)
	root.AddCommand(newProposeCmd(g), newVersionCmd())
	root.AddCommand(newGraphCmd(g))
	root.AddCommand(newCheckCmd(g))
	root.AddCommand(newTablesCmd(g))
	root.AddCommand(newScoreCmd(g))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// progress tells the user, on a terminal, what a long step is doing. A
// step that ends within progressDelay shows nothing, so quick runs do not
// flicker; nothing is printed when stderr is not a terminal.
type progress struct {
	w      io.Writer
	active bool

	mu      sync.Mutex
	timer   *time.Timer
	step    int // bumped by say and done: a late timer of an ended step prints nothing
	printed bool
}

// progressDelay is how long a step runs before its message appears.
const progressDelay = time.Second

func newProgress(c *cobra.Command) *progress {
	w := c.ErrOrStderr()
	f, ok := w.(*os.File)
	return &progress{w: w, active: ok && isTerminal(f)}
}

// say starts a step: its message appears if the step is still running
// after progressDelay (at once if a message is already showing).
func (p *progress) say(msg string) {
	if !p.active {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.step++
	step := p.step
	show := func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.step != step {
			return
		}
		fmt.Fprintf(p.w, "\r\033[K%s…", msg)
		p.printed = true
	}
	if p.printed {
		fmt.Fprintf(p.w, "\r\033[K%s…", msg)
		return
	}
	p.timer = time.AfterFunc(progressDelay, show)
}

// done ends the step and clears its message if it was shown.
func (p *progress) done() {
	if !p.active {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.step++
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
		p.printed = false
	}
}

// reportProblems lists per-package load errors on stderr: the result is
// still produced from what could be analysed.
func reportProblems(c *cobra.Command, g *analyze.Graph) {
	if len(g.Errors) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, e := range g.Errors {
		seen[e.Package] = true
	}
	w := c.ErrOrStderr()
	fmt.Fprintf(w, "decompose: %d package(s) did not load cleanly; results are partial:\n", len(seen))
	const max = 20
	for i, e := range g.Errors {
		if i == max {
			fmt.Fprintf(w, "  … and %d more\n", len(g.Errors)-max)
			break
		}
		fmt.Fprintf(w, "  %s\n", e)
	}
}
