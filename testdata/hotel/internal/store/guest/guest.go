// Package guest persists guest profiles.
//
// Table: guests.
package guest

import (
	"context"
	"database/sql"
	"strings"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the guest repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

const cols = `id, email, first_name, last_name, phone, country, language, loyalty_number, tier,
	marketing_ok, erased, created_at`

func scan(row interface{ Scan(...any) error }) (*model.Guest, error) {
	var g model.Guest
	var phone, country, lang, number, tier sql.NullString
	err := row.Scan(&g.ID, &g.Email, &g.FirstName, &g.LastName, &phone, &country, &lang, &number, &tier,
		&g.MarketingOK, &g.Erased, &g.CreatedAt)
	if err != nil {
		return nil, err
	}
	g.Phone, g.Country, g.Language = phone.String, country.String, lang.String
	g.LoyaltyNumber, g.Tier = number.String, model.LoyaltyTier(tier.String)
	return &g, nil
}

// Get loads a guest by id.
func (s *Store) Get(ctx context.Context, id string) (*model.Guest, error) {
	g, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM guests WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "guest.Get", "guest")
	}
	return g, nil
}

// GetByEmail loads a guest by normalised email.
func (s *Store) GetByEmail(ctx context.Context, email string) (*model.Guest, error) {
	g, err := scan(s.db.QueryRowContext(ctx,
		`SELECT `+cols+` FROM guests WHERE email = $1 AND NOT erased`, strings.ToLower(email)))
	if err != nil {
		return nil, db.NotFound(err, "guest.GetByEmail", "guest")
	}
	return g, nil
}

// Create inserts a guest.
func (s *Store) Create(ctx context.Context, g *model.Guest) error {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO guests (id, email, first_name, last_name, phone, country, language, marketing_ok, erased, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, now()) RETURNING created_at`,
		g.ID, strings.ToLower(g.Email), g.FirstName, g.LastName, db.NullString(g.Phone),
		db.NullString(g.Country), db.NullString(g.Language), g.MarketingOK).Scan(&g.CreatedAt)
	if err != nil {
		return db.NotFound(err, "guest.Create", "guest "+g.Email)
	}
	return nil
}

// SetLoyalty stores the loyalty number and tier on the profile.
func (s *Store) SetLoyalty(ctx context.Context, id, number string, tier model.LoyaltyTier) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE guests SET loyalty_number = $2, tier = $3, updated_at = now() WHERE id = $1`, id, number, string(tier))
	if err != nil {
		return errs.Wrap(err, "guest.SetLoyalty")
	}
	return db.RowsAffected(res, "guest.SetLoyalty", "guest")
}

// Anonymize scrubs personal data (GDPR erasure) but keeps the row for FKs.
func (s *Store) Anonymize(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE guests SET email = 'erased+' || id || '@invalid', first_name = 'Erased', last_name = 'Guest',
			phone = NULL, marketing_ok = false, erased = true, updated_at = now()
		WHERE id = $1`, id)
	if err != nil {
		return errs.Wrap(err, "guest.Anonymize")
	}
	return db.RowsAffected(res, "guest.Anonymize", "guest")
}
