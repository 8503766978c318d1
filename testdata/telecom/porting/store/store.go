// Package store persists port requests, their event history and PAC codes.
package store

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

const cols = `id, subscriber_id, msisdn, direction, donor_operator, recipient_operator, coalesce(porting_code, ''), status,
	coalesce(reject_reason, ''), coalesce(external_ref, ''), scheduled_for, coalesce(completed_at, 'epoch'), created_at`

func scan(row interface{ Scan(...any) error }) (models.PortRequest, error) {
	var p models.PortRequest
	err := row.Scan(&p.ID, &p.SubscriberID, &p.MSISDN, &p.Direction, &p.DonorOperator, &p.RecipientOp, &p.PortingCode, &p.Status,
		&p.RejectReason, &p.ExternalRef, &p.ScheduledFor, &p.CompletedAt, &p.CreatedAt)
	return p, err
}

func (s *Store) Insert(ctx context.Context, p models.PortRequest) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO port_requests (id, subscriber_id, msisdn, direction, donor_operator, recipient_operator,
		porting_code, status, external_ref, scheduled_for, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
		p.ID, p.SubscriberID, p.MSISDN, p.Direction, p.DonorOperator, p.RecipientOp, db.NullString(p.PortingCode), p.Status,
		db.NullString(p.ExternalRef), p.ScheduledFor, p.CreatedAt)
	if db.IsUniqueViolation(err) {
		return errs.E(errs.Conflict, "porting.Insert", "a port is already open for this number")
	}
	return err
}

func (s *Store) Get(ctx context.Context, id string) (models.PortRequest, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM port_requests WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "porting.Get", "port request not found")
	}
	return p, err
}

func (s *Store) ByRef(ctx context.Context, ref string) (models.PortRequest, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM port_requests WHERE external_ref = $1`, ref))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "porting.ByRef", "unknown clearinghouse ref "+ref)
	}
	return p, err
}

// Transition updates status and appends to the port's event history.
func (s *Store) Transition(ctx context.Context, id, status, detail string, at time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		q := `UPDATE port_requests SET status = $2, reject_reason = $3 WHERE id = $1`
		args := []any{id, status, db.NullString(detail)}
		if status == models.PortCompleted {
			q = `UPDATE port_requests SET status = $2, reject_reason = $3, completed_at = $4 WHERE id = $1`
			args = append(args, at)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO port_events (port_id, status, detail, at) VALUES ($1, $2, $3, $4)`, id, status, detail, at)
		return err
	})
}

func (s *Store) SetSchedule(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE port_requests SET scheduled_for = $2 WHERE id = $1`, id, at)
	return err
}

func (s *Store) SavePAC(ctx context.Context, subscriberID, msisdn, code string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO porting_codes (code, subscriber_id, msisdn, expires_at, created_at)
		VALUES ($1, $2, $3, $4, now())`, code, subscriberID, msisdn, expires)
	return err
}

// ValidPAC returns the subscriber a code was issued to, if still valid for msisdn.
func (s *Store) ValidPAC(ctx context.Context, code, msisdn string) (string, error) {
	var sub string
	err := s.db.QueryRowContext(ctx, `SELECT subscriber_id FROM porting_codes
		WHERE code = $1 AND msisdn = $2 AND expires_at > now() AND used_at IS NULL`, code, msisdn).Scan(&sub)
	if db.IsNoRows(err) {
		return "", errs.E(errs.Invalid, "porting.ValidPAC", "PAC invalid or expired")
	}
	return sub, err
}

func (s *Store) UsePAC(ctx context.Context, code string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE porting_codes SET used_at = now() WHERE code = $1`, code)
	return err
}

// LineStanding is what the port-out check needs to know about the line.
type LineStanding struct {
	SubscriberID string
	Status       string
	PaymentMode  string
	Unpaid       int64
}

// Standing reads the line's status and unpaid bills for port-out validation.
func (s *Store) Standing(ctx context.Context, msisdn string) (LineStanding, error) {
	var ls LineStanding
	err := s.db.QueryRowContext(ctx, `SELECT s.id, s.status, s.payment_mode, coalesce(sum(i.total - i.amount_paid), 0)
		FROM subscribers s
		LEFT JOIN invoices i ON i.subscriber_id = s.id AND i.status = 'issued'
		WHERE s.msisdn = $1 AND s.status <> 'terminated'
		GROUP BY s.id, s.status, s.payment_mode`, msisdn).Scan(&ls.SubscriberID, &ls.Status, &ls.PaymentMode, &ls.Unpaid)
	if db.IsNoRows(err) {
		return ls, errs.E(errs.NotFound, "porting.Standing", "number not active with us")
	}
	return ls, err
}
