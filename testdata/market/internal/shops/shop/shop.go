// Package shop defines the seller shop aggregate.
package shop

import (
	"regexp"
	"strings"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/money"
)

type Status string

const (
	StatusOnboarding Status = "onboarding"
	StatusActive     Status = "active"
	StatusOnVacation Status = "vacation"
	StatusSuspended  Status = "suspended"
)

type Shop struct {
	ID             string
	OwnerID        string
	Slug           string
	Name           string
	Tagline        string
	Country        string
	Currency       money.Currency
	Status         Status
	PayoutAccount  string
	VacationNotice string
	KYCVerifiedAt  time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

type Policy struct {
	ShopID          string
	ProcessingDays  int
	AcceptsReturns  bool
	ReturnWindowDay int
	ShipsTo         []string
}

var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,39}$`)

func Slugify(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

func (s *Shop) Validate() error {
	const op = "shop.Validate"
	if len(s.Name) < 3 || len(s.Name) > 60 {
		return errs.Invalid(op, "shop name must be 3-60 characters")
	}
	if !slugRe.MatchString(s.Slug) {
		return errs.Invalid(op, "invalid shop slug")
	}
	if len(s.Country) != 2 {
		return errs.Invalid(op, "country must be ISO-3166 alpha-2")
	}
	if _, err := money.ParseCurrency(string(s.Currency)); err != nil {
		return errs.Invalid(op, err.Error())
	}
	return nil
}

// CanSell reports whether buyers may purchase from the shop right now.
func (s *Shop) CanSell() bool {
	return s.Status == StatusActive && s.PayoutAccount != "" && !s.KYCVerifiedAt.IsZero()
}

func (s *Shop) Summary(rating float64) models.ShopSummary {
	return models.ShopSummary{
		ID: s.ID, Slug: s.Slug, Name: s.Name, OwnerID: s.OwnerID,
		Country: s.Country, Rating: rating, IsActive: s.CanSell(),
	}
}

func (p Policy) ShipsToCountry(c string) bool {
	if len(p.ShipsTo) == 0 {
		return true
	}
	for _, x := range p.ShipsTo {
		if strings.EqualFold(x, c) {
			return true
		}
	}
	return false
}
