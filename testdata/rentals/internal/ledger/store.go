package ledger

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

// Store is the tenant ledger table gateway. Other packages should go through
// Service; Store is exported for the ledgerfix tool.
type Store struct{ conn *sql.DB }

func NewStore(conn *sql.DB) *Store { return &Store{conn: conn} }

func (s *Store) Conn() *sql.DB { return s.conn }

func (s *Store) Insert(ctx context.Context, q db.Querier, e models.LedgerEntry) error {
	_, err := q.ExecContext(ctx, `INSERT INTO ledger_entries
		(id, lease_id, property_id, type, amount_cents, memo, posted_on, due_on, payment_id, source_ref)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		e.ID, e.LeaseID, e.PropertyID, e.Type, e.Amount, e.Memo, e.PostedOn, e.DueOn,
		db.NullString(e.PaymentID), db.NullString(e.SourceRef))
	return err
}

func (s *Store) ListByLease(ctx context.Context, leaseID string, from, to time.Time) ([]models.LedgerEntry, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, lease_id, property_id, type, amount_cents, memo, posted_on, due_on,
		COALESCE(payment_id, ''), COALESCE(source_ref, ''), voided_at
		FROM ledger_entries WHERE lease_id = $1 AND posted_on >= $2 AND posted_on < $3
		ORDER BY posted_on, id`, leaseID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.LedgerEntry
	for rows.Next() {
		var e models.LedgerEntry
		var voided sql.NullTime
		if err := rows.Scan(&e.ID, &e.LeaseID, &e.PropertyID, &e.Type, &e.Amount, &e.Memo, &e.PostedOn, &e.DueOn,
			&e.PaymentID, &e.SourceRef, &voided); err != nil {
			return nil, err
		}
		if voided.Valid {
			e.VoidedAt = &voided.Time
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Store) Balance(ctx context.Context, leaseID string, asOf time.Time) (models.Balance, error) {
	b := models.Balance{LeaseID: leaseID, AsOf: asOf}
	err := s.conn.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents > 0), 0),
		COALESCE(-SUM(amount_cents) FILTER (WHERE amount_cents < 0), 0),
		COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents > 0 AND due_on < $2), 0)
		FROM ledger_entries WHERE lease_id = $1 AND voided_at IS NULL AND posted_on <= $2`, leaseID, asOf).
		Scan(&b.Charges, &b.Payments, &b.PastDue)
	b.Balance = b.Charges - b.Payments
	b.PastDue = money.Cents(max(int64(b.PastDue-b.Payments), 0))
	return b, err
}

func (s *Store) Void(ctx context.Context, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE ledger_entries SET voided_at = now() WHERE id = $1 AND voided_at IS NULL`, id)
	return db.MustAffect(res, err, "ledger entry")
}

func (s *Store) ExistsForSource(ctx context.Context, leaseID string, typ models.EntryType, sourceRef string) (bool, error) {
	var n int
	err := s.conn.QueryRowContext(ctx, `SELECT count(*) FROM ledger_entries
		WHERE lease_id = $1 AND type = $2 AND source_ref = $3 AND voided_at IS NULL`, leaseID, typ, sourceRef).Scan(&n)
	return n > 0, err
}

type Schedule struct {
	LeaseID    string
	PropertyID string
	Amount     money.Cents
	DueDay     int
	StartsOn   time.Time
	EndsOn     sql.NullTime
}

func (s *Store) UpsertSchedule(ctx context.Context, q db.Querier, sc Schedule) error {
	_, err := q.ExecContext(ctx, `INSERT INTO rent_schedules (lease_id, property_id, amount_cents, due_day, starts_on, ends_on)
		VALUES ($1,$2,$3,$4,$5,$6)
		ON CONFLICT (lease_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, due_day = EXCLUDED.due_day, ends_on = EXCLUDED.ends_on`,
		sc.LeaseID, sc.PropertyID, sc.Amount, sc.DueDay, sc.StartsOn, sc.EndsOn)
	return err
}

func (s *Store) EndSchedule(ctx context.Context, leaseID string, on time.Time) error {
	_, err := s.conn.ExecContext(ctx, `UPDATE rent_schedules SET ends_on = $2 WHERE lease_id = $1`, leaseID, on)
	return err
}

func (s *Store) DueSchedules(ctx context.Context, month time.Time) ([]Schedule, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT lease_id, property_id, amount_cents, due_day, starts_on, ends_on
		FROM rent_schedules WHERE starts_on <= $1 AND (ends_on IS NULL OR ends_on >= $1)`, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Schedule
	for rows.Next() {
		var sc Schedule
		if err := rows.Scan(&sc.LeaseID, &sc.PropertyID, &sc.Amount, &sc.DueDay, &sc.StartsOn, &sc.EndsOn); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}
