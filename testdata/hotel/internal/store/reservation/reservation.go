// Package reservation persists reservations and their status history.
//
// Tables: reservations, reservation_status_log.
package reservation

import (
	"context"
	"database/sql"
	"time"

	"github.com/lib/pq"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the reservation repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// DB exposes the pool for callers that need a transaction.
func (s *Store) DB() *sql.DB { return s.db }

const cols = `id, confirmation_code, hotel_id, room_type_id, room_id, guest_id, check_in, check_out,
	adults, children, status, source, channel_ref, rate_plan_code, promo_code, total_cents, currency,
	payment_id, special_requests, cancel_reason, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*model.Reservation, error) {
	var r model.Reservation
	var roomID sql.NullInt64
	var channelRef, promo, paymentID, requests, reason sql.NullString
	var status string
	err := row.Scan(&r.ID, &r.ConfirmationCode, &r.HotelID, &r.RoomTypeID, &roomID, &r.GuestID,
		&r.CheckIn, &r.CheckOut, &r.Adults, &r.Children, &status, &r.Source, &channelRef,
		&r.RatePlanCode, &promo, &r.TotalCents, &r.Currency, &paymentID, &requests, &reason,
		&r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, err
	}
	r.Status = model.ReservationStatus(status)
	r.RoomID = roomID.Int64
	r.ChannelRef, r.PromoCode, r.PaymentID = channelRef.String, promo.String, paymentID.String
	r.SpecialRequests, r.CancelReason = requests.String, reason.String
	return &r, nil
}

func (s *Store) list(ctx context.Context, op, where string, args ...any) ([]model.Reservation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM reservations WHERE `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	defer rows.Close()
	var out []model.Reservation
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, op)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// Create inserts r using q (a pool or a transaction).
func (s *Store) Create(ctx context.Context, q db.Querier, r *model.Reservation) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO reservations (id, confirmation_code, hotel_id, room_type_id, guest_id, check_in, check_out,
			adults, children, status, source, channel_ref, rate_plan_code, promo_code, total_cents, currency,
			special_requests, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now(), now())`,
		r.ID, r.ConfirmationCode, r.HotelID, r.RoomTypeID, r.GuestID, r.CheckIn, r.CheckOut,
		r.Adults, r.Children, string(r.Status), r.Source, db.NullString(r.ChannelRef), r.RatePlanCode,
		db.NullString(r.PromoCode), r.TotalCents, r.Currency, db.NullString(r.SpecialRequests))
	if err != nil {
		return db.NotFound(err, "reservation.Create", "reservation")
	}
	return nil
}

// Get loads a reservation by id.
func (s *Store) Get(ctx context.Context, id string) (*model.Reservation, error) {
	r, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM reservations WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "reservation.Get", "reservation")
	}
	return r, nil
}

// GetByCode loads a reservation by confirmation code.
func (s *Store) GetByCode(ctx context.Context, code string) (*model.Reservation, error) {
	r, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM reservations WHERE confirmation_code = $1`, code))
	if err != nil {
		return nil, db.NotFound(err, "reservation.GetByCode", "reservation")
	}
	return r, nil
}

// GetByChannelRef loads a reservation imported from an OTA.
func (s *Store) GetByChannelRef(ctx context.Context, source, ref string) (*model.Reservation, error) {
	r, err := scan(s.db.QueryRowContext(ctx,
		`SELECT `+cols+` FROM reservations WHERE source = $1 AND channel_ref = $2`, source, ref))
	if err != nil {
		return nil, db.NotFound(err, "reservation.GetByChannelRef", "reservation")
	}
	return r, nil
}

// ListByGuest returns a guest's reservations, newest first.
func (s *Store) ListByGuest(ctx context.Context, guestID string, limit int) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.ListByGuest", `guest_id = $1 ORDER BY check_in DESC LIMIT $2`, guestID, limit)
}

