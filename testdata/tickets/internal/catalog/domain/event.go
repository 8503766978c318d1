// Package domain contains the catalog model: events, venues and the price
// tiers a promoter sells.
package domain

import (
	"slices"
	"strings"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// Category is a coarse event genre used for browse and newsletters.
type Category string

const (
	CategoryConcert  Category = "concert"
	CategoryFestival Category = "festival"
	CategorySport    Category = "sport"
	CategoryComedy   Category = "comedy"
	CategoryTheatre  Category = "theatre"
)

// Event is something fans can buy tickets for.
type Event struct {
	ID          string
	PromoterID  string
	VenueID     string
	Title       string
	Description string
	Category    Category
	StartsAt    time.Time
	DoorsAt     time.Time
	OnSaleAt    time.Time
	Status      model.EventStatus
	PriceTiers  []PriceTier
	AgeLimit    int
	Version     int
}

// PriceTier is a price point that applies to one or more venue sections.
type PriceTier struct {
	ID           string
	Name         string
	Price        money.Money
	SectionCodes []string
	MaxPerOrder  int
}

// Validate checks invariants before an event is stored.
func (e *Event) Validate() error {
	const op = "catalog.Event.Validate"
	switch {
	case strings.TrimSpace(e.Title) == "":
		return errs.Invalid(op, "title is required")
	case e.VenueID == "" || e.PromoterID == "":
		return errs.Invalid(op, "venue and promoter are required")
	case e.StartsAt.IsZero():
		return errs.Invalid(op, "start time is required")
	case !e.DoorsAt.IsZero() && e.DoorsAt.After(e.StartsAt):
		return errs.Invalid(op, "doors must open before the start")
	case e.AgeLimit < 0 || e.AgeLimit > 21:
		return errs.Invalid(op, "age limit out of range")
	}
	seen := map[string]bool{}
	for _, t := range e.PriceTiers {
		if t.Price.IsNegative() {
			return errs.Invalid(op, "tier "+t.Name+" has a negative price")
		}
		if t.MaxPerOrder <= 0 || t.MaxPerOrder > 20 {
			return errs.Invalid(op, "tier "+t.Name+" max per order must be 1..20")
		}
		for _, s := range t.SectionCodes {
			if seen[s] {
				return errs.Invalid(op, "section "+s+" priced twice")
			}
			seen[s] = true
		}
	}
	return nil
}

// Publish puts the event on sale.
func (e *Event) Publish(now time.Time) error {
	const op = "catalog.Event.Publish"
	if e.Status != model.EventStatusDraft {
		return errs.Conflict(op, "only draft events can be published")
	}
	if len(e.PriceTiers) == 0 {
		return errs.Invalid(op, "at least one price tier is required")
	}
	if e.StartsAt.Before(now) {
		return errs.Invalid(op, "event is in the past")
	}
	if e.OnSaleAt.IsZero() {
		e.OnSaleAt = now
	}
	e.Status = model.EventStatusOnSale
	return nil
}

// Cancel cancels an event. Finished events cannot be cancelled.
func (e *Event) Cancel() error {
	if e.Status == model.EventStatusFinished || e.Status == model.EventStatusCancelled {
		return errs.Conflict("catalog.Event.Cancel", "event already "+string(e.Status))
	}
	e.Status = model.EventStatusCancelled
	return nil
}

// TierForSection finds the tier that prices a section.
func (e *Event) TierForSection(code string) (PriceTier, bool) {
	for _, t := range e.PriceTiers {
		if slices.Contains(t.SectionCodes, code) {
			return t, true
		}
	}
	return PriceTier{}, false
}

// Summary builds the shared event card.
func (e *Event) Summary(v Venue) model.EventSummary {
	return model.EventSummary{
		ID: e.ID, Title: e.Title, VenueID: v.ID, VenueName: v.Name, City: v.City,
		StartsAt: e.StartsAt, DoorsAt: e.DoorsAt, PromoterID: e.PromoterID,
		Status: e.Status, Timezone: v.Timezone,
	}
}
