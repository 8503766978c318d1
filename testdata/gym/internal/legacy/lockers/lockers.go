// Package lockers is the original locker hire module (monthly hired lockers, not day lockers).
package lockers

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/pulsefit/clubs/internal/legacy/common"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/httpx"
	"github.com/pulsefit/clubs/pkg/ids"
)

// Prices per month in pence by size.
var Prices = map[string]int64{"small": 800, "large": 1200, "kit": 1500}

type Module struct{ DB *sql.DB }

func (m *Module) Free(ctx context.Context, clubID, size string) ([]models.Locker, error) {
	rows, err := m.DB.QueryContext(ctx, `SELECT l.id, l.club_id, l.number, l.size FROM lockers l
		WHERE l.club_id = $1 AND l.size = $2 AND l.out_of_order = false
		  AND NOT EXISTS (SELECT 1 FROM locker_rentals r WHERE r.locker_id = l.id AND r.ended_on IS NULL)
		ORDER BY l.number`, clubID, size)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Locker
	for rows.Next() {
		var l models.Locker
		if err := rows.Scan(&l.ID, &l.ClubID, &l.Number, &l.Size); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Rent hires a locker and bills the first month. Billing did not exist as a module when this was
// written, so the invoice rows are inserted here directly.
func (m *Module) Rent(ctx context.Context, memberID, lockerID string, months int) error {
	if months < 1 || months > 12 {
		return errs.Invalid("months must be 1..12")
	}
	tx, err := m.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var size string
	var taken bool
	if err := tx.QueryRowContext(ctx, `SELECT l.size, EXISTS (SELECT 1 FROM locker_rentals r WHERE r.locker_id = l.id AND r.ended_on IS NULL)
		FROM lockers l WHERE l.id = $1 FOR UPDATE`, lockerID).Scan(&size, &taken); err != nil {
		return err
	}
	if taken {
		return errs.Conflict("locker already rented")
	}
	today := time.Now().UTC()
	until := today.AddDate(0, months, 0)
	if _, err := tx.ExecContext(ctx, `INSERT INTO locker_rentals (locker_id, member_id, started_on, paid_until) VALUES ($1,$2,$3,$4)`,
		lockerID, memberID, today, until); err != nil {
		return err
	}
	amount := Prices[size] * int64(months)
	invID := ids.New(ids.Invoice)
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (id, member_id, number, status, issued_at, due_date, total_minor, vat_minor, currency)
		VALUES ($1,$2,$3,'open',$4,$4,$5,$6,'GBP')`, invID, memberID, "LKR-"+strconv.FormatInt(today.Unix(), 36), today, amount, amount/6); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_minor, source, source_ref)
		VALUES ($1,1,$2,$3,$4,'locker',$5)`, invID, fmt.Sprintf("Locker hire (%s) to %s", size, common.UKDate(until)), months, Prices[size], lockerID); err != nil {
		return err
	}
	return tx.Commit()
}

func (m *Module) End(ctx context.Context, lockerID string) error {
	_, err := m.DB.ExecContext(ctx, `UPDATE locker_rentals SET ended_on = now() WHERE locker_id = $1 AND ended_on IS NULL`, lockerID)
	return err
}

// ExpireUnpaid frees lockers whose hire lapsed more than 14 days ago (contents go to lost property).
func (m *Module) ExpireUnpaid(ctx context.Context) (int64, error) {
	res, err := m.DB.ExecContext(ctx, `UPDATE locker_rentals SET ended_on = now(), ended_reason = 'lapsed'
		WHERE ended_on IS NULL AND paid_until < now() - interval '14 days'`)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// ServeHTTP is the old single-endpoint handler: /legacy/lockers?action=free|rent|end
func (m *Module) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var err error
	switch q.Get("action") {
	case "free":
		var ls []models.Locker
		if ls, err = m.Free(r.Context(), q.Get("club"), q.Get("size")); err == nil {
			httpx.JSON(w, http.StatusOK, ls)
			return
		}
	case "rent":
		months, _ := strconv.Atoi(q.Get("months"))
		if err = m.Rent(r.Context(), q.Get("member"), q.Get("locker"), months); err == nil {
			w.WriteHeader(http.StatusCreated)
			return
		}
	case "end":
		if err = m.End(r.Context(), q.Get("locker")); err == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	default:
		err = errs.Invalid("unknown action")
	}
	httpx.Error(w, r, err)
}
