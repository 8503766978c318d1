package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// CheckSARIF renders a check as SARIF 2.1.0, the format GitHub code
// scanning (and most code review tools) import: one rule per violation
// kind with its help, one result per violation at its file and line.
// Stale baseline entries and spec warnings are tool configuration
// notifications of the run.
type CheckSARIF struct {
	// CheckOptions: PathPrefix (SARIF locations are relative to the
	// repository root), Strict and Version.
	CheckOptions
}

// sarifSchema is the schema GitHub's documentation names.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIF 2.1.0 objects: only the properties decompose fills in.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		Help                 sarifHelp          `json:"help"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           sarifRuleProps     `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags            []string `json:"tags"`
		Precision       string   `json:"precision"`
		ProblemSeverity string   `json:"problem.severity"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolConfigurationNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]string `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// sarifRules describes each kind of violation, in boundary.ViolationKinds
// order.
var sarifRules = map[boundary.ViolationKind]sarifRule{
	boundary.KindImport: {
		Name:             "ImportOutsideAPI",
		ShortDescription: sarifText{"Import of another context's internals"},
		FullDescription:  sarifText{"A package imports a package of another context that decompose.yaml does not list in that context's api. Contexts use each other only through their api packages, so that each can later become a service."},
		Help: sarifHelp{
			Text:     "Use the other context through one of its api packages, or move the code to where it belongs. If the imported package is meant to be used by other contexts, add it to that context's api in decompose.yaml. To accept an existing violation for now, record it with decompose check --update-baseline.",
			Markdown: "Use the other context through one of its `api` packages, or move the code to where it belongs. If the imported package is meant to be used by other contexts, add it to that context's `api:` in `decompose.yaml`.\n\nTo accept an existing violation for now, record it with `decompose check --update-baseline`.",
		},
	},
	boundary.KindDependency: {
		Name:             "UndeclaredDependency",
		ShortDescription: sarifText{"Dependency on a context not in depends_on"},
		FullDescription:  sarifText{"A context imports a package of a context that its depends_on list in decompose.yaml does not name. depends_on is the agreed direction of calls between future services."},
		Help: sarifHelp{
			Text:     "Remove the dependency (invert it with an interface or an event, or move the code), or, if the team agrees to it, add the context to depends_on in decompose.yaml.",
			Markdown: "Remove the dependency (invert it with an interface or an event, or move the code), or, if the team agrees to it, add the context to `depends_on:` in `decompose.yaml`.",
		},
	},
	boundary.KindTable: {
		Name:             "ForeignTableAccess",
		ShortDescription: sarifText{"Access to a table another context owns"},
		FullDescription:  sarifText{"Code reads or writes a database table that decompose.yaml gives to another context. Once the contexts are services, each owns its tables and the others go through its api."},
		Help: sarifHelp{
			Text:     "Ask the owning context for the data through its api instead of querying its table, or move the query into the owning context. If ownership is wrong, change tables in decompose.yaml.",
			Markdown: "Ask the owning context for the data through its `api` instead of querying its table, or move the query into the owning context. If ownership is wrong, change `tables:` in `decompose.yaml`.",
		},
	},
	boundary.KindUnassigned: {
		Name:             "UnassignedPackage",
		ShortDescription: sarifText{"Package in no context"},
		FullDescription:  sarifText{"A package matches no context, shared or ignore entry of decompose.yaml, so no rule would apply to it. New code must be placed in a context before it can be checked."},
		Help: sarifHelp{
			Text:     "Add the package to a context's packages (or to shared or ignore) in decompose.yaml.",
			Markdown: "Add the package to a context's `packages:` (or to `shared:` or `ignore:`) in `decompose.yaml`.",
		},
	},
	boundary.KindCycle: {
		Name:             "ContextCycle",
		ShortDescription: sarifText{"Contexts that depend on each other"},
		FullDescription:  sarifText{"decompose.yaml sets acyclic: true, and the imports make contexts depend on each other in a cycle, which would make their services impossible to deploy on their own."},
		Help: sarifHelp{
			Text:     "Break the cycle: remove the imports in one direction (invert them with an interface or an event), or merge the contexts.",
			Markdown: "Break the cycle: remove the imports in one direction (invert them with an interface or an event), or merge the contexts.",
		},
	},
}

// RenderCheck writes the SARIF log as indented JSON.
func (s CheckSARIF) RenderCheck(w io.Writer, r *boundary.CheckResult) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "decompose",
			Version:        s.Version,
			InformationURI: "https://github.com/decompose-dev/decompose",
		}},
		Results: []sarifResult{},
	}
	index := map[boundary.ViolationKind]int{}
	for i, k := range boundary.ViolationKinds {
		rule := sarifRules[k]
		rule.ID = string(k)
		rule.DefaultConfiguration = sarifConfiguration{Level: "error"}
		rule.Properties = sarifRuleProps{Tags: []string{"architecture", "maintainability"}, Precision: "very-high", ProblemSeverity: "error"}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule)
		index[k] = i
	}
	seen := map[string]int{}
	for _, v := range r.Violations {
		fp := fingerprint(v.Key())
		seen[fp]++
		run.Results = append(run.Results, sarifResult{
			RuleID:    string(v.Kind),
			RuleIndex: index[v.Kind],
			Level:     "error",
			Message:   sarifText{v.Message},
			Locations: []sarifLocation{location(repoPath(s.PathPrefix, v.File), v.Line, 0)},
			// The baseline key: stable when lines move. GitHub adds its
			// own line hash on upload.
			PartialFingerprints: map[string]string{"decomposeKey/v1": fmt.Sprintf("%s:%d", fp, seen[fp])},
			Properties:          map[string]string{"from": v.From, "to": v.To, "package": v.Package, "target": v.Target},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	staleLevel := "warning"
	if s.Strict {
		staleLevel = "error"
	}
	for _, e := range r.Stale {
		n := sarifNotification{Level: staleLevel, Message: sarifText{"Stale baseline entry: " + staleText(e) + " no longer occurs; drop it with decompose check --update-baseline"}}
		if r.BaselineRel != "" {
			n.Locations = []sarifLocation{location(repoPath(s.PathPrefix, r.BaselineRel), e.Pos.Line, 0)}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	for _, is := range r.Warnings {
		n := sarifNotification{Level: "warning", Message: sarifText{is.Msg}}
		if r.SpecRel != "" {
			n.Locations = []sarifLocation{location(repoPath(s.PathPrefix, r.SpecRel), is.Pos.Line, is.Pos.Col)}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func location(file string, line, col int) sarifLocation {
	l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: file}}}
	if line > 0 {
		l.PhysicalLocation.Region = &sarifRegion{StartLine: line, StartColumn: col}
	}
	return l
}

// fingerprint hashes a baseline key.
func fingerprint(k boundary.BaselineKey) string {
	h := sha256.Sum256([]byte(string(k.Kind) + "\x00" + k.File + "\x00" + k.From + "\x00" + k.To + "\x00" + k.Target))
	return hex.EncodeToString(h[:8])
}
