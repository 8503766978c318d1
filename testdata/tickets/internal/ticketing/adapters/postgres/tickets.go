// Package postgres persists tickets.
// Tables owned: tickets, ticket_transfers.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/shared/model"
	"gatehouse.events/platform/internal/ticketing/app"
	"gatehouse.events/platform/internal/ticketing/domain"
)

// TicketStore implements app.Repository.
type TicketStore struct{ db *sql.DB }

// NewTicketStore returns a store.
func NewTicketStore(d *sql.DB) *TicketStore { return &TicketStore{db: d} }

var _ app.Repository = (*TicketStore)(nil)

const ticketCols = `id, order_id, event_id, line_no, holder_id, COALESCE(seat_id,''), seat_label, barcode, version, status, issued_at, scanned_at`

func scanTicket(row interface{ Scan(...any) error }) (*domain.Ticket, error) {
	var t domain.Ticket
	var status string
	var scanned sql.NullTime
	if err := row.Scan(&t.ID, &t.OrderID, &t.EventID, &t.LineNo, &t.HolderID, &t.SeatID, &t.SeatLabel, &t.Barcode,
		&t.Version, &status, &t.IssuedAt, &scanned); err != nil {
		return nil, err
	}
	t.Status, t.ScannedAt = model.TicketStatus(status), scanned.Time
	return &t, nil
}

// CreateBatch inserts tickets in one transaction.
func (s *TicketStore) CreateBatch(ctx context.Context, ts []*domain.Ticket) error {
	return db.WithTx(ctx, s.db, func(ctx context.Context, tx *sql.Tx) error {
		for _, t := range ts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tickets (id, order_id, event_id, line_no, holder_id, seat_id, seat_label, barcode, version, status, issued_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (order_id, line_no) DO NOTHING`,
				t.ID, t.OrderID, t.EventID, t.LineNo, t.HolderID, db.NullString(t.SeatID), t.SeatLabel, t.Barcode, t.Version, string(t.Status), t.IssuedAt); err != nil {
				return errs.Wrap(err, "ticketing.TicketStore.CreateBatch")
			}
		}
		return nil
	})
}

// Get loads a ticket.
func (s *TicketStore) Get(ctx context.Context, id string) (*domain.Ticket, error) {
	t, err := scanTicket(s.db.QueryRowContext(ctx, `SELECT `+ticketCols+` FROM tickets WHERE id=$1`, id))
	if err != nil {
		return nil, db.NotFound(err, "ticketing.TicketStore.Get", "ticket", id)
	}
	return t, nil
}

// ByBarcode loads a ticket by its current barcode text.
func (s *TicketStore) ByBarcode(ctx context.Context, code string) (*domain.Ticket, error) {
	t, err := scanTicket(s.db.QueryRowContext(ctx, `SELECT `+ticketCols+` FROM tickets WHERE barcode=$1`, code))
	if err != nil {
		return nil, db.NotFound(err, "ticketing.TicketStore.ByBarcode", "ticket", "barcode")
	}
	return t, nil
}

// ByOrder lists an order's tickets.
func (s *TicketStore) ByOrder(ctx context.Context, orderID string) ([]*domain.Ticket, error) {
	return s.list(ctx, `SELECT `+ticketCols+` FROM tickets WHERE order_id=$1 ORDER BY line_no`, orderID)
}

// ByHolder lists tickets held by a fan.
func (s *TicketStore) ByHolder(ctx context.Context, fanID string) ([]*domain.Ticket, error) {
	return s.list(ctx, `SELECT `+ticketCols+` FROM tickets WHERE holder_id=$1 AND status <> 'void' ORDER BY issued_at DESC`, fanID)
}

func (s *TicketStore) list(ctx context.Context, q string, args ...any) ([]*domain.Ticket, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "ticketing.TicketStore.list")
	}
	defer rows.Close()
	var out []*domain.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Update writes holder, barcode and status.
func (s *TicketStore) Update(ctx context.Context, t *domain.Ticket) error {
	_, err := s.db.ExecContext(ctx, `UPDATE tickets SET holder_id=$2, barcode=$3, version=$4, status=$5, scanned_at=$6 WHERE id=$1`,
		t.ID, t.HolderID, t.Barcode, t.Version, string(t.Status), db.NullTime(t.ScannedAt))
	return errs.Wrap(err, "ticketing.TicketStore.Update")
}

// MarkScanned atomically flips a valid ticket to scanned; false if it was
// not valid (already scanned, void, or reissued).
func (s *TicketStore) MarkScanned(ctx context.Context, id string, version int, at time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE tickets SET status='scanned', scanned_at=$3
		WHERE id=$1 AND version=$2 AND status='valid'`, id, version, at)
	if err != nil {
		return false, errs.Wrap(err, "ticketing.TicketStore.MarkScanned")
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecordTransfer stores a transfer audit record.
func (s *TicketStore) RecordTransfer(ctx context.Context, tr domain.Transfer) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO ticket_transfers (id, ticket_id, from_fan_id, to_fan_id, to_email, created_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, tr.ID, tr.TicketID, tr.FromFanID, tr.ToFanID, tr.ToEmail, tr.CreatedAt)
	return errs.Wrap(err, "ticketing.TicketStore.RecordTransfer")
}
