package sqlstore

import (
	"context"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

// DueForReminder lists booked appointments starting in [from, to) that
// have not had a reminder yet.
func (s *AppointmentStore) DueForReminder(ctx context.Context, from, to time.Time) ([]domain.Appointment, error) {
	list, err := s.list(ctx, `SELECT `+apptCols+` FROM appointments a
		WHERE a.status = 'booked' AND a.starts_at >= ? AND a.starts_at < ?
		AND NOT EXISTS (SELECT 1 FROM appointment_reminders r WHERE r.appointment_id = a.id AND r.failure IS NULL)
		ORDER BY a.starts_at LIMIT 500`, from, to)
	return list, errs.Wrap("sqlstore.DueForReminder", err)
}

// RecordReminder logs that a reminder went out (or failed, with detail).
func (s *AppointmentStore) RecordReminder(ctx context.Context, id domain.AppointmentID, channel string, sentAt time.Time, failure string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO appointment_reminders (appointment_id, channel, sent_at, failure)
		VALUES (?, ?, ?, NULLIF(?, ''))`, string(id), channel, sentAt, failure)
	return errs.Wrap("sqlstore.RecordReminder", err)
}
