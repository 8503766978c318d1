// Package inventory is the catalogue of hotels, room types and rooms.
package inventory

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/store/availability"
	"github.com/staybright/platform/internal/store/hotel"
	"github.com/staybright/platform/internal/store/roomtype"
)

var hotelCode = regexp.MustCompile(`^[A-Z]{3}[0-9]{2}$`)

// Service manages the hotel catalogue.
type Service struct {
	hotels *hotel.Store
	types  *roomtype.Store
	avail  *availability.Store
	bus    events.Publisher
	clock  clock.Clock
	log    *log.Logger
}

// New builds the catalogue service.
func New(h *hotel.Store, t *roomtype.Store, a *availability.Store, bus events.Publisher, c clock.Clock, l *log.Logger) *Service {
	return &Service{hotels: h, types: t, avail: a, bus: bus, clock: c, log: l.Component("inventory")}
}

// HotelDetail is a hotel with its room types.
type HotelDetail struct {
	model.Hotel
	RoomTypes []model.RoomType `json:"room_types"`
}

// ListHotels returns active hotels, optionally filtered by city.
func (s *Service) ListHotels(ctx context.Context, city string) ([]model.Hotel, error) {
	return s.hotels.List(ctx, true, city)
}

// AllHotels returns every hotel including inactive ones (admin).
func (s *Service) AllHotels(ctx context.Context) ([]model.Hotel, error) {
	return s.hotels.List(ctx, false, "")
}

// Hotel returns a single hotel.
func (s *Service) Hotel(ctx context.Context, id int64) (*model.Hotel, error) {
	return s.hotels.Get(ctx, id)
}

// GetHotel returns a hotel and its room types.
func (s *Service) GetHotel(ctx context.Context, id int64) (*HotelDetail, error) {
	h, err := s.hotels.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	rts, err := s.types.ListByHotel(ctx, id)
	if err != nil {
		return nil, err
	}
	return &HotelDetail{Hotel: *h, RoomTypes: rts}, nil
}

// CreateHotel validates and stores a new hotel.
func (s *Service) CreateHotel(ctx context.Context, h *model.Hotel) error {
	h.Code = strings.ToUpper(strings.TrimSpace(h.Code))
	if !hotelCode.MatchString(h.Code) {
		return errs.E(errs.Invalid, "inventory.CreateHotel", "hotel code must look like LIS01")
	}
	if h.Name == "" || h.City == "" || len(h.Country) != 2 {
		return errs.E(errs.Invalid, "inventory.CreateHotel", "name, city and 2-letter country are required")
	}
	if _, err := time.LoadLocation(h.Timezone); err != nil {
		return errs.E(errs.Invalid, "inventory.CreateHotel", "unknown timezone "+h.Timezone)
	}
	if len(h.Currency) != 3 {
		return errs.E(errs.Invalid, "inventory.CreateHotel", "currency must be ISO 4217")
	}
	if h.CheckInAt == "" {
		h.CheckInAt = "15:00"
	}
	if h.CheckOutAt == "" {
		h.CheckOutAt = "11:00"
	}
	if err := s.hotels.Create(ctx, h); err != nil {
		return err
	}
	if len(h.Amenities) > 0 {
		if err := s.hotels.SetAmenities(ctx, h.ID, h.Amenities); err != nil {
			return err
		}
	}
	s.log.Info("hotel created", "hotel_id", h.ID, "code", h.Code)
	return nil
}

// AddRoomType creates a room type in a hotel.
func (s *Service) AddRoomType(ctx context.Context, rt *model.RoomType) error {
	if rt.MaxOccupancy < 1 || rt.MaxOccupancy > 8 {
		return errs.E(errs.Invalid, "inventory.AddRoomType", "max occupancy must be 1-8")
	}
	if rt.BaseRateCents <= 0 {
		return errs.E(errs.Invalid, "inventory.AddRoomType", "base rate must be positive")
	}
	if _, err := s.hotels.Get(ctx, rt.HotelID); err != nil {
		return err
	}
	rt.Code = strings.ToUpper(rt.Code)
	return s.types.Create(ctx, rt)
}

// AddRoom registers a physical room and grows sellable inventory.
func (s *Service) AddRoom(ctx context.Context, room *model.Room) error {
	rt, err := s.types.Get(ctx, room.RoomTypeID)
	if err != nil {
		return err
	}
	if rt.HotelID != room.HotelID {
		return errs.E(errs.Invalid, "inventory.AddRoom", "room type belongs to another hotel")
	}
	if err := s.types.CreateRoom(ctx, room); err != nil {
		return err
	}
	today := clock.Day(s.clock.Now())
	if err := s.avail.SetTotal(ctx, room.HotelID, room.RoomTypeID, today, rt.TotalRooms+1); err != nil {
		return err
	}
	s.bus.Publish(ctx, model.AvailabilityChanged{
		HotelID: room.HotelID, RoomTypeID: room.RoomTypeID, From: today, To: today.AddDate(1, 0, 0),
	})
	return nil
}

// RoomType returns a room type.
func (s *Service) RoomType(ctx context.Context, id int64) (*model.RoomType, error) {
	return s.types.Get(ctx, id)
}

// RoomTypes returns the room types of a hotel.
func (s *Service) RoomTypes(ctx context.Context, hotelID int64) ([]model.RoomType, error) {
	return s.types.ListByHotel(ctx, hotelID)
}

// Rooms returns the physical rooms of a hotel.
func (s *Service) Rooms(ctx context.Context, hotelID int64) ([]model.Room, error) {
	return s.types.ListRooms(ctx, hotelID)
}

// Room returns a single physical room.
func (s *Service) Room(ctx context.Context, id int64) (*model.Room, error) {
	return s.types.GetRoom(ctx, id)
}

// BaseRate returns the rack rate of a room type in the hotel's currency.
// Pricing uses it when no daily rate is loaded.
func (s *Service) BaseRate(ctx context.Context, roomTypeID int64) (money.Money, error) {
	rt, err := s.types.Get(ctx, roomTypeID)
	if err != nil {
		return money.Money{}, err
	}
	h, err := s.hotels.Get(ctx, rt.HotelID)
	if err != nil {
		return money.Money{}, err
	}
	return money.New(rt.BaseRateCents, h.Currency), nil
}
