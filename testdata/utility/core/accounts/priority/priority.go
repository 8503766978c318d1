// Package priority maintains the Priority Services Register: customers who
// need extra help, advance notice of interruptions, or must never be
// disconnected for debt.
package priority

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
)

type Need struct {
	Label             string
	MedicalDependency bool // dependent on supply for medical equipment
	Temporary         bool // must carry an expiry date
}

// Needs uses the industry-standard PSR codes.
var Needs = map[string]Need{
	"01": {"Nebuliser and apnoea monitor", true, false},
	"02": {"Heart, lung and ventilator", true, false},
	"04": {"Oxygen concentrator", true, false},
	"14": {"Pensionable age", false, false},
	"17": {"Blind", false, false},
	"26": {"Young children under 5", false, true},
	"27": {"Temporary - life changes", false, true},
	"28": {"Temporary - post hospital recovery", false, true},
	"33": {"Chronic serious illness", false, false},
}

type Register struct{ db *sql.DB }

func NewRegister(d *sql.DB) *Register { return &Register{db: d} }

func (r *Register) Add(ctx context.Context, n models.PriorityNeed) error {
	const op = "priority.Add"
	need, ok := Needs[n.Code]
	if !ok {
		return errs.Invalid(op, "unknown PSR code %s", n.Code)
	}
	if need.Temporary && n.Expires == nil {
		return errs.Invalid(op, "code %s is temporary and needs an expiry date", n.Code)
	}
	if n.Expires != nil && n.Expires.Before(time.Now()) {
		return errs.Invalid(op, "expiry is in the past")
	}
	_, err := r.db.ExecContext(ctx, `
		INSERT INTO priority_register (account_id, need_code, note, expires_at, medical)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (account_id, need_code) DO UPDATE SET note = EXCLUDED.note, expires_at = EXCLUDED.expires_at`,
		n.AccountID, n.Code, n.Note, db.NullTime(n.Expires), need.MedicalDependency)
	return err
}

func (r *Register) For(ctx context.Context, accountID string) ([]models.PriorityNeed, error) {
	rows, err := r.db.QueryContext(ctx, `
		SELECT account_id, need_code, note, expires_at FROM priority_register
		WHERE account_id = $1 AND (expires_at IS NULL OR expires_at > now())
		ORDER BY need_code`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PriorityNeed
	for rows.Next() {
		var n models.PriorityNeed
		var exp sql.NullTime
		if err := rows.Scan(&n.AccountID, &n.Code, &n.Note, &exp); err != nil {
			return nil, err
		}
		n.Expires = db.TimePtr(exp)
		out = append(out, n)
	}
	return out, rows.Err()
}

// Protected reports whether an account must be excluded from disconnection
// and warrant activity: any PSR entry protects, medical ones absolutely.
func (r *Register) Protected(ctx context.Context, accountID string) (bool, error) {
	needs, err := r.For(ctx, accountID)
	return len(needs) > 0, err
}
