package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

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

// TestSymbolSections renders the symbol-level model in every proposal
// format and compares with the golden files (go test -update rewrites
// them).
func TestSymbolSections(t *testing.T) {
	m := symbolModel()
	for _, format := range ProposalFormats {
		t.Run(format, func(t *testing.T) {
			r, err := NewProposalRenderer(format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderProposal(&buf, m); err != nil {
				t.Fatal(err)
			}
			if format == "json" && !json.Valid(buf.Bytes()) {
				t.Fatal("invalid JSON")
			}
			golden(t, filepath.Join("testdata", "symbols", "proposal."+format), buf.Bytes())
		})
	}
}
