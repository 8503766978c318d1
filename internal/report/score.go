package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// ScoreRenderer writes a comparison with a ground truth.
type ScoreRenderer interface {
	RenderScore(w io.Writer, s boundary.Score) error
}

// NewScoreRenderer returns the renderer for a format name.
func NewScoreRenderer(format string) (ScoreRenderer, error) {
	switch format {
	case "", "text":
		return Text{}, nil
	case "json":
		return JSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want text or json)", format)
}

// ScoreSchema names the JSON schema of "decompose score --format json".
const ScoreSchema = "decompose.score/v1"

type jsonScore struct {
	Schema     string          `json:"schema"`
	Module     string          `json:"module"`
	Units      int             `json:"units"`
	MoJoFM     float64         `json:"mojofm"`
	MoJo       int             `json:"mojo"`
	ARI        float64         `json:"ari"`
	Misplaced  []jsonMisplaced `json:"misplaced"`
	Unlabelled []string        `json:"unlabelled"`
}

type jsonMisplaced struct {
	Package  string `json:"package"`
	Truth    string `json:"truth"`
	Proposed string `json:"proposed"`
	Majority string `json:"group_majority"`
}

// RenderScore writes s as decompose.score/v1 JSON.
func (JSON) RenderScore(w io.Writer, s boundary.Score) error {
	out := jsonScore{Schema: ScoreSchema, Module: s.Module, Units: s.Units,
		MoJoFM: round(s.MoJoFM), MoJo: s.MoJo, ARI: round(s.ARI),
		Misplaced: []jsonMisplaced{}, Unlabelled: nonNil(s.Unlabelled)}
	for _, mp := range s.Misplaced {
		out.Misplaced = append(out.Misplaced, jsonMisplaced(mp))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// RenderScore writes s for reading.
func (Text) RenderScore(w io.Writer, s boundary.Score) error {
	fmt.Fprintf(w, "MoJoFM %.1f  ARI %.3f  MoJo %d  over %d packages\n", s.MoJoFM, s.ARI, s.MoJo, s.Units)
	if len(s.Misplaced) > 0 {
		fmt.Fprintf(w, "\n%d packages sit in a group whose packages are mostly labelled otherwise:\n", len(s.Misplaced))
		for _, mp := range s.Misplaced {
			fmt.Fprintf(w, "  %s\ttruth %s, proposed with %s (%s)\n", mp.Package, mp.Truth, mp.Majority, mp.Proposed)
		}
	}
	if len(s.Unlabelled) > 0 {
		fmt.Fprintf(w, "\n%d packages are not in the truth file (not scored):\n", len(s.Unlabelled))
		for _, p := range s.Unlabelled {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	return nil
}
