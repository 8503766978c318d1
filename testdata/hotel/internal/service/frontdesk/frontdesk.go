// Package frontdesk implements arrivals, check-in and check-out.
package frontdesk

import (
	"context"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/store/reservation"
)

// Rooms looks up physical rooms.
type Rooms interface {
	Room(ctx context.Context, id int64) (*model.Room, error)
	Hotel(ctx context.Context, id int64) (*model.Hotel, error)
}

// Board tells whether a room is ready for the next guest.
type Board interface {
	Status(ctx context.Context, roomID int64) (model.RoomStatus, error)
}

// Charger captures the stay at check-out.
type Charger interface {
	Get(ctx context.Context, id string) (*model.Payment, error)
	Capture(ctx context.Context, paymentID string, amount money.Money) (*model.Payment, error)
}

// Service is the front-desk workflow.
type Service struct {
	store *reservation.Store
	rooms Rooms
	board Board
	pay   Charger
	bus   events.Publisher
	clock clock.Clock
	log   *log.Logger
}

// New builds the service.
func New(s *reservation.Store, rooms Rooms, board Board, pay Charger, bus events.Publisher, c clock.Clock, l *log.Logger) *Service {
	return &Service{store: s, rooms: rooms, board: board, pay: pay, bus: bus, clock: c, log: l.Component("frontdesk")}
}

// Arrivals lists today's (or day's) arrivals.
func (s *Service) Arrivals(ctx context.Context, hotelID int64, day time.Time) ([]model.Reservation, error) {
	if day.IsZero() {
		h, err := s.rooms.Hotel(ctx, hotelID)
		if err != nil {
			return nil, err
		}
		day = clock.InZone(s.clock.Now(), h.Timezone)
	}
	return s.store.ListArrivals(ctx, hotelID, day)
}

// InHouse lists checked-in reservations.
func (s *Service) InHouse(ctx context.Context, hotelID int64) ([]model.Reservation, error) {
	return s.store.ListInHouse(ctx, hotelID)
}

// CheckIn assigns roomID and checks the guest in.
func (s *Service) CheckIn(ctx context.Context, reservationID string, roomID int64) (*model.Reservation, error) {
	const op = "frontdesk.CheckIn"
	r, err := s.store.Get(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	if r.Status != model.StatusConfirmed {
		return nil, errs.E(errs.Conflict, op, "reservation is "+string(r.Status))
	}
	h, err := s.rooms.Hotel(ctx, r.HotelID)
	if err != nil {
		return nil, err
	}
	today := clock.InZone(s.clock.Now(), h.Timezone)
	if today.Before(clock.Day(r.CheckIn)) {
		return nil, errs.E(errs.Invalid, op, "arrival date is "+clock.FormatDate(r.CheckIn))
	}
	room, err := s.rooms.Room(ctx, roomID)
	if err != nil {
		return nil, err
	}
	if room.HotelID != r.HotelID {
		return nil, errs.E(errs.Invalid, op, "room is in another hotel")
	}
	if room.RoomTypeID != r.RoomTypeID {
		s.log.Info("room type change at check-in", "reservation_id", r.ID, "booked", r.RoomTypeID, "given", room.RoomTypeID)
	}
	st, err := s.board.Status(ctx, roomID)
	if err != nil {
		return nil, err
	}
	if st != model.RoomClean && st != model.RoomInspected {
		return nil, errs.E(errs.Conflict, op, "room "+room.Number+" is "+string(st))
	}
	if other, err := s.store.RoomOccupiedBy(ctx, roomID); err == nil {
		return nil, errs.E(errs.Conflict, op, "room is occupied by "+other.ConfirmationCode)
	}
	if err := s.store.AssignRoom(ctx, r.ID, roomID); err != nil {
		return nil, err
	}
	if err := s.store.Transition(ctx, r.ID, []model.ReservationStatus{model.StatusConfirmed}, model.StatusCheckedIn, ""); err != nil {
		return nil, err
	}
	if err := s.store.MarkRoomOccupied(ctx, roomID); err != nil {
		s.log.Warn("could not update room board", "room_id", roomID, "err", err)
	}
	r.RoomID, r.Status = roomID, model.StatusCheckedIn
	s.bus.Publish(ctx, model.GuestCheckedIn{Reservation: *r, RoomID: roomID})
	return r, nil
}

// CheckOut captures the stay and checks the guest out.
func (s *Service) CheckOut(ctx context.Context, reservationID string) (*model.Reservation, error) {
	r, err := s.store.Get(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	if r.Status != model.StatusCheckedIn {
		return nil, errs.E(errs.Conflict, "frontdesk.CheckOut", "guest is not checked in")
	}
	if r.PaymentID != "" {
		p, err := s.pay.Get(ctx, r.PaymentID)
		if err != nil {
			return nil, err
		}
		if p.Status == model.PaymentAuthorized {
			if _, err := s.pay.Capture(ctx, p.ID, money.New(r.TotalCents, r.Currency)); err != nil {
				return nil, err
			}
		}
	}
	if err := s.store.Transition(ctx, r.ID, []model.ReservationStatus{model.StatusCheckedIn}, model.StatusCheckedOut, ""); err != nil {
		return nil, err
	}
	r.Status = model.StatusCheckedOut
	s.bus.Publish(ctx, model.GuestCheckedOut{Reservation: *r, RoomID: r.RoomID, At: s.clock.Now()})
	return r, nil
}
