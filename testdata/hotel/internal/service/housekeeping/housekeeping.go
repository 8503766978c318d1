// Package housekeeping plans and tracks room cleaning and the room board.
package housekeeping

import (
	"context"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	hkstore "github.com/staybright/platform/internal/store/housekeeping"
)

// Catalog gives housekeeping the list of hotels and rooms.
type Catalog interface {
	AllHotels(ctx context.Context) ([]model.Hotel, error)
	Hotel(ctx context.Context, id int64) (*model.Hotel, error)
	Rooms(ctx context.Context, hotelID int64) ([]model.Room, error)
	Room(ctx context.Context, id int64) (*model.Room, error)
}

// Service is the housekeeping service.
type Service struct {
	store   *hkstore.Store
	catalog Catalog
	bus     events.Publisher
	clock   clock.Clock
	log     *log.Logger
}

// New builds the service.
func New(s *hkstore.Store, c Catalog, bus events.Publisher, clk clock.Clock, l *log.Logger) *Service {
	return &Service{store: s, catalog: c, bus: bus, clock: clk, log: l.Component("housekeeping")}
}

// Subscribe wires housekeeping to stay events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicGuestCheckedOut, "housekeeping.departure", s.onCheckedOut)
}

func (s *Service) onCheckedOut(ctx context.Context, e events.Event) error {
	ev, ok := e.(model.GuestCheckedOut)
	if !ok || ev.RoomID == 0 {
		return nil
	}
	if err := s.setStatus(ctx, ev.Reservation.HotelID, ev.RoomID, model.RoomDirty, "system"); err != nil {
		return err
	}
	_, err := s.store.CreateTask(ctx, &hkstore.Task{
		HotelID: ev.Reservation.HotelID, RoomID: ev.RoomID, Day: clock.Day(ev.At),
		Kind: hkstore.KindDepartureClean, Priority: 1,
	})
	return err
}

// Status implements the front desk's Board interface.
func (s *Service) Status(ctx context.Context, roomID int64) (model.RoomStatus, error) {
	return s.store.RoomStatus(ctx, roomID)
}

// BoardRow is one room on the board.
type BoardRow struct {
	Room   model.Room       `json:"room"`
	Status model.RoomStatus `json:"status"`
}

// Board returns every room with its status.
func (s *Service) Board(ctx context.Context, hotelID int64) ([]BoardRow, error) {
	rooms, err := s.catalog.Rooms(ctx, hotelID)
	if err != nil {
		return nil, err
	}
	statuses, err := s.store.HotelStatuses(ctx, hotelID)
	if err != nil {
		return nil, err
	}
	out := make([]BoardRow, 0, len(rooms))
	for _, r := range rooms {
		st, ok := statuses[r.ID]
		if !ok {
			st = model.RoomClean
		}
		out = append(out, BoardRow{Room: r, Status: st})
	}
	return out, nil
}

// Tasks returns the day's task list.
func (s *Service) Tasks(ctx context.Context, hotelID int64, day time.Time) ([]hkstore.Task, error) {
	if day.IsZero() {
		day = clock.Day(s.clock.Now())
	}
	return s.store.Tasks(ctx, hotelID, day)
}

// PlanDay creates stayover cleans for occupied rooms not departing today.
func (s *Service) PlanDay(ctx context.Context, hotelID int64, day time.Time) (int, error) {
	occupied, err := s.store.InHouseRooms(ctx, hotelID)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, o := range occupied {
		if !clock.Day(o.CheckOut).After(day) {
			continue // departure clean will be created at check-out
		}
		ok, err := s.store.CreateTask(ctx, &hkstore.Task{HotelID: hotelID, RoomID: o.RoomID, Day: day,
			Kind: hkstore.KindStayover, Priority: 3})
		if err != nil {
			return created, err
		}
		if ok {
			created++
		}
	}
	return created, nil
}

// Complete finishes a task and advances the room's status.
func (s *Service) Complete(ctx context.Context, taskID int64, staffID, notes string) (*hkstore.Task, error) {
	t, err := s.store.GetTask(ctx, taskID)
	if err != nil {
		return nil, err
	}
	if t.Status == hkstore.TaskDone {
		return t, nil
	}
	now := s.clock.Now()
	t.Status, t.CompletedAt, t.Notes = hkstore.TaskDone, &now, notes
	if t.AssignedTo == "" {
		t.AssignedTo = staffID
	}
	if err := s.store.UpdateTask(ctx, t); err != nil {
		return nil, err
	}
	switch t.Kind {
	case hkstore.KindDepartureClean:
		if err := s.setStatus(ctx, t.HotelID, t.RoomID, model.RoomClean, staffID); err != nil {
			return nil, err
		}
		_, err = s.store.CreateTask(ctx, &hkstore.Task{HotelID: t.HotelID, RoomID: t.RoomID, Day: t.Day,
			Kind: hkstore.KindInspection, Priority: 2})
	case hkstore.KindInspection:
		err = s.setStatus(ctx, t.HotelID, t.RoomID, model.RoomInspected, staffID)
	case hkstore.KindMaintenance:
		err = s.setStatus(ctx, t.HotelID, t.RoomID, model.RoomDirty, staffID)
	}
	return t, err
}

func (s *Service) setStatus(ctx context.Context, hotelID, roomID int64, st model.RoomStatus, by string) error {
	if err := s.store.SetRoomStatus(ctx, hotelID, roomID, st, by); err != nil {
		return err
	}
	s.bus.Publish(ctx, model.RoomStatusChanged{HotelID: hotelID, RoomID: roomID, Status: st})
	return nil
}

// DailyPlanJob creates stayover tasks for every hotel each morning.
type DailyPlanJob struct{ Svc *Service }

// Name implements the worker job interface.
func (DailyPlanJob) Name() string { return "housekeeping-daily-plan" }

// Run implements the worker job interface.
func (j DailyPlanJob) Run(ctx context.Context) error {
	hotels, err := j.Svc.catalog.AllHotels(ctx)
	if err != nil {
		return err
	}
	for _, h := range hotels {
		if !h.Active {
			continue
		}
		day := clock.InZone(j.Svc.clock.Now(), h.Timezone)
		n, err := j.Svc.PlanDay(ctx, h.ID, day)
		if err != nil {
			j.Svc.log.Error("plan day failed", "hotel", h.Code, "err", err)
			continue
		}
		j.Svc.log.Info("stayovers planned", "hotel", h.Code, "tasks", n)
	}
	return nil
}
