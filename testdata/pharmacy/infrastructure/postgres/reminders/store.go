// Package reminders is the PostgreSQL store for refill reminders.
// Tables: refill_reminders, reminder_opt_outs.
package reminders

import (
	"context"
	"database/sql"
	"time"

	"rxnow.health/backend/domain/reminders"
)

// Store persists reminders.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// RefillCandidates finds verified prescriptions with refills left whose
// supply runs out within the horizon and that have no reminder yet. It
// reads the prescriptions and customers tables directly.
func (s *Store) RefillCandidates(ctx context.Context, horizon time.Time, limit int) ([]reminders.Candidate, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT rx.id, c.id, c.first_name, c.email, COALESCE(c.phone, ''), c.sms_opt_in, rx.last_filled_at, rx.days_supply,
		       rx.refills_authorized + 1 - rx.fill_count, COALESCE(c.time_zone, 'America/New_York')
		FROM prescriptions rx
		JOIN customers c ON c.id = rx.customer_id
		WHERE rx.status = 'verified'
		  AND rx.last_filled_at IS NOT NULL
		  AND rx.refills_authorized + 1 - rx.fill_count > 0
		  AND rx.last_filled_at + (rx.days_supply || ' days')::interval <= $1
		  AND rx.expires_at > now()
		  AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.customer_id = c.id)
		  AND NOT EXISTS (SELECT 1 FROM refill_reminders r
		                  WHERE r.prescription_id = rx.id AND r.created_at > rx.last_filled_at)
		ORDER BY rx.last_filled_at
		LIMIT $2`, horizon, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reminders.Candidate
	for rows.Next() {
		var c reminders.Candidate
		if err := rows.Scan(&c.PrescriptionID, &c.CustomerID, &c.FirstName, &c.Email, &c.Phone, &c.SMSOptIn, &c.LastFilledAt,
			&c.DaysSupply, &c.RefillsLeft, &c.TimeZone); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Schedule(ctx context.Context, r *reminders.Reminder) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO refill_reminders (customer_id, prescription_id, channel, due_at, status, attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, 0, now()) RETURNING id`,
		r.CustomerID, r.PrescriptionID, r.Channel, r.DueAt, r.Status).Scan(&r.ID)
}

// Due lists reminders ready to send, locking them for this worker.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]reminders.Reminder, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, customer_id, prescription_id, channel, due_at, status, attempts
		FROM refill_reminders WHERE status = 'scheduled' AND due_at <= $1
		ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reminders.Reminder
	for rows.Next() {
		var r reminders.Reminder
		if err := rows.Scan(&r.ID, &r.CustomerID, &r.PrescriptionID, &r.Channel, &r.DueAt, &r.Status, &r.Attempts); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Contact returns where to send a reminder.
func (s *Store) Contact(ctx context.Context, customerID int64) (email, phone, firstName string, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT email, COALESCE(phone, ''), first_name FROM customers WHERE id = $1`, customerID).
		Scan(&email, &phone, &firstName)
	return
}

func (s *Store) Update(ctx context.Context, r reminders.Reminder) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE refill_reminders SET status = $2, attempts = $3, due_at = $4, last_error = NULLIF($5, ''), sent_at = CASE WHEN $2 = 'sent' THEN now() END
		WHERE id = $1`, r.ID, r.Status, r.Attempts, r.DueAt, r.LastError)
	return err
}

// CancelForPrescription cancels pending reminders once a refill is ordered.
func (s *Store) CancelForPrescription(ctx context.Context, prescriptionID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE refill_reminders SET status = 'cancelled' WHERE prescription_id = $1 AND status = 'scheduled'`, prescriptionID)
	return err
}

// OptOut records a STOP.
func (s *Store) OptOut(ctx context.Context, customerID int64, source string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO reminder_opt_outs (customer_id, source, created_at) VALUES ($1, $2, now()) ON CONFLICT (customer_id) DO NOTHING`, customerID, source)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE refill_reminders SET status = 'cancelled' WHERE customer_id = $1 AND status = 'scheduled'`, customerID)
	return err
}
