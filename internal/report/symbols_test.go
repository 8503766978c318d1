package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// symbolModel is a symbol-level proposal with something in every section
// about what crosses the boundaries: parts of a split package, API entries
// with signatures and users, a data type, a chatty dependency, a cycle
// with its links and an extraction order that breaks it.
func symbolModel() *boundary.Model {
	const mod = "example.com/s/internal/"
	orderLink := boundary.Link{From: mod + "billing.Service", To: mod + "orders.Service", Refs: 2, Kinds: []string{"call", "type"},
		Samples: []string{"internal/billing/billing.go:12", "internal/billing/billing.go:26"}}
	back := boundary.Dependency{From: "orders", To: "billing", Refs: 1, Symbols: 1, Samples: []string{"cmd/app/main.go:12"},
		Links: []boundary.Link{{From: mod + "orders.Charger", To: mod + "billing.Service", Refs: 1, Kinds: []string{"implement"}, Samples: []string{"cmd/app/main.go:12"}}}}
	chatty := boundary.Dependency{From: "billing", To: "orders", Refs: 14, Symbols: 9, Chatty: true,
		Samples: []string{"internal/billing/billing.go:12"}, Links: []boundary.Link{orderLink}}
	return &boundary.Model{
		Module: "example.com/s", Level: "symbol",
		Boundaries: []*boundary.Boundary{
			{
				Name: "orders", Packages: []string{mod + "orders"}, Files: 2, Lines: 120,
				Symbols:  []string{mod + "models.Order", mod + "orders.Charger", mod + "orders.Service"},
				Internal: 20, Outgoing: 1, Incoming: 14,
				DependsOn: []boundary.BoundaryRef{{Name: "billing", Refs: 1}},
				UsedBy:    []boundary.BoundaryRef{{Name: "billing", Refs: 14}},
				API: []boundary.APIEntry{
					{Symbol: mod + "orders.Service", Kind: "type", Sig: "type Service struct", UsedBy: []string{"billing"}, Refs: 12,
						Users: []boundary.BoundaryRef{{Name: "billing", Refs: 12}}, Samples: []string{"internal/billing/billing.go:12"}},
					{Symbol: mod + "models.Order", Kind: "type", Sig: "type Order struct", UsedBy: []string{"billing"}, Refs: 2, DataType: true,
						Users: []boundary.BoundaryRef{{Name: "billing", Refs: 2}}, Samples: []string{"internal/billing/billing.go:27"}},
				},
			},
			{
				Name: "billing", Packages: []string{mod + "billing"}, Files: 1, Lines: 60,
				Symbols:  []string{mod + "billing.Service", mod + "models.Invoice"},
				Internal: 8, Outgoing: 14, Incoming: 1,
				DependsOn: []boundary.BoundaryRef{{Name: "orders", Refs: 14}},
				UsedBy:    []boundary.BoundaryRef{{Name: "orders", Refs: 1}},
				API: []boundary.APIEntry{{Symbol: mod + "billing.Service", Kind: "type", Sig: "type Service struct", UsedBy: []string{"orders"}, Refs: 1,
					Users: []boundary.BoundaryRef{{Name: "orders", Refs: 1}}, Samples: []string{"cmd/app/main.go:12"}}},
			},
		},
		Shared: []boundary.SharedPackage{
			{Package: mod + "log", Reason: "imported by 5 of 5 packages", ImportedBy: 5},
			{Package: mod + "models", Reason: "god package, to split: 1 symbol to orders, 1 to billing", ImportedBy: 4},
		},
		Entrypoints:  []string{"example.com/s/cmd/app"},
		Dependencies: []boundary.Dependency{chatty, back},
		Cycles:       [][]string{{"billing", "orders"}},
		Splits: []boundary.Split{{Package: mod + "models", Parts: []boundary.SplitPart{
			{Boundary: "orders", Symbols: []string{"Order"}, Lines: 10},
			{Boundary: "billing", Symbols: []string{"Invoice"}, Lines: 8},
		}, Shared: []string{"ID"}}},
		DataTypes: []boundary.DataType{{Symbol: mod + "models.Order", Owner: "orders", UsedBy: []string{"billing"}, Refs: 2}},
		Order: []boundary.Step{
			{Boundary: "billing", Break: []boundary.Dependency{back}, Calls: []boundary.BoundaryRef{{Name: "orders", Refs: 14}},
				Reason: "once its cycle is broken, nothing left depends on it"},
			{Boundary: "orders", Reason: "nothing left depends on it, and it calls nothing left"},
		},
		Metrics: boundary.Metrics{Modularity: 0.37, Resolution: 1, Seed: 1, Algorithm: "leiden", CrossRefs: 0.35},
		Stats:   boundary.Stats{Packages: 5, Files: 6, Lines: 200, Symbols: 12, Refs: 43},
	}
}

// TestSymbolSections renders the sections about what crosses the
// boundaries, in every proposal format, and compares them with the golden
// files (go test -update rewrites them). Only these sections are
// rendered (for JSON, only these fields), so that the files change with
// them alone.
func TestSymbolSections(t *testing.T) {
	m := symbolModel()
	t.Run("text", func(t *testing.T) {
		c := &textContext{m: m, rel: relativizer(m.Module), apiLimit: 5}
		var sb strings.Builder
		textDigest(&sb, c)
		for _, b := range m.Boundaries {
			sb.WriteString(b.Name + "\n")
			textBoundaryParts(&sb, c, b)
			for _, a := range b.API {
				textAPIEntry(&sb, c, a)
			}
		}
		for _, section := range []func(*strings.Builder, *textContext){textSplits, textDataTypes, textChatty, textCycles, textOrder} {
			section(&sb, c)
		}
		var buf bytes.Buffer
		if _, err := lipgloss.Fprint(&buf, sb.String()); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "symbols", "sections.txt"), buf.Bytes())
	})
	t.Run("markdown", func(t *testing.T) {
		var sb strings.Builder
		mdDigest(&sb, m)
		for _, b := range m.Boundaries {
			sb.WriteString("## " + b.Name + "\n")
			mdBoundaryParts(&sb, m, b)
			mdAPI(&sb, m, b)
		}
		mdSplits(&sb, m)
		mdDataTypes(&sb, m)
		mdChatty(&sb, m)
		for _, c := range m.Cycles {
			mdCycleLinks(&sb, m, c)
		}
		mdOrder(&sb, m)
		golden(t, filepath.Join("testdata", "symbols", "sections.md"), []byte(sb.String()))
	})
	t.Run("json", func(t *testing.T) {
		var buf bytes.Buffer
		if err := (JSON{}).RenderProposal(&buf, m); err != nil {
			t.Fatal(err)
		}
		var all map[string]any
		if err := json.Unmarshal(buf.Bytes(), &all); err != nil {
			t.Fatal(err)
		}
		part := map[string]any{}
		for _, k := range []string{"level", "splits", "data_types", "extraction_order", "dependencies", "cycles"} {
			part[k] = all[k]
		}
		var bs []any
		for _, b := range all["boundaries"].([]any) {
			b := b.(map[string]any)
			bs = append(bs, map[string]any{"name": b["name"], "symbols": b["symbols"], "api": b["api"]})
		}
		part["boundaries"] = bs
		out, err := json.MarshalIndent(part, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "symbols", "sections.json"), append(out, '\n'))
	})
}
