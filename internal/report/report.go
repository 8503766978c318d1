// Package report renders the Model of a proposal (and the other results of
// decompose) in every output format. Each format is one small type; the
// --format switch in cmd/decompose is the only place that picks one.
//
// It is the only package that knows about styles (lipgloss).
package report

import (
	"fmt"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// ProposalRenderer writes a proposal in one format.
type ProposalRenderer interface {
	RenderProposal(w io.Writer, m *boundary.Model) error
}

// ProposalFormats lists the formats of "decompose propose", in the order
// the help shows them.
var ProposalFormats = []string{"text", "json", "markdown"}

// NewProposalRenderer returns the renderer for a format name, or an error
// naming the formats there are.
func NewProposalRenderer(format string) (ProposalRenderer, error) {
	switch format {
	case "", "text":
		return Text{}, nil
	case "json":
		return JSON{}, nil
	case "markdown", "md":
		return Markdown{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, joinOr(ProposalFormats))
}

func joinOr(xs []string) string {
	s := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			s += " or "
		default:
			s += ", "
		}
		s += x
	}
	return s
}

// ProposalFormatsHelp lists the proposal formats for flag help.
func ProposalFormatsHelp() string { return joinOr(ProposalFormats) }