// ListArrivals returns confirmed reservations arriving on day.
func (s *Store) ListArrivals(ctx context.Context, hotelID int64, day time.Time) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.ListArrivals",
		`hotel_id = $1 AND check_in = $2 AND status = 'confirmed' ORDER BY created_at`, hotelID, day)
}

// ListInHouse returns guests currently checked in.
func (s *Store) ListInHouse(ctx context.Context, hotelID int64) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.ListInHouse",
		`hotel_id = $1 AND status = 'checked_in' ORDER BY check_out`, hotelID)
}

// PendingOlderThan returns pending reservations created before t.
func (s *Store) PendingOlderThan(ctx context.Context, t time.Time) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.PendingOlderThan", `status = 'pending' AND created_at < $1 LIMIT 500`, t)
}

// NoShowCandidates returns confirmed reservations whose arrival day has passed.
func (s *Store) NoShowCandidates(ctx context.Context, before time.Time) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.NoShowCandidates", `status = 'confirmed' AND check_in < $1 LIMIT 500`, before)
}

// CompletedStays returns a guest's checked-out reservations.
func (s *Store) CompletedStays(ctx context.Context, guestID string) ([]model.Reservation, error) {
	return s.list(ctx, "reservation.CompletedStays", `guest_id = $1 AND status = 'checked_out' ORDER BY check_out`, guestID)
}

// Transition moves a reservation from one of the allowed statuses to next and
// records the change. It fails with Conflict if the current status is not allowed.
func (s *Store) Transition(ctx context.Context, id string, from []model.ReservationStatus, next model.ReservationStatus, reason string) error {
	allowed := make([]string, len(from))
	for i, f := range from {
		allowed[i] = string(f)
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE reservations SET status = $2, cancel_reason = COALESCE($3, cancel_reason), updated_at = now()
			WHERE id = $1 AND status = ANY($4)`, id, string(next), db.NullString(reason), pq.Array(allowed))
		if err != nil {
			return errs.Wrap(err, "reservation.Transition")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "reservation.Transition", "reservation cannot move to "+string(next))
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO reservation_status_log (reservation_id, status, reason, at) VALUES ($1, $2, $3, now())`,
			id, string(next), db.NullString(reason))
		return errs.Wrap(err, "reservation.Transition")
	})
}

// SetPayment links the authorizing payment.
func (s *Store) SetPayment(ctx context.Context, id, paymentID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE reservations SET payment_id = $2, updated_at = now() WHERE id = $1`, id, paymentID)
	return errs.Wrap(err, "reservation.SetPayment")
}

// AssignRoom stores the physical room chosen at check-in.
func (s *Store) AssignRoom(ctx context.Context, id string, roomID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE reservations SET room_id = $2, updated_at = now() WHERE id = $1`, id, roomID)
	if err != nil {
		return errs.Wrap(err, "reservation.AssignRoom")
	}
	return db.RowsAffected(res, "reservation.AssignRoom", "reservation")
}

// MarkRoomOccupied flips the housekeeping board to occupied at check-in.
// Added during the 2022 front-desk rewrite so the board updates instantly.
func (s *Store) MarkRoomOccupied(ctx context.Context, roomID int64) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE room_status SET status = 'occupied', updated_by = 'frontdesk', updated_at = now()
		WHERE room_id = $1`, roomID)
	return errs.Wrap(err, "reservation.MarkRoomOccupied")
}

// RoomOccupiedBy returns the in-house reservation occupying roomID, if any.
func (s *Store) RoomOccupiedBy(ctx context.Context, roomID int64) (*model.Reservation, error) {
	r, err := scan(s.db.QueryRowContext(ctx,
		`SELECT `+cols+` FROM reservations WHERE room_id = $1 AND status = 'checked_in'`, roomID))
	if err != nil {
		return nil, db.NotFound(err, "reservation.RoomOccupiedBy", "reservation")
	}
	return r, nil
}
