package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// CheckGitHub renders a check as GitHub Actions workflow commands: one
// "::error" annotation per violation, shown on the offending line in the
// pull request; "::warning" for stale baseline entries (errors with
// Strict) and spec warnings; then the summary as plain log text.
type CheckGitHub struct {
	// PathPrefix is the module root's directory in the repository.
	PathPrefix string
	Strict     bool
}

// RenderCheck writes one workflow command per line.
func (g CheckGitHub) RenderCheck(w io.Writer, r *boundary.CheckResult) error {
	var sb strings.Builder
	for _, v := range r.Violations {
		writeCommand(&sb, "error", []string{
			"file", repoPath(g.PathPrefix, v.File),
			"line", fmt.Sprint(v.Line),
			"title", "decompose " + string(v.Kind) + " violation",
		}, v.Message)
	}
	staleLevel := "warning"
	if g.Strict {
		staleLevel = "error"
	}
	for _, e := range r.Stale {
		props := []string{"title", "decompose stale baseline entry"}
		if r.BaselineRel != "" {
			props = append([]string{"file", repoPath(g.PathPrefix, r.BaselineRel), "line", fmt.Sprint(e.Pos.Line)}, props...)
		}
		writeCommand(&sb, staleLevel, props, staleText(e)+" no longer occurs; drop it with decompose check --update-baseline")
	}
	for _, is := range r.Warnings {
		props := []string{"title", "decompose spec warning"}
		if r.SpecRel != "" {
			props = append([]string{"file", repoPath(g.PathPrefix, r.SpecRel), "line", fmt.Sprint(is.Pos.Line), "col", fmt.Sprint(is.Pos.Col)}, props...)
		}
		writeCommand(&sb, "warning", props, is.Msg)
	}
	sb.WriteString(checkSummary(r, true) + "\n")
	_, err := io.WriteString(w, sb.String())
	return err
}

// writeCommand writes "::cmd k=v,k=v::message" with the escaping the
// runner expects.
func writeCommand(sb *strings.Builder, cmd string, props []string, msg string) {
	sb.WriteString("::" + cmd)
	for i := 0; i+1 < len(props); i += 2 {
		if i == 0 {
			sb.WriteString(" ")
		} else {
			sb.WriteString(",")
		}
		sb.WriteString(props[i] + "=" + escapeProperty(props[i+1]))
	}
	sb.WriteString("::" + escapeData(msg) + "\n")
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
