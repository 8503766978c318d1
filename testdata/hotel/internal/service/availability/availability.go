// Package availability answers "what can we sell?" and holds inventory for
// reservations.
package availability

import (
	"context"
	"sort"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	availstore "github.com/staybright/platform/internal/store/availability"
	"github.com/staybright/platform/internal/store/hotel"
	"github.com/staybright/platform/internal/store/roomtype"
)

// MaxStay is the longest bookable stay.
const MaxStay = 30

// Service computes availability.
type Service struct {
	store  *availstore.Store
	hotels *hotel.Store
	types  *roomtype.Store
	bus    events.Publisher
	log    *log.Logger
}

// New builds the service.
func New(s *availstore.Store, h *hotel.Store, t *roomtype.Store, bus events.Publisher, l *log.Logger) *Service {
	return &Service{store: s, hotels: h, types: t, bus: bus, log: l.Component("availability")}
}

// Option is one sellable room type for a search.
type Option struct {
	Hotel     model.Hotel    `json:"hotel"`
	RoomType  model.RoomType `json:"room_type"`
	Available int            `json:"available"`
}

// Search returns room types with at least one room free for every night.
func (s *Service) Search(ctx context.Context, city string, r clock.Range, guests int) ([]Option, error) {
	if r.Nights() > MaxStay {
		return nil, errs.E(errs.Invalid, "availability.Search", "stays are limited to 30 nights")
	}
	hotels, err := s.hotels.List(ctx, true, city)
	if err != nil {
		return nil, err
	}
	var out []Option
	for _, h := range hotels {
		cal, err := s.store.RangeHotel(ctx, h.ID, r)
		if err != nil {
			return nil, err
		}
		types, err := s.types.ListByHotel(ctx, h.ID)
		if err != nil {
			return nil, err
		}
		for _, rt := range types {
			if rt.MaxOccupancy < guests {
				continue
			}
			if n := minAvailable(cal[rt.ID], r.Nights()); n > 0 {
				out = append(out, Option{Hotel: h, RoomType: rt, Available: n})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RoomType.BaseRateCents < out[j].RoomType.BaseRateCents })
	return out, nil
}

// Calendar returns raw calendar rows (revenue managers, channel sync).
func (s *Service) Calendar(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) ([]model.InventoryDay, error) {
	return s.store.Range(ctx, hotelID, roomTypeID, r)
}

// Reserve takes one room of a type for every night of r.
func (s *Service) Reserve(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) error {
	if err := s.store.Reserve(ctx, s.store.DB(), hotelID, roomTypeID, r, 1); err != nil {
		return err
	}
	s.changed(ctx, hotelID, roomTypeID, r)
	return nil
}

// Release gives a room back.
func (s *Service) Release(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) error {
	if err := s.store.Release(ctx, s.store.DB(), hotelID, roomTypeID, r, 1); err != nil {
		return err
	}
	s.changed(ctx, hotelID, roomTypeID, r)
	return nil
}

// CloseOut stops (or restarts) sales of a room type for a range.
func (s *Service) CloseOut(ctx context.Context, hotelID, roomTypeID int64, r clock.Range, closed bool) error {
	rt, err := s.types.Get(ctx, roomTypeID)
	if err != nil {
		return err
	}
	if rt.HotelID != hotelID {
		return errs.E(errs.Invalid, "availability.CloseOut", "room type belongs to another hotel")
	}
	if err := s.store.SetClosed(ctx, hotelID, roomTypeID, r, closed); err != nil {
		return err
	}
	s.log.Info("close-out changed", "hotel_id", hotelID, "room_type_id", roomTypeID, "range", r.String(), "closed", closed)
	s.changed(ctx, hotelID, roomTypeID, r)
	return nil
}

// Occupancy returns the occupancy ratio of a hotel for a night.
func (s *Service) Occupancy(ctx context.Context, hotelID int64, r clock.Range) (float64, error) {
	return s.store.Occupancy(ctx, hotelID, r.From)
}

func (s *Service) changed(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) {
	s.bus.Publish(ctx, model.AvailabilityChanged{HotelID: hotelID, RoomTypeID: roomTypeID, From: r.From, To: r.To})
}

func minAvailable(days []model.InventoryDay, nights int) int {
	if len(days) < nights || nights == 0 {
		return 0
	}
	min := days[0].Available()
	for _, d := range days[1:] {
		if a := d.Available(); a < min {
			min = a
		}
	}
	return min
}
