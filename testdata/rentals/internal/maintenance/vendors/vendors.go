// Package vendors manages the vendor roster, compliance and service areas.
package vendors

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
)

type Service struct{ conn *sql.DB }

func NewService(conn *sql.DB) *Service { return &Service{conn: conn} }

const cols = `id, name, trades, email, phone, insurance_expiry, w9_on_file, rating, active`

func scan(sc interface{ Scan(...any) error }) (models.Vendor, error) {
	var v models.Vendor
	var trades string
	err := sc.Scan(&v.ID, &v.Name, &trades, &v.Email, &v.Phone, &v.InsuranceExpiry, &v.W9OnFile, &v.Rating, &v.Active)
	v.Trades = strings.Split(trades, ",")
	return v, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Vendor, error) {
	v, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM vendors WHERE id = $1`, id))
	return v, db.Check(err, "vendor")
}

func (s *Service) Create(ctx context.Context, v models.Vendor, propertyIDs []string) (models.Vendor, error) {
	if v.Name == "" || len(v.Trades) == 0 {
		return v, errs.E(errs.Invalid, "name and at least one trade are required")
	}
	if !v.W9OnFile {
		return v, errs.E(errs.Invalid, "a W-9 is required before onboarding a vendor")
	}
	v.ID, v.Active, v.Rating = ids.New(ids.Vendor), true, 4.0
	err := db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO vendors (`+cols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
			v.ID, v.Name, strings.Join(v.Trades, ","), v.Email, v.Phone, v.InsuranceExpiry, v.W9OnFile, v.Rating, v.Active); err != nil {
			return err
		}
		for _, p := range propertyIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO vendor_service_areas (vendor_id, property_id) VALUES ($1, $2)`, v.ID, p); err != nil {
				return err
			}
		}
		return nil
	})
	return v, err
}

// Eligible returns active, insured vendors for a trade at a property, best first,
// with their count of open work orders.
func (s *Service) Eligible(ctx context.Context, trade, propertyID string) ([]models.Vendor, []int, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT v.id, v.name, v.trades, v.email, v.phone, v.insurance_expiry, v.w9_on_file, v.rating, v.active,
		(SELECT count(*) FROM work_orders w WHERE w.vendor_id = v.id AND w.status IN ('assigned', 'in_progress')) AS open_wos
		FROM vendors v JOIN vendor_service_areas a ON a.vendor_id = v.id
		WHERE a.property_id = $2 AND v.active AND v.insurance_expiry > $3 AND $1 = ANY(string_to_array(v.trades, ','))
		ORDER BY v.rating DESC, open_wos`, trade, propertyID, time.Now())
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var vs []models.Vendor
	var load []int
	for rows.Next() {
		var v models.Vendor
		var trades string
		var n int
		if err := rows.Scan(&v.ID, &v.Name, &trades, &v.Email, &v.Phone, &v.InsuranceExpiry, &v.W9OnFile, &v.Rating, &v.Active, &n); err != nil {
			return nil, nil, err
		}
		v.Trades = strings.Split(trades, ",")
		vs, load = append(vs, v), append(load, n)
	}
	return vs, load, rows.Err()
}

// Rate folds a 1–5 score into the vendor's rating (exponential moving average).
func (s *Service) Rate(ctx context.Context, id string, score float64) error {
	if score < 1 || score > 5 {
		return errs.E(errs.Invalid, "score must be 1-5")
	}
	res, err := s.conn.ExecContext(ctx, `UPDATE vendors SET rating = round((rating * 0.8 + $2 * 0.2)::numeric, 2) WHERE id = $1`, id, score)
	return db.MustAffect(res, err, "vendor")
}

func (s *Service) Deactivate(ctx context.Context, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE vendors SET active = false WHERE id = $1`, id)
	return db.MustAffect(res, err, "vendor")
}

// ExpiringInsurance lists vendors whose COI expires within days.
func (s *Service) ExpiringInsurance(ctx context.Context, days int) ([]models.Vendor, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+cols+` FROM vendors WHERE active AND insurance_expiry < current_date + $1 * interval '1 day'`, days)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Vendor
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
