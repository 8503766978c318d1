// Package reaccom decides where passengers of a cancelled flight go.
package reaccom

import (
	"sort"
	"time"

	"skyhop.aero/backend/pkg/models"
)

// Party is the set of passengers of one booking on the cancelled flight;
// parties are never split.
type Party struct {
	Locator   string
	SegmentID int64
	Class     string
	Seats     int
	Ticketed  bool
	BestTier  string // highest loyalty tier in the party, "" if none
	Contact   string
}

// Option is an alternative flight with remaining seats per cabin.
type Option struct {
	Flight    models.FlightSummary
	Available map[string]int // by booking class; economy counted under "Y", business under "J"
}

// Move is the outcome for one party.
type Move struct {
	Party    Party
	ToFlight *models.FlightSummary // nil: no alternative, refund or agent handling
}

var tierRank = map[string]int{"GOLD": 3, "SILVER": 2, "BLUE": 1}

// MaxDelay is the latest an alternative may depart after the original.
const MaxDelay = 36 * time.Hour

// Plan assigns parties to the earliest alternative with room, serving
// ticketed passengers first, then by loyalty tier, then larger parties
// (which are harder to place later).
func Plan(original models.FlightSummary, parties []Party, options []Option) []Move {
	sort.SliceStable(parties, func(i, j int) bool {
		a, b := parties[i], parties[j]
		if a.Ticketed != b.Ticketed {
			return a.Ticketed
		}
		if tierRank[a.BestTier] != tierRank[b.BestTier] {
			return tierRank[a.BestTier] > tierRank[b.BestTier]
		}
		return a.Seats > b.Seats
	})
	sort.Slice(options, func(i, j int) bool {
		return options[i].Flight.DepartureUTC.Before(options[j].Flight.DepartureUTC)
	})
	moves := make([]Move, 0, len(parties))
	for _, p := range parties {
		mv := Move{Party: p}
		cabin := cabinKey(p.Class)
		for i := range options {
			o := &options[i]
			if o.Flight.DepartureUTC.Sub(original.DepartureUTC) > MaxDelay {
				break
			}
			if o.Available[cabin] >= p.Seats {
				o.Available[cabin] -= p.Seats
				f := o.Flight
				mv.ToFlight = &f
				break
			}
		}
		moves = append(moves, mv)
	}
	return moves
}

func cabinKey(class string) string {
	switch class {
	case "J", "C", "D":
		return "J"
	}
	return "Y"
}

// Compensation returns the EU261 amount in EUR for a delay or cancellation
// on a route of the given distance, 0 if none is due.
func Compensation(distanceKm int, arrivalDelay time.Duration) int {
	if arrivalDelay < 3*time.Hour {
		return 0
	}
	switch {
	case distanceKm <= 1500:
		return 250
	case distanceKm <= 3500:
		return 400
	}
	return 600
}
