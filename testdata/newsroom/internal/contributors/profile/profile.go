// Package profile manages contributor (author) records: staff writers,
// freelancers and agencies whose bylines appear on articles.
package profile

import (
	"context"
	"database/sql"
	"net/mail"
	"strings"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type Service struct{ DB *sql.DB }

const cols = `id, name, email, kind, bio, active, coalesce(staff_user_id, ''), coalesce(bank_iban, ''), coalesce(bank_name, ''), tax_country`

func scan(row interface{ Scan(...any) error }) (*models.Contributor, error) {
	var c models.Contributor
	err := row.Scan(&c.ID, &c.Name, &c.Email, &c.Kind, &c.Bio, &c.Active, &c.StaffUserID, &c.BankIBAN, &c.BankName, &c.TaxCountry)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("contributor not found")
	}
	return &c, err
}

func (s *Service) Get(ctx context.Context, id string) (*models.Contributor, error) {
	return scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM contributors WHERE id = $1`, id))
}

func (s *Service) List(ctx context.Context, kind models.ContributorKind, activeOnly bool) ([]models.Contributor, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM contributors
		WHERE ($1 = '' OR kind = $1) AND (NOT $2 OR active) ORDER BY name`, string(kind), activeOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Contributor
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (s *Service) Create(ctx context.Context, c models.Contributor) (*models.Contributor, error) {
	if strings.TrimSpace(c.Name) == "" {
		return nil, errs.Invalidf("name required")
	}
	if _, err := mail.ParseAddress(c.Email); err != nil {
		return nil, errs.Invalidf("invalid email")
	}
	switch c.Kind {
	case models.ContributorStaff:
		if c.StaffUserID == "" {
			return nil, errs.Invalidf("staff contributors must be linked to a staff user")
		}
	case models.ContributorFreelance, models.ContributorAgency:
		if c.TaxCountry == "" {
			return nil, errs.Invalidf("tax country required for paid contributors")
		}
	default:
		return nil, errs.Invalidf("unknown contributor kind %q", c.Kind)
	}
	c.ID = ids.New("ctb")
	c.Active = true
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO contributors (id, name, email, kind, bio, active, staff_user_id, bank_iban, bank_name, tax_country, created_at)
		VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9, now())`,
		c.ID, c.Name, c.Email, string(c.Kind), c.Bio, db.NullString(c.StaffUserID),
		db.NullString(c.BankIBAN), db.NullString(c.BankName), c.TaxCountry)
	return &c, err
}

// ValidateByline checks that every contributor exists and is active. It is
// called by editorial before an article is submitted or published.
func (s *Service) ValidateByline(ctx context.Context, contributorIDs []string) error {
	if len(contributorIDs) == 0 {
		return errs.Invalidf("at least one byline is required")
	}
	args := make([]any, len(contributorIDs))
	for i, id := range contributorIDs {
		args[i] = id
	}
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM contributors WHERE active AND id IN (`+
		db.Placeholders(1, len(args))+`)`, args...).Scan(&n)
	if err != nil {
		return err
	}
	if n != len(contributorIDs) {
		return errs.Invalidf("byline contains unknown or inactive contributors")
	}
	return nil
}
