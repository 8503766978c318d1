// Package sync pushes availability, rates and inventory (ARI) to the OTAs
// whenever they change, plus a nightly full refresh.
package sync

import (
	"context"
	"errors"
	"time"

	"github.com/staybright/platform/internal/channel/mapping"
	"github.com/staybright/platform/internal/channel/ota"
	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/store/rateplan"
)

const batchSize = 200

// Availability reads the inventory calendar.
type Availability interface {
	Calendar(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) ([]model.InventoryDay, error)
}

// Pusher builds and sends ARI updates.
type Pusher struct {
	maps    *mapping.Store
	avail   Availability
	rates   *rateplan.Store
	clients ota.Registry
	clock   clock.Clock
	horizon int
	log     *log.Logger
}

// New builds a Pusher. horizon is how many days ahead the full refresh covers.
func New(m *mapping.Store, a Availability, rates *rateplan.Store, clients ota.Registry, c clock.Clock, horizon int, l *log.Logger) *Pusher {
	return &Pusher{maps: m, avail: a, rates: rates, clients: clients, clock: c, horizon: horizon, log: l.Component("channel.sync")}
}

// Subscribe pushes on every availability or rate change.
func (p *Pusher) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicAvailabilityChanged, "channel.sync.availability", func(ctx context.Context, e events.Event) error {
		ev := e.(model.AvailabilityChanged)
		return p.PushRange(ctx, ev.HotelID, ev.RoomTypeID, clock.Range{From: ev.From, To: ev.To})
	})
	bus.Subscribe(model.TopicRatesChanged, "channel.sync.rates", func(ctx context.Context, e events.Event) error {
		ev := e.(model.RatesChanged)
		return p.PushRange(ctx, ev.HotelID, ev.RoomTypeID, clock.Range{From: ev.From, To: ev.To})
	})
}

// PushRange sends ARI for one room type over r to every mapped channel.
func (p *Pusher) PushRange(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) error {
	maps, err := p.maps.ForRoomType(ctx, hotelID, roomTypeID)
	if err != nil || len(maps) == 0 {
		return err
	}
	days, err := p.avail.Calendar(ctx, hotelID, roomTypeID, r)
	if err != nil {
		return err
	}
	byChannel := map[string][]ota.ARIUpdate{}
	conn := map[string]int64{}
	for _, m := range maps {
		prices, err := p.prices(ctx, m, r)
		if err != nil {
			return err
		}
		for _, d := range days {
			u := ota.ARIUpdate{HotelRef: m.HotelRef, RoomRef: m.RoomRef, RateRef: m.RateRef, Day: d.Day,
				Available: d.Available(), Closed: d.Closed}
			if pr, ok := prices[clock.Day(d.Day)]; ok {
				u.PriceCents, u.Currency = pr.AmountCents, pr.Currency
			}
			byChannel[m.Channel] = append(byChannel[m.Channel], u)
		}
		conn[m.Channel] = m.ConnectionID
	}
	var errsOut []error
	for ch, updates := range byChannel {
		client, err := p.clients.Get(ch)
		if err != nil {
			errsOut = append(errsOut, err)
			continue
		}
		for _, batch := range ota.Chunk(updates, batchSize) {
			perr := client.PushARI(ctx, batch)
			msg := ""
			if perr != nil {
				msg = perr.Error()
				errsOut = append(errsOut, perr)
			}
			if err := p.maps.LogSync(ctx, conn[ch], "ari_push", len(batch), msg); err != nil {
				p.log.Warn("sync log failed", "err", err)
			}
		}
	}
	return errors.Join(errsOut...)
}

// prices reads the loaded rate grid for the mapped plan. OTAs get the
// loaded BAR price; dynamic rules are applied by the OTA's own yield tools.
func (p *Pusher) prices(ctx context.Context, m mapping.Mapping, r clock.Range) (map[time.Time]rateplan.DailyRate, error) {
	list, err := p.rates.Rates(ctx, m.RoomTypeID, m.RatePlanID, r)
	if err != nil {
		return nil, err
	}
	out := make(map[time.Time]rateplan.DailyRate, len(list))
	for _, d := range list {
		out[clock.Day(d.Day)] = d
	}
	return out, nil
}

// FullRefreshJob re-sends the whole horizon for every connected hotel,
// correcting any drift from missed pushes.
type FullRefreshJob struct{ P *Pusher }

// Name implements the worker job interface.
func (FullRefreshJob) Name() string { return "channel-full-refresh" }

// Run implements the worker job interface.
func (j FullRefreshJob) Run(ctx context.Context) error {
	p := j.P
	hotels, err := p.maps.ActiveHotels(ctx)
	if err != nil {
		return err
	}
	today := clock.Day(p.clock.Now())
	r := clock.Range{From: today, To: today.AddDate(0, 0, p.horizon)}
	for _, h := range hotels {
		maps, err := p.maps.ForHotel(ctx, h)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, m := range maps {
			if seen[m.RoomTypeID] {
				continue
			}
			seen[m.RoomTypeID] = true
			if err := p.PushRange(ctx, h, m.RoomTypeID, r); err != nil {
				p.log.Error("full refresh failed", "hotel_id", h, "room_type_id", m.RoomTypeID, "err", err)
			}
		}
	}
	return nil
}
