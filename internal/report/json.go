package report

import (
	"encoding/json"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// ProposeSchema names the JSON schema of "decompose propose --format json".
const ProposeSchema = "decompose.propose/v1"

// JSON renders the documented, versioned JSON wire format. Its structs are
// separate from the Model so that the Model can change without breaking
// the schema.
type JSON struct{}

type jsonProposal struct {
	Schema        string             `json:"schema"`
	Module        string             `json:"module"`
	Level         string             `json:"level"`
	Boundaries    []jsonBoundary     `json:"boundaries"`
	Shared        []string           `json:"shared"`
	SharedReasons []jsonShared       `json:"shared_reasons"`
	Entrypoints   []string           `json:"entrypoints"`
	Splits        []jsonSplit        `json:"splits"`
	Dependencies  []jsonDependency   `json:"dependencies"`
	Cycles        [][]string         `json:"cycles"`
	DataTypes     []jsonDataType     `json:"data_types"`
	Order         []jsonStep         `json:"extraction_order"`
	TableWarnings []jsonTableWarning `json:"table_warnings"`
	SQL           jsonSQL            `json:"sql"`
	Metrics       jsonMetrics        `json:"metrics"`
	Undecided     []jsonUndecided    `json:"undecided"`
	Stats         jsonStats          `json:"stats"`
	Problems      []jsonProblem      `json:"problems"`
}

type jsonBoundary struct {
	Name      string    `json:"name"`
	Packages  []string  `json:"packages"`
	Symbols   []string  `json:"symbols"`
	Tables    []string  `json:"tables"`
	API       []jsonAPI `json:"api"`
	Files     int       `json:"files"`
	Lines     int       `json:"lines"`
	Cohesion  float64   `json:"cohesion"`
	Coupling  float64   `json:"coupling"`
	Internal  int       `json:"internal_refs"`
	Outgoing  int       `json:"outgoing_refs"`
	Incoming  int       `json:"incoming_refs"`
	DependsOn []string  `json:"depends_on"`
	UsedBy    []string  `json:"used_by"`
	// KeptApartFrom and KeptApartWhy: see boundary.Boundary.
	KeptApartFrom string `json:"kept_apart_from,omitempty"`
	KeptApartWhy  string `json:"kept_apart_why,omitempty"`
}

type jsonAPI struct {
	Symbol  string   `json:"symbol"`
	Kind    string   `json:"kind"`
	Sig     string   `json:"signature,omitempty"`
	UsedBy  []string `json:"used_by"`
	Refs    int      `json:"refs"`
	Samples []string `json:"samples"`
	// Users are the using boundaries with their reference counts.
	Users    []jsonUse `json:"users"`
	DataType bool      `json:"data_type"`
}

type jsonShared struct {
	Package    string `json:"package"`
	Reason     string `json:"reason"`
	ImportedBy int    `json:"imported_by"`
}

type jsonSplit struct {
	Package string          `json:"package"`
	Parts   []jsonSplitPart `json:"parts"`
	// Shared are the symbols that stay in the shared kernel.
	Shared []string `json:"shared"`
}

type jsonSplitPart struct {
	Boundary string   `json:"boundary"`
	Symbols  []string `json:"symbols"`
	Lines    int      `json:"lines"`
}

type jsonDependency struct {
	From    string     `json:"from"`
	To      string     `json:"to"`
	Refs    int        `json:"refs"`
	Samples []string   `json:"samples"`
	Symbols int        `json:"symbols"`
	Chatty  bool       `json:"chatty"`
	Links   []jsonLink `json:"links"`
}

type jsonMetrics struct {
	Modularity float64 `json:"modularity"`
	CrossRefs  float64 `json:"cross_boundary_refs"`
	Resolution float64 `json:"resolution"`
	// ResolutionAuto: the resolution was chosen (--resolution auto);
	// Stability is then the chosen step's stability.
	ResolutionAuto bool    `json:"resolution_auto"`
	Stability      float64 `json:"resolution_stability,omitempty"`
	Seed           uint64  `json:"seed"`
	Algorithm      string  `json:"algorithm"`
	// Table metrics (json_tables.go).
	Tables             int     `json:"tables"`
	TablePurity        float64 `json:"table_ownership_purity"`
	ForeignTableAccess float64 `json:"foreign_table_accesses"`
	// The microservice-identification metrics (json_quality.go).
	SM        float64 `json:"sm"`
	ICP       float64 `json:"icp"`
	IFN       float64 `json:"ifn"`
	NED       float64 `json:"ned"`
	Services  int     `json:"services_target,omitempty"`
	Reached   *bool   `json:"services_reached,omitempty"`
	Runs      int     `json:"runs"`
	Agreement float64 `json:"runs_agreement,omitempty"`
}

type jsonStats struct {
	Packages int `json:"packages"`
	Files    int `json:"files"`
	Lines    int `json:"lines"`
	Symbols  int `json:"symbols"`
	Refs     int `json:"refs"`
}

type jsonProblem struct {
	Package string `json:"package"`
	Pos     string `json:"pos,omitempty"`
	Message string `json:"message"`
}

// RenderProposal writes m as decompose.propose/v1 JSON.
func (JSON) RenderProposal(w io.Writer, m *boundary.Model) error {
	out := jsonProposal{
		Schema: ProposeSchema, Module: m.Module, Level: m.Level,
		Boundaries: []jsonBoundary{}, Shared: []string{}, SharedReasons: []jsonShared{},
		Entrypoints: nonNil(m.Entrypoints), Splits: jsonSplits(m), Dependencies: []jsonDependency{},
		Cycles: [][]string{}, DataTypes: jsonDataTypes(m), Order: jsonOrder(m),
		TableWarnings: []jsonTableWarning{}, Problems: []jsonProblem{},
		Metrics: jsonMetrics{
			Modularity: round(m.Metrics.Modularity), CrossRefs: round(m.Metrics.CrossRefs),
			Resolution: m.Metrics.Resolution, Seed: m.Metrics.Seed, Algorithm: m.Metrics.Algorithm,
		},
		Stats: jsonStats(m.Stats),
	}
	for _, b := range m.Boundaries {
		jb := jsonBoundary{
			Name: b.Name, Packages: nonNil(b.Packages), Symbols: nonNil(b.Symbols), Tables: nonNil(b.Tables), API: []jsonAPI{},
			Files: b.Files, Lines: b.Lines, Internal: b.Internal, Outgoing: b.Outgoing, Incoming: b.Incoming,
			Cohesion: round(b.Cohesion), Coupling: round(b.Coupling),
			DependsOn: refNames(b.DependsOn), UsedBy: refNames(b.UsedBy), KeptApartFrom: b.KeptApartFrom, KeptApartWhy: b.KeptApartWhy,
		}
		for _, a := range b.API {
			jb.API = append(jb.API, jsonAPI{Symbol: a.Symbol, Kind: a.Kind, Sig: a.Sig, UsedBy: nonNil(a.UsedBy), Refs: a.Refs, Samples: nonNil(a.Samples),
				Users: jsonUsers(a.Users), DataType: a.DataType})
		}
		out.Boundaries = append(out.Boundaries, jb)
	}
	for _, s := range m.Shared {
		out.Shared = append(out.Shared, s.Package)
		out.SharedReasons = append(out.SharedReasons, jsonShared(s))
	}
	for _, d := range m.Dependencies {
		out.Dependencies = append(out.Dependencies, jsonDep(d))
	}
	out.Cycles = append(out.Cycles, m.Cycles...)
	jsonTables(&out, m)
	jsonQuality(&out, m)
	for _, p := range m.Problems {
		out.Problems = append(out.Problems, jsonProblem{Package: p.Package, Pos: p.Pos, Message: p.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func refNames(rs []boundary.BoundaryRef) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// round keeps four decimals, so that float noise never changes the output.
func round(x float64) float64 {
	if x < 0 {
		return -round(-x)
	}
	return float64(int64(x*10000+0.5)) / 10000
}
