// Package store persists customer care cases and notes.
package store

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

const cols = `id, subscriber_id, category, subject, status, priority, coalesce(assigned_to, ''), opened_at, due_at,
	coalesce(closed_at, 'epoch')`

func scan(row interface{ Scan(...any) error }) (models.Case, error) {
	var c models.Case
	err := row.Scan(&c.ID, &c.SubscriberID, &c.Category, &c.Subject, &c.Status, &c.Priority, &c.AssignedTo, &c.OpenedAt, &c.DueAt, &c.ClosedAt)
	return c, err
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]models.Case, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM cases WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Case
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, c models.Case, first models.CaseNote) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cases (id, subscriber_id, category, subject, status, priority, opened_at, due_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, c.ID, c.SubscriberID, c.Category, c.Subject, c.Status, c.Priority, c.OpenedAt, c.DueAt); err != nil {
			return err
		}
		return insertNote(ctx, tx, first)
	})
}

func insertNote(ctx context.Context, q db.Querier, n models.CaseNote) error {
	_, err := q.ExecContext(ctx, `INSERT INTO case_notes (id, case_id, author, body, internal, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		n.ID, n.CaseID, n.Author, n.Body, n.Internal, n.CreatedAt)
	return err
}

func (s *Store) AddNote(ctx context.Context, n models.CaseNote) error {
	return insertNote(ctx, s.db, n)
}

func (s *Store) Get(ctx context.Context, id string) (models.Case, error) {
	c, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM cases WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return c, errs.E(errs.NotFound, "care.Get", "case not found")
	}
	return c, err
}

func (s *Store) Notes(ctx context.Context, caseID string, includeInternal bool) ([]models.CaseNote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, author, body, internal, created_at FROM case_notes
		WHERE case_id = $1 AND ($2 OR NOT internal) ORDER BY created_at`, caseID, includeInternal)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.CaseNote
	for rows.Next() {
		var n models.CaseNote
		if err := rows.Scan(&n.ID, &n.CaseID, &n.Author, &n.Body, &n.Internal, &n.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func (s *Store) Update(ctx context.Context, c models.Case) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cases SET status = $2, priority = $3, assigned_to = $4, due_at = $5, closed_at = $6 WHERE id = $1`,
		c.ID, c.Status, c.Priority, db.NullString(c.AssignedTo), c.DueAt, db.NullTime(c.ClosedAt))
	return err
}

func (s *Store) OpenForSubscriber(ctx context.Context, subscriberID string) ([]models.Case, error) {
	return s.list(ctx, `subscriber_id = $1 AND status <> 'closed' ORDER BY due_at`, subscriberID)
}

func (s *Store) Breached(ctx context.Context, now time.Time) ([]models.Case, error) {
	return s.list(ctx, `status IN ('open', 'pending') AND due_at < $1 ORDER BY due_at LIMIT 500`, now)
}

func (s *Store) Queue(ctx context.Context, agent string, limit int) ([]models.Case, error) {
	return s.list(ctx, `status <> 'closed' AND ($1 = '' OR assigned_to = $1) ORDER BY
		CASE priority WHEN 'p1' THEN 1 WHEN 'p2' THEN 2 WHEN 'p3' THEN 3 ELSE 4 END, due_at LIMIT $2`, agent, limit)
}

// Account is the billing/porting part of the agent's screen.
type Account struct {
	Outstanding   money.Money
	OpenInvoices  []models.Invoice
	PendingPort   *models.PortRequest
	LastPaymentAt time.Time
}

// AccountSnapshot reads invoices, payments and ports in one round trip;
// the agent desktop calls this on every screen load.
func (s *Store) AccountSnapshot(ctx context.Context, subscriberID, currency string) (Account, error) {
	acc := Account{Outstanding: money.Zero(currency)}
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, i.number, i.total, i.amount_paid, i.due_at, i.dunning_level
		FROM invoices i WHERE i.subscriber_id = $1 AND i.status = 'issued' ORDER BY i.due_at`, subscriberID)
	if err != nil {
		return acc, err
	}
	for rows.Next() {
		var inv models.Invoice
		var total, paid int64
		if err := rows.Scan(&inv.ID, &inv.Number, &total, &paid, &inv.DueAt, &inv.DunningLevel); err != nil {
			rows.Close()
			return acc, err
		}
		inv.Total, inv.AmountPaid, inv.Status = money.New(total, currency), money.New(paid, currency), models.InvoiceIssued
		acc.OpenInvoices = append(acc.OpenInvoices, inv)
		acc.Outstanding = acc.Outstanding.MustAdd(inv.Balance())
	}
	rows.Close()
	var last sql.NullTime
	var portID, portMSISDN, portDir, portStatus sql.NullString
	var portDate sql.NullTime
	err = s.db.QueryRowContext(ctx, `SELECT
			(SELECT max(p.created_at) FROM payments p WHERE p.subscriber_id = $1 AND p.status = 'succeeded'),
			pr.id, pr.msisdn, pr.direction, pr.status, pr.scheduled_for
		FROM (SELECT 1) x
		LEFT JOIN port_requests pr ON pr.subscriber_id = $1 AND pr.status IN ('submitted', 'accepted')`, subscriberID).
		Scan(&last, &portID, &portMSISDN, &portDir, &portStatus, &portDate)
	if err != nil {
		return acc, err
	}
	acc.LastPaymentAt = last.Time
	if portID.Valid {
		acc.PendingPort = &models.PortRequest{ID: portID.String, SubscriberID: subscriberID, MSISDN: portMSISDN.String,
			Direction: portDir.String, Status: portStatus.String, ScheduledFor: portDate.Time}
	}
	return acc, nil
}
