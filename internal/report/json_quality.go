package report

import "github.com/decompose-dev/decompose/internal/boundary"

type jsonUndecided struct {
	Package    string  `json:"package"`
	Boundary   string  `json:"boundary"`
	Confidence float64 `json:"confidence"`
}

// jsonQuality adds the quality metrics and the undecided units.
func jsonQuality(out *jsonProposal, m *boundary.Model) {
	mm := m.Metrics
	out.Metrics.SM, out.Metrics.ICP, out.Metrics.IFN, out.Metrics.NED = round(mm.SM), round(mm.ICP), round(mm.IFN), round(mm.NED)
	out.Metrics.Runs = max(mm.Runs, 1)
	if mm.Runs > 1 {
		out.Metrics.Agreement = round(mm.Agreement)
		out.Metrics.ResolutionAuto = mm.AutoResolution
		if mm.AutoResolution {
			out.Metrics.Stability = round(mm.Stability)
		}
	}
	if mm.Services > 0 {
		out.Metrics.Services = mm.Services
		reached := mm.Reached
		out.Metrics.Reached = &reached
	}
	out.Undecided = []jsonUndecided{}
	for _, u := range m.Undecided {
		out.Undecided = append(out.Undecided, jsonUndecided{Package: u.Unit, Boundary: u.Boundary, Confidence: round(u.Confidence)})
	}
}
