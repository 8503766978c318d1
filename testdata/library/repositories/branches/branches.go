// Package branches stores branch locations, opening hours and closures.
package branches

import (
	"context"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Repo struct {
	db db.Querier
}

func New(q db.Querier) *Repo { return &Repo{db: q} }

func (r *Repo) Get(ctx context.Context, id int64) (*models.Branch, error) {
	var b models.Branch
	err := r.db.QueryRowContext(ctx,
		`SELECT id, code, name, address, phone, active FROM branches WHERE id = $1`, id).
		Scan(&b.ID, &b.Code, &b.Name, &b.Address, &b.Phone, &b.Active)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("branch", id)
	}
	return &b, err
}

func (r *Repo) List(ctx context.Context, activeOnly bool) ([]models.Branch, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id, code, name, address, phone, active FROM branches
		 WHERE ($1 = false OR active) ORDER BY name`, activeOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Branch
	for rows.Next() {
		var b models.Branch
		if err := rows.Scan(&b.ID, &b.Code, &b.Name, &b.Address, &b.Phone, &b.Active); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (r *Repo) OpeningHours(ctx context.Context, branchID int64) ([]models.OpeningHours, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT branch_id, weekday, to_char(opens, 'HH24:MI'), to_char(closes, 'HH24:MI')
		 FROM opening_hours WHERE branch_id = $1 ORDER BY weekday`, branchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.OpeningHours
	for rows.Next() {
		var h models.OpeningHours
		var wd int
		if err := rows.Scan(&h.BranchID, &wd, &h.Opens, &h.Closes); err != nil {
			return nil, err
		}
		h.Weekday = time.Weekday(wd)
		out = append(out, h)
	}
	return out, rows.Err()
}

// ClosuresBetween returns branch-specific and system-wide closures.
func (r *Repo) ClosuresBetween(ctx context.Context, branchID int64, from, to time.Time) ([]models.Closure, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id, COALESCE(branch_id, 0), day, reason FROM branch_closures
		 WHERE (branch_id = $1 OR branch_id IS NULL) AND day BETWEEN $2 AND $3
		 ORDER BY day`, branchID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Closure
	for rows.Next() {
		var c models.Closure
		if err := rows.Scan(&c.ID, &c.BranchID, &c.Day, &c.Reason); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (r *Repo) AddClosure(ctx context.Context, c *models.Closure) error {
	var branch any
	if c.BranchID != 0 {
		branch = c.BranchID
	}
	return r.db.QueryRowContext(ctx,
		`INSERT INTO branch_closures (branch_id, day, reason) VALUES ($1, $2, $3)
		 ON CONFLICT (branch_id, day) DO UPDATE SET reason = EXCLUDED.reason
		 RETURNING id`, branch, c.Day, c.Reason).Scan(&c.ID)
}
