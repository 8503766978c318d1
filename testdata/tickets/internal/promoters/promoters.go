// Package promoters manages the companies that put events on sale through
// Gatehouse: their profile, commercial terms and payout account.
// Tables owned: promoters, promoter_users.
package promoters

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
)

// Promoter is an event organiser with a Gatehouse contract.
type Promoter struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	ContactEmail string    `json:"contact_email"`
	Country      string    `json:"country"`
	PayoutIBAN   string    `json:"-"`
	FeeBps       int64     `json:"fee_bps"`
	Active       bool      `json:"active"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks the commercial terms.
func (p Promoter) Validate() error {
	const op = "promoters.Validate"
	if strings.TrimSpace(p.Name) == "" {
		return errs.Invalid(op, "name is required")
	}
	if p.FeeBps < 0 || p.FeeBps > 3000 {
		return errs.Invalid(op, "fee must be between 0 and 30%")
	}
	iban := strings.ReplaceAll(p.PayoutIBAN, " ", "")
	if len(iban) < 15 || len(iban) > 34 {
		return errs.Invalid(op, "payout IBAN looks wrong")
	}
	return nil
}

// Ref converts to the shared reference.
func (p Promoter) Ref() model.PromoterRef {
	return model.PromoterRef{ID: p.ID, Name: p.Name, PayoutIBAN: p.PayoutIBAN, FeeBps: p.FeeBps}
}

// Service manages promoters.
type Service struct {
	db    *sql.DB
	clock clock.Clock
}

// NewService builds the service.
func NewService(d *sql.DB, c clock.Clock) *Service { return &Service{db: d, clock: c} }

const cols = `id, name, contact_email, country, payout_iban, fee_bps, active, created_at`

func scan(row interface{ Scan(...any) error }) (Promoter, error) {
	var p Promoter
	err := row.Scan(&p.ID, &p.Name, &p.ContactEmail, &p.Country, &p.PayoutIBAN, &p.FeeBps, &p.Active, &p.CreatedAt)
	return p, err
}

// Create onboards a promoter.
func (s *Service) Create(ctx context.Context, p Promoter) (Promoter, error) {
	p.ID, p.Active, p.CreatedAt = ids.New(ids.PrefixPromoter), true, s.clock.Now()
	if err := p.Validate(); err != nil {
		return p, err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO promoters (`+cols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
		p.ID, p.Name, p.ContactEmail, p.Country, p.PayoutIBAN, p.FeeBps, p.Active, p.CreatedAt)
	return p, errs.Wrap(err, "promoters.Create")
}

// Get loads a promoter.
func (s *Service) Get(ctx context.Context, id string) (Promoter, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM promoters WHERE id=$1`, id))
	if err != nil {
		return p, db.NotFound(err, "promoters.Get", "promoter", id)
	}
	return p, nil
}

// Active lists active promoters.
func (s *Service) Active(ctx context.Context) ([]Promoter, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM promoters WHERE active ORDER BY name`)
	if err != nil {
		return nil, errs.Wrap(err, "promoters.Active")
	}
	defer rows.Close()
	var out []Promoter
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
