// Package eeo builds equal-employment-opportunity reports with small-cell
// suppression and the four-fifths adverse impact test.
package eeo

import (
	"sort"

	dbanalytics "github.com/hirebase/ats/internal/db/analytics"
)

// MinCell is the smallest group size we will show; smaller groups are
// suppressed so individuals cannot be re-identified.
const MinCell = 5

// FourFifths is the EEOC adverse-impact threshold.
const FourFifths = 0.8

type Group struct {
	Name          string  `json:"name"`
	Applicants    int     `json:"applicants"`
	Hired         int     `json:"hired"`
	SelectionRate float64 `json:"selection_rate"`
	ImpactRatio   float64 `json:"impact_ratio"`
	AdverseImpact bool    `json:"adverse_impact"`
	Suppressed    bool    `json:"suppressed"`
}

type Dimension struct {
	Name   string  `json:"name"`
	Groups []Group `json:"groups"`
	Note   string  `json:"note,omitempty"`
}

type Report struct {
	Dimensions []Dimension `json:"dimensions"`
}

// Build turns raw counts into the report. Selection rate is hires over
// applicants; impact ratio compares each group to the highest-rate group.
func Build(rows []dbanalytics.EEORow) Report {
	byDim := map[string][]dbanalytics.EEORow{}
	var names []string
	for _, r := range rows {
		if _, ok := byDim[r.Dimension]; !ok {
			names = append(names, r.Dimension)
		}
		byDim[r.Dimension] = append(byDim[r.Dimension], r)
	}
	sort.Strings(names)
	var rep Report
	for _, n := range names {
		rep.Dimensions = append(rep.Dimensions, buildDimension(n, byDim[n]))
	}
	return rep
}

func buildDimension(name string, rows []dbanalytics.EEORow) Dimension {
	d := Dimension{Name: name}
	best := 0.0
	for _, r := range rows {
		g := Group{Name: r.Group, Applicants: r.Applicants, Hired: r.Hired}
		if r.Applicants < MinCell {
			g.Suppressed = true
			g.Applicants, g.Hired = 0, 0
		} else {
			g.SelectionRate = float64(r.Hired) / float64(r.Applicants)
			if g.SelectionRate > best {
				best = g.SelectionRate
			}
		}
		d.Groups = append(d.Groups, g)
	}
	if best == 0 {
		d.Note = "no hires in comparable groups; impact ratios not computed"
		return d
	}
	flagged := 0
	for i := range d.Groups {
		g := &d.Groups[i]
		if g.Suppressed {
			continue
		}
		g.ImpactRatio = g.SelectionRate / best
		if g.ImpactRatio < FourFifths {
			g.AdverseImpact = true
			flagged++
		}
	}
	if flagged > 0 {
		d.Note = "one or more groups fall below the four-fifths threshold; review with counsel"
	}
	return d
}
