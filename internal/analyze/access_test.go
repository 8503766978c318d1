package analyze

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// The table detection tests load small modules written as txtar archives
// in testdata/tables. Each data-access library the fixture uses is a
// local stand-in module under stubs/ with the same import path and the
// part of the API the fixture needs, wired in with replace: no network.
//
// Expectations sit beside the code, in a comment at the end of a line:
//
//	s.db.Exec("DELETE FROM carts") // want carts:write
//	s.store.Orders(ctx)            // through orders:read
//	s.db.Exec(q())                 // unresolved
//
// "want" lists the accesses made at the line, "through" those attributed
// to it as a call into another package, "unresolved" a data-access call
// whose tables stay unknown. Lines without a comment must have none.
func TestTableDetection(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "tables", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g, ar := loadTablesArchive(t, file)
			want := expectations(ar)
			got := map[string][]string{}
			for _, a := range g.Accesses {
				kind := "want"
				if a.Through {
					kind = "through"
				}
				k := g.PosString(a.Pos) + " " + kind
				got[k] = append(got[k], a.Table+":"+a.Op.String())
			}
			for _, u := range g.SQL.Unresolved {
				k := g.PosString(u.Pos) + " unresolved"
				got[k] = append(got[k], "-")
			}
			for k := range got {
				sort.Strings(got[k])
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("accesses (-want +got):\n%s", diff)
			}
			if t.Failed() {
				for _, u := range g.SQL.Unresolved {
					t.Logf("unresolved %s: %s: %s", g.PosString(u.Pos), u.Reason, u.SQL)
				}
			}
		})
	}
}

// loadTablesArchive writes an archive into a temporary module and loads it
// with table detection.
func loadTablesArchive(t *testing.T, file string) (*Graph, *txtar.Archive) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return loadTxtar(t, ar, Config{Tables: true}), ar
}

// expectations reads the want/through/unresolved comments of the module's
// own files (not the stubs).
func expectations(ar *txtar.Archive) map[string][]string {
	out := map[string][]string{}
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".go") || strings.HasPrefix(f.Name, "stubs/") {
			continue
		}
		for i, line := range strings.Split(string(f.Data), "\n") {
			_, comment, ok := strings.Cut(line, "// ")
			if !ok {
				continue
			}
			fields := strings.Fields(comment)
			if len(fields) == 0 || (fields[0] != "want" && fields[0] != "through" && fields[0] != "unresolved") {
				continue
			}
			pos := f.Name + ":" + strconv.Itoa(i+1)
			kind := ""
			for _, w := range fields {
				switch w {
				case "want", "through":
					kind = w
				case "unresolved":
					out[pos+" unresolved"] = append(out[pos+" unresolved"], "-")
				default:
					out[pos+" "+kind] = append(out[pos+" "+kind], w)
				}
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}
