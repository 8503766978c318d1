package report

import (
	"encoding/json"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// CheckSchema names the JSON schema of "decompose check --format json".
const CheckSchema = "decompose.check/v1"

// CheckJSON renders the documented, versioned JSON of a check. Fields
// are never removed or renamed within a schema version.
type CheckJSON struct{}

type jsonCheck struct {
	Schema     string           `json:"schema"`
	Module     string           `json:"module"`
	Spec       string           `json:"spec"`
	Contexts   []string         `json:"contexts"`
	Packages   int              `json:"packages"`
	Violations []jsonViolation  `json:"violations"`
	Baselined  int              `json:"baselined"`
	Stale      []jsonStaleEntry `json:"stale"`
	Warnings   []jsonSpecIssue  `json:"warnings"`
	Problems   []jsonProblem    `json:"problems"`
}

type jsonViolation struct {
	Kind    string `json:"kind"`
	From    string `json:"from"`
	To      string `json:"to"`
	Package string `json:"package"`
	Target  string `json:"target"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type jsonStaleEntry struct {
	Kind   string `json:"kind"`
	File   string `json:"file,omitempty"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Target string `json:"target,omitempty"`
	Count  int    `json:"count"`
	// Where the entry is in the baseline file.
	Baseline string `json:"baseline"`
	Line     int    `json:"line,omitempty"`
}

type jsonSpecIssue struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// RenderCheck writes the result as indented JSON.
func (CheckJSON) RenderCheck(w io.Writer, r *boundary.CheckResult) error {
	out := jsonCheck{
		Schema:     CheckSchema,
		Module:     r.Module,
		Spec:       r.Spec,
		Contexts:   nonNil(r.Contexts),
		Packages:   r.Packages,
		Violations: []jsonViolation{},
		Baselined:  r.Baselined,
		Stale:      []jsonStaleEntry{},
		Warnings:   []jsonSpecIssue{},
		Problems:   []jsonProblem{},
	}
	for _, v := range r.Violations {
		out.Violations = append(out.Violations, jsonViolation{
			Kind: string(v.Kind), From: v.From, To: v.To, Package: v.Package, Target: v.Target,
			File: v.File, Line: v.Line, Message: v.Message,
		})
	}
	for _, e := range r.Stale {
		out.Stale = append(out.Stale, jsonStaleEntry{
			Kind: string(e.Kind), File: e.File, From: e.From, To: e.To, Target: e.Target, Count: e.Count,
			Baseline: e.Pos.File, Line: e.Pos.Line,
		})
	}
	for _, is := range r.Warnings {
		out.Warnings = append(out.Warnings, jsonSpecIssue{File: is.Pos.File, Line: is.Pos.Line, Column: is.Pos.Col, Message: is.Msg})
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, jsonProblem{Package: p.Package, Pos: p.Pos, Message: p.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
