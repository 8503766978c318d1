// Package legality checks flight-time limitations (a simplified EASA ORO.FTL
// set agreed with the unions) before a roster change is accepted.
package legality

import (
	"fmt"
	"sort"
	"time"

	"skyhop.aero/backend/pkg/crew/domain"
)

const (
	MaxDuty         = 13 * time.Hour
	MinRest         = 12 * time.Hour
	MaxBlock28Days  = 100 * time.Hour
	MaxBlock365Days = 900 * time.Hour
	MaxSectorsDay   = 6
)

// Violation describes one broken rule.
type Violation struct {
	Rule   string
	Detail string
}

func (v Violation) String() string { return v.Rule + ": " + v.Detail }

// Check validates the member's assignments including the proposed one.
// Assignments on the same calendar day (UTC) with less than MinRest between
// them are considered one duty period.
func Check(existing []domain.Assignment, proposed domain.Assignment) []Violation {
	all := append(append([]domain.Assignment(nil), existing...), proposed)
	sort.Slice(all, func(i, j int) bool { return all[i].ReportAt.Before(all[j].ReportAt) })

	var out []Violation
	// overlap and rest
	for i := 1; i < len(all); i++ {
		prev, cur := all[i-1], all[i]
		if cur.ReportAt.Before(prev.ReleaseAt) {
			out = append(out, Violation{"OVERLAP", fmt.Sprintf("flight %d overlaps flight %d", cur.FlightID, prev.FlightID)})
		}
	}
	// duty periods
	for _, d := range dutyPeriods(all) {
		if d.end.Sub(d.start) > MaxDuty {
			out = append(out, Violation{"MAX_DUTY", fmt.Sprintf("duty from %s is %s", d.start.Format(time.RFC3339), d.end.Sub(d.start))})
		}
		if d.sectors > MaxSectorsDay {
			out = append(out, Violation{"SECTORS", fmt.Sprintf("%d sectors in duty from %s", d.sectors, d.start.Format(time.RFC3339))})
		}
	}
	// cumulative block
	if b := blockWithin(all, proposed.BlockEnd, 28*24*time.Hour); b > MaxBlock28Days {
		out = append(out, Violation{"BLOCK_28D", fmt.Sprintf("%s block in 28 days", b)})
	}
	if b := blockWithin(all, proposed.BlockEnd, 365*24*time.Hour); b > MaxBlock365Days {
		out = append(out, Violation{"BLOCK_365D", fmt.Sprintf("%s block in 365 days", b)})
	}
	return out
}

type duty struct {
	start, end time.Time
	sectors    int
}

func dutyPeriods(sorted []domain.Assignment) []duty {
	var out []duty
	for _, a := range sorted {
		if n := len(out); n > 0 && a.ReportAt.Sub(out[n-1].end) < MinRest {
			if a.ReleaseAt.After(out[n-1].end) {
				out[n-1].end = a.ReleaseAt
			}
			out[n-1].sectors++
			continue
		}
		out = append(out, duty{start: a.ReportAt, end: a.ReleaseAt, sectors: 1})
	}
	return out
}

func blockWithin(as []domain.Assignment, until time.Time, window time.Duration) time.Duration {
	from := until.Add(-window)
	var total time.Duration
	for _, a := range as {
		if a.BlockEnd.After(from) && !a.BlockStart.After(until) {
			total += a.Block()
		}
	}
	return total
}
