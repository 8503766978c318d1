package report

import (
	"fmt"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// mdBoundaryTables lists the tables a boundary owns.
func mdBoundaryTables(sb *strings.Builder, b *boundary.Boundary) {
	if len(b.Tables) == 0 {
		return
	}
	fmt.Fprintf(sb, "\nOwns the tables %s.\n", "`"+strings.Join(b.Tables, "`, `")+"`")
}

// mdTables lists the shared tables with every access.
func mdTables(sb *strings.Builder, m *boundary.Model) {
	if len(m.TableWarnings) == 0 {
		return
	}
	fmt.Fprintf(sb, "\n## Shared tables\n\n%d of %d tables are touched by more than one boundary; %.0f%% of the tables are written by one boundary only.\n",
		len(m.TableWarnings), m.Metrics.Tables, 100*m.Metrics.TablePurity)
	rel := relativizer(m.Module)
	for _, w := range m.TableWarnings {
		fmt.Fprintf(sb, "\n### `%s` (%s: %s)\n\nOwner **%s**; written by %s; read by %s.\n\n| boundary | op | where | symbol |\n|---|---|---|---|\n",
			w.Table, w.Severity, w.Kind, w.Owner, orNone(w.Writers), orNone(w.Readers))
		for _, a := range w.Accesses {
			where := fmt.Sprintf("`%s:%d`", a.File, a.Line)
			if a.Through != "" {
				where += " via `" + a.Through + "`"
			}
			fmt.Fprintf(sb, "| %s | %s | %s | `%s` |\n", a.Boundary, a.Op, where, rel(a.Symbol))
		}
	}
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
