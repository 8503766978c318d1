package report

import "github.com/decompose-dev/decompose/internal/boundary"

// The parts of the decompose.propose/v1 JSON about what crosses the
// boundaries: API users, dependency links, splits, data types and the
// extraction order.

type jsonUse struct {
	Boundary string `json:"boundary"`
	Refs     int    `json:"refs"`
}

type jsonLink struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Refs    int      `json:"refs"`
	Kinds   []string `json:"kinds"`
	Samples []string `json:"samples"`
}

type jsonDataType struct {
	Symbol string   `json:"symbol"`
	Owner  string   `json:"owner"`
	UsedBy []string `json:"used_by"`
	Refs   int      `json:"refs"`
}

type jsonStep struct {
	Step     int              `json:"step"`
	Boundary string           `json:"boundary"`
	Reason   string           `json:"reason"`
	Break    []jsonDependency `json:"break"`
	Calls    []jsonUse        `json:"calls"`
}

func jsonUsers(rs []boundary.BoundaryRef) []jsonUse {
	out := []jsonUse{}
	for _, r := range rs {
		out = append(out, jsonUse{Boundary: r.Name, Refs: r.Refs})
	}
	return out
}

func jsonDep(d boundary.Dependency) jsonDependency {
	jd := jsonDependency{From: d.From, To: d.To, Refs: d.Refs, Samples: nonNil(d.Samples),
		Symbols: d.Symbols, Chatty: d.Chatty, Links: []jsonLink{}}
	for _, l := range d.Links {
		jd.Links = append(jd.Links, jsonLink{From: l.From, To: l.To, Refs: l.Refs, Kinds: nonNil(l.Kinds), Samples: nonNil(l.Samples)})
	}
	return jd
}

func jsonSplits(m *boundary.Model) []jsonSplit {
	out := []jsonSplit{}
	for _, s := range m.Splits {
		js := jsonSplit{Package: s.Package, Parts: []jsonSplitPart{}, Shared: nonNil(s.Shared)}
		for _, p := range s.Parts {
			js.Parts = append(js.Parts, jsonSplitPart{Boundary: p.Boundary, Symbols: nonNil(p.Symbols), Lines: p.Lines})
		}
		out = append(out, js)
	}
	return out
}

func jsonDataTypes(m *boundary.Model) []jsonDataType {
	out := []jsonDataType{}
	for _, d := range m.DataTypes {
		out = append(out, jsonDataType{Symbol: d.Symbol, Owner: d.Owner, UsedBy: nonNil(d.UsedBy), Refs: d.Refs})
	}
	return out
}

func jsonOrder(m *boundary.Model) []jsonStep {
	out := []jsonStep{}
	for i, s := range m.Order {
		js := jsonStep{Step: i + 1, Boundary: s.Boundary, Reason: s.Reason, Break: []jsonDependency{}, Calls: jsonUsers(s.Calls)}
		for _, d := range s.Break {
			js.Break = append(js.Break, jsonDep(d))
		}
		out = append(out, js)
	}
	return out
}
