package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/decompose-dev/decompose/internal/analyze"
	"github.com/decompose-dev/decompose/internal/analyze/sqlscan"
	"github.com/decompose-dev/decompose/internal/boundary"
	"github.com/decompose-dev/decompose/internal/report"
)

// tablesOptions are the flags of "decompose tables".
type tablesOptions struct {
	global *globalOptions
	format string
	tests  bool
	data   dataFlags
}

func newTablesCmd(g *globalOptions) *cobra.Command {
	o := &tablesOptions{global: g, data: dataFlags{tables: true}}
	c := &cobra.Command{
		Use:   "tables [packages]",
		Short: "List the database tables the code reads and writes, and where",
		Long:  manual.section("Tables"),
		Args:  cobra.ArbitraryArgs,
		RunE:  o.run,
	}
	f := c.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.BoolVar(&o.tests, "tests", false, "include _test.go files")
	o.data.addFlags(f, false)
	return c
}

func (o *tablesOptions) run(c *cobra.Command, args []string) error {
	renderer, err := report.NewTablesRenderer(o.format, o.data.verbose)
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	if err := o.data.validate(); err != nil {
		return err
	}
	prog := newProgress(c)
	prog.say("loading packages and finding tables")
	g, err := analyze.Load(c.Context(), analyze.Config{Dir: o.global.dir, Patterns: args, Tests: o.tests, Tables: true, Dialect: o.data.parsed})
	prog.done()
	if err != nil {
		return err
	}
	reportProblems(c, g)
	return renderer.RenderTables(c.OutOrStdout(), boundary.Inventory(g))
}

// dataFlags are the table-detection flags, shared by the commands that
// find tables.
type dataFlags struct {
	tables  bool   // --tables (propose): detect tables at all
	dialect string // --dialect
	verbose bool   // --verbose
	parsed  sqlscan.Dialect
}

func (d *dataFlags) addFlags(f *pflag.FlagSet, toggle bool) {
	if toggle {
		f.BoolVar(&d.tables, "tables", true, "find the database tables the code reads and writes (--tables=false skips it)")
	}
	f.StringVar(&d.dialect, "dialect", "auto", "SQL dialect of the queries: auto (from the driver imported), postgres, mysql or sqlite")
	f.BoolVar(&d.verbose, "verbose", false, "list the queries that gave no table")
}

// validate checks --dialect before anything is loaded.
func (d *dataFlags) validate() error {
	p, err := sqlscan.ParseDialect(d.dialect)
	if err != nil {
		return usageError{fmt.Errorf("--dialect: %w", err)}
	}
	d.parsed = p
	return nil
}

// reportUnresolved lists, with --verbose, the data-access calls whose
// tables stayed unknown.
func (d *dataFlags) reportUnresolved(c *cobra.Command, g *analyze.Graph) {
	if !d.verbose || len(g.SQL.Unresolved) == 0 {
		return
	}
	w := c.ErrOrStderr()
	fmt.Fprintf(w, "decompose: %d data-access call(s) gave no table:\n", len(g.SQL.Unresolved))
	for _, u := range g.SQL.Unresolved {
		fmt.Fprintf(w, "  %s: %s (%s)", g.PosString(u.Pos), u.Reason, u.Via)
		if u.SQL != "" {
			fmt.Fprintf(w, ": %s", u.SQL)
		}
		fmt.Fprintln(w)
	}
}
