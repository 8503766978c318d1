package report

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// CheckRenderer writes the result of "decompose check" in one format.
type CheckRenderer interface {
	RenderCheck(w io.Writer, r *boundary.CheckResult) error
}

// CheckFormats lists the formats of "decompose check", in the order the
// help shows them.
var CheckFormats = []string{"text", "json", "github", "sarif"}

// CheckOptions are what the check renderers need to know besides the
// result.
type CheckOptions struct {
	// PathPrefix is the module root's directory inside the repository
	// ("" when they are the same), for the formats whose paths are read
	// relative to the repository root (github, sarif).
	PathPrefix string
	// Strict makes stale baseline entries errors rather than warnings.
	Strict bool
	// Version is decompose's version, for SARIF.
	Version string
}

// NewCheckRenderer returns the renderer for a format name, or an error
// naming the formats there are.
func NewCheckRenderer(format string, opts CheckOptions) (CheckRenderer, error) {
	switch format {
	case "", "text":
		return CheckText{Strict: opts.Strict}, nil
	case "json":
		return CheckJSON{}, nil
	case "github":
		return CheckGitHub{PathPrefix: opts.PathPrefix, Strict: opts.Strict}, nil
	case "sarif":
		return CheckSARIF{opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, joinOr(CheckFormats))
}

// CheckFormatsHelp lists the check formats for flag help.
func CheckFormatsHelp() string { return joinOr(CheckFormats) }

// repoPath makes a module-relative path repository-relative.
func repoPath(prefix, p string) string {
	if prefix == "" || p == "" {
		return p
	}
	return path.Clean(prefix + "/" + p)
}

// staleText describes a stale baseline entry in one line.
func staleText(e boundary.BaselineEntry) string {
	var b strings.Builder
	b.WriteString(string(e.Kind))
	if e.File != "" {
		b.WriteString(" in " + e.File)
	}
	if e.From != "" || e.To != "" {
		fmt.Fprintf(&b, " %s → %s", orShared(e.From), e.To)
	}
	if e.Target != "" {
		b.WriteString(" " + e.Target)
	}
	if e.Count > 1 {
		fmt.Fprintf(&b, " (×%d)", e.Count)
	}
	return b.String()
}

// orShared names the "from" side of a violation.
func orShared(from string) string {
	if from == "" {
		return "shared kernel"
	}
	return from
}
