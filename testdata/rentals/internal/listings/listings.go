// Package listings manages marketing listings for vacant units.
package listings

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/units"
)

type Service struct {
	conn  *sql.DB
	units *units.Service
}

func NewService(conn *sql.DB, u *units.Service) *Service { return &Service{conn: conn, units: u} }

const cols = `id, unit_id, headline, description, asking_rent_cents, deposit_cents, available_on, pets_allowed, published, created_at`

func scan(sc interface{ Scan(...any) error }) (models.Listing, error) {
	var l models.Listing
	err := sc.Scan(&l.ID, &l.UnitID, &l.Headline, &l.Description, &l.AskingRent, &l.Deposit, &l.AvailableOn, &l.PetsAllowed, &l.Published, &l.CreatedAt)
	return l, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Listing, error) {
	l, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM listings WHERE id = $1`, id))
	return l, db.Check(err, "listing")
}

func (s *Service) Create(ctx context.Context, l models.Listing) (models.Listing, error) {
	u, err := s.units.Get(ctx, l.UnitID)
	if err != nil {
		return l, err
	}
	if u.Status != models.UnitVacant && u.Status != models.UnitNotice && u.Status != models.UnitMakeReady {
		return l, errs.E(errs.Conflict, "unit %s is %s and cannot be listed", u.ID, u.Status)
	}
	if l.AskingRent == 0 {
		l.AskingRent = u.MarketRent
	}
	// deposit is capped at two months' rent in most of our markets
	if l.Deposit > 2*l.AskingRent {
		return l, errs.E(errs.Invalid, "deposit %s exceeds two months' rent", l.Deposit)
	}
	if l.Deposit == 0 {
		l.Deposit = l.AskingRent
	}
	l.ID = ids.New(ids.Listing)
	l.CreatedAt = time.Now().UTC()
	_, err = s.conn.ExecContext(ctx, `INSERT INTO listings (`+cols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,false,$9)`,
		l.ID, l.UnitID, l.Headline, l.Description, l.AskingRent, l.Deposit, l.AvailableOn, l.PetsAllowed, l.CreatedAt)
	return l, err
}

func (s *Service) Publish(ctx context.Context, id string) error {
	l, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	u, err := s.units.Get(ctx, l.UnitID)
	if err != nil {
		return err
	}
	if u.Status == models.UnitVacant || u.Status == models.UnitMakeReady {
		if err := s.units.Transition(ctx, u.ID, models.UnitListed); err != nil {
			return err
		}
	}
	res, err := s.conn.ExecContext(ctx, `UPDATE listings SET published = true, published_at = now() WHERE id = $1`, id)
	return db.MustAffect(res, err, "listing")
}

func (s *Service) Unpublish(ctx context.Context, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE listings SET published = false WHERE id = $1`, id)
	return db.MustAffect(res, err, "listing")
}

// UnpublishForUnit is called once a unit has an approved application.
func (s *Service) UnpublishForUnit(ctx context.Context, q db.Querier, unitID string) error {
	_, err := q.ExecContext(ctx, `UPDATE listings SET published = false WHERE unit_id = $1 AND published`, unitID)
	return err
}

type SearchResult struct {
	models.Listing
	City      string  `json:"city"`
	State     string  `json:"state"`
	Bedrooms  int     `json:"bedrooms"`
	Bathrooms float64 `json:"bathrooms"`
	SqFt      int     `json:"square_feet"`
}

type Query struct {
	City        string
	MinBeds     int
	MaxRent     money.Cents
	PetsAllowed bool
	Limit       int
	Offset      int
}

// Search is the public website search over published listings.
func (s *Service) Search(ctx context.Context, q Query) ([]SearchResult, error) {
	rows, err := s.conn.QueryContext(ctx, `
		SELECT l.id, l.unit_id, l.headline, l.description, l.asking_rent_cents, l.deposit_cents, l.available_on,
		       l.pets_allowed, l.published, l.created_at, p.city, p.state, u.bedrooms, u.bathrooms, u.square_feet
		FROM listings l
		JOIN units u ON u.id = l.unit_id
		JOIN properties p ON p.id = u.property_id
		WHERE l.published
		  AND ($1 = '' OR lower(p.city) = lower($1))
		  AND u.bedrooms >= $2
		  AND ($3 = 0 OR l.asking_rent_cents <= $3)
		  AND (NOT $4 OR l.pets_allowed)
		ORDER BY l.available_on, l.asking_rent_cents
		LIMIT $5 OFFSET $6`, q.City, q.MinBeds, q.MaxRent, q.PetsAllowed, q.Limit, q.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SearchResult
	for rows.Next() {
		var r SearchResult
		if err := rows.Scan(&r.ID, &r.UnitID, &r.Headline, &r.Description, &r.AskingRent, &r.Deposit, &r.AvailableOn,
			&r.PetsAllowed, &r.Published, &r.CreatedAt, &r.City, &r.State, &r.Bedrooms, &r.Bathrooms, &r.SqFt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Service) Published(ctx context.Context) ([]SearchResult, error) {
	return s.Search(ctx, Query{Limit: 10000})
}
