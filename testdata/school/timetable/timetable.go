// Package timetable parses section meeting patterns ("MWF:3,TR:4") and
// builds weekly grids and conflict reports. Pure logic, no database.
package timetable

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

type Slot struct {
	Day    time.Weekday
	Period int
}

func (s Slot) String() string { return fmt.Sprintf("%s P%d", s.Day.String()[:3], s.Period) }

var dayCodes = map[byte]time.Weekday{
	'M': time.Monday, 'T': time.Tuesday, 'W': time.Wednesday, 'R': time.Thursday, 'F': time.Friday,
}

// Parse reads a meeting pattern. "A" is shorthand for every weekday.
func Parse(pattern string) ([]Slot, error) {
	var out []Slot
	for _, part := range strings.Split(pattern, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		days, per, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("timetable: %q missing period", part)
		}
		p, err := strconv.Atoi(per)
		if err != nil || p < 0 || p > 10 {
			return nil, fmt.Errorf("timetable: bad period in %q", part)
		}
		if days == "A" {
			days = "MTWRF"
		}
		for i := 0; i < len(days); i++ {
			d, ok := dayCodes[days[i]]
			if !ok {
				return nil, fmt.Errorf("timetable: bad day %q in %q", days[i], part)
			}
			out = append(out, Slot{Day: d, Period: p})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("timetable: empty pattern")
	}
	return out, nil
}

type Meeting struct {
	SectionID int64
	Label     string
	Pattern   string
}

type Conflict struct {
	Slot Slot
	A, B int64
}

// Conflicts returns every slot where two meetings overlap.
func Conflicts(ms []Meeting) ([]Conflict, error) {
	taken := map[Slot]int64{}
	var out []Conflict
	for _, m := range ms {
		slots, err := Parse(m.Pattern)
		if err != nil {
			return nil, err
		}
		for _, s := range slots {
			if other, ok := taken[s]; ok && other != m.SectionID {
				out = append(out, Conflict{Slot: s, A: other, B: m.SectionID})
				continue
			}
			taken[s] = m.SectionID
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Slot.Day != out[j].Slot.Day {
			return out[i].Slot.Day < out[j].Slot.Day
		}
		return out[i].Slot.Period < out[j].Slot.Period
	})
	return out, nil
}

// Grid is [weekday 1..5][period] -> label.
type Grid map[time.Weekday]map[int]string

func Build(ms []Meeting) (Grid, error) {
	g := Grid{}
	for _, m := range ms {
		slots, err := Parse(m.Pattern)
		if err != nil {
			return nil, err
		}
		for _, s := range slots {
			if g[s.Day] == nil {
				g[s.Day] = map[int]string{}
			}
			g[s.Day][s.Period] = m.Label
		}
	}
	return g, nil
}

// BellSchedule maps a period number to its start time ("08:05").
type BellSchedule map[int]string

func (b BellSchedule) PeriodAt(hhmm string) (int, bool) {
	best, found := -1, false
	for p, start := range b {
		if start <= hhmm && (best == -1 || start > b[best]) {
			best, found = p, true
		}
	}
	return best, found
}

// MinutesLate returns how many minutes after the period start t is.
func (b BellSchedule) MinutesLate(period int, t time.Time) int {
	start, ok := b[period]
	if !ok {
		return 0
	}
	st, err := time.Parse("15:04", start)
	if err != nil {
		return 0
	}
	late := (t.Hour()*60 + t.Minute()) - (st.Hour()*60 + st.Minute())
	return max(late, 0)
}
