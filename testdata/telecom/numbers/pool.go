// Package numbers manages the MSISDN pool: free numbers, golden numbers,
// assignment, quarantine after termination and ported numbers.
package numbers

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/msisdn"
)

// QuarantineDays is the regulator-mandated cool-off before a number is reused.
const QuarantineDays = 90

type Pool struct{ db *sql.DB }

func NewPool(pool *sql.DB) *Pool { return &Pool{db: pool} }

// Reserve picks a free number. Golden numbers are only handed out when
// explicitly requested (they carry a one-off fee in the shop).
func (p *Pool) Reserve(ctx context.Context, subscriberID string, golden bool) (string, error) {
	var number string
	err := db.WithTx(ctx, p.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT number FROM msisdns
			WHERE status = 'free' AND golden = $1 ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`, golden).Scan(&number)
		if db.IsNoRows(err) {
			return errs.E(errs.Unavailable, "numbers.Reserve", "number pool exhausted")
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE msisdns SET status = 'reserved', subscriber_id = $2, updated_at = now() WHERE number = $1`,
			number, subscriberID)
		return err
	})
	return number, err
}

func (p *Pool) Assign(ctx context.Context, number, subscriberID string) error {
	res, err := p.db.ExecContext(ctx, `UPDATE msisdns SET status = 'assigned', subscriber_id = $2, updated_at = now()
		WHERE number = $1 AND status IN ('reserved', 'free') AND (subscriber_id IS NULL OR subscriber_id = $2)`, number, subscriberID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "numbers.Assign", "number "+number+" is not reservable")
	}
	return nil
}

// Release puts a number into quarantine. Ported-in numbers go back to the
// range holder instead and are marked ported_out by the porting flow.
func (p *Pool) Release(ctx context.Context, number string) error {
	_, err := p.db.ExecContext(ctx, `UPDATE msisdns SET status = 'quarantine', subscriber_id = NULL,
		quarantined_until = $2, updated_at = now() WHERE number = $1 AND NOT ported`,
		number, time.Now().AddDate(0, 0, QuarantineDays))
	return err
}

// ImportPorted adds a number ported in from another operator.
func (p *Pool) ImportPorted(ctx context.Context, number, subscriberID string) error {
	if !msisdn.Valid(number) {
		return errs.E(errs.Invalid, "numbers.ImportPorted", "invalid msisdn")
	}
	_, err := p.db.ExecContext(ctx, `INSERT INTO msisdns (number, status, golden, subscriber_id, ported, updated_at)
		VALUES ($1, 'assigned', false, $2, true, now())
		ON CONFLICT (number) DO UPDATE SET status = 'assigned', subscriber_id = EXCLUDED.subscriber_id, ported = true, updated_at = now()`,
		number, subscriberID)
	return err
}

func (p *Pool) MarkPortedOut(ctx context.Context, number string) error {
	_, err := p.db.ExecContext(ctx, `UPDATE msisdns SET status = 'ported_out', subscriber_id = NULL, updated_at = now() WHERE number = $1`, number)
	return err
}

// ReleaseQuarantined is a daily job returning cooled-off numbers to the pool.
func (p *Pool) ReleaseQuarantined(ctx context.Context) error {
	_, err := p.db.ExecContext(ctx, `UPDATE msisdns SET status = 'free', quarantined_until = NULL, updated_at = now()
		WHERE status = 'quarantine' AND quarantined_until < now()`)
	return err
}
