package handler

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zipcab/backend/app/common/entity"
	driverservice "github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/modules/driverlocation"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/httpx"
	"github.com/zipcab/backend/pkg/log"
)

// Message is pushed to connected apps.
type Message struct {
	Type     string       `json:"type"` // offer | status | driver_location
	TripID   int64        `json:"trip_id"`
	Offer    *model.Offer `json:"offer,omitempty"`
	Pickup   *geo.Point   `json:"pickup,omitempty"`
	Status   string       `json:"status,omitempty"`
	Location *geo.Point   `json:"location,omitempty"`
	Heading  float64      `json:"heading,omitempty"`
}

// Hub keeps websocket connections for drivers (offers) and riders (tracking).
type Hub struct {
	repo     *repository.TripRepository
	drivers  *driverservice.DriverService
	upgrader websocket.Upgrader

	mu        sync.RWMutex
	driverCon map[int64]*websocket.Conn
	trackers  map[int64][]*websocket.Conn // by trip id
	tripOf    map[int64]int64             // driver id -> active trip id
}

// NewHub returns an empty hub.
func NewHub(repo *repository.TripRepository, drivers *driverservice.DriverService) *Hub {
	return &Hub{
		repo: repo, drivers: drivers,
		driverCon: map[int64]*websocket.Conn{}, trackers: map[int64][]*websocket.Conn{}, tripOf: map[int64]int64{},
	}
}

// SendOffer implements matching.OfferSender.
func (h *Hub) SendOffer(driverID int64, o model.Offer, pickup geo.Point) bool {
	h.mu.RLock()
	c := h.driverCon[driverID]
	h.mu.RUnlock()
	if c == nil {
		return false
	}
	return c.WriteJSON(Message{Type: "offer", TripID: o.TripID, Offer: &o, Pickup: &pickup}) == nil
}

// OnDriverPing forwards driver positions to riders tracking the driver's trip.
func (h *Hub) OnDriverPing(p driverlocation.Ping) {
	h.mu.RLock()
	tripID, ok := h.tripOf[p.DriverID]
	subs := h.trackers[tripID]
	h.mu.RUnlock()
	if !ok {
		return
	}
	pt := p.Point
	for _, c := range subs {
		_ = c.WriteJSON(Message{Type: "driver_location", TripID: tripID, Location: &pt, Heading: p.Heading})
	}
}

// Subscribe pushes trip status changes to trackers.
func (h *Hub) Subscribe(sub events.Subscriber) {
	for _, topic := range []string{events.TripMatched, events.TripStarted, events.TripCompleted, events.TripCancelled, events.TripExpired} {
		topic := topic
		sub.Subscribe(topic, "trips.hub", func(ctx context.Context, e events.Envelope) error {
			var ev struct {
				TripID   int64 `json:"trip_id"`
				DriverID int64 `json:"driver_id"`
			}
			if err := e.Decode(&ev); err != nil {
				return err
			}
			h.mu.Lock()
			switch topic {
			case events.TripMatched:
				h.tripOf[ev.DriverID] = ev.TripID
			case events.TripCompleted, events.TripCancelled, events.TripExpired:
				delete(h.tripOf, ev.DriverID)
			}
			subs := h.trackers[ev.TripID]
			h.mu.Unlock()
			for _, c := range subs {
				_ = c.WriteJSON(Message{Type: "status", TripID: ev.TripID, Status: topic})
			}
			return nil
		})
	}
}

// ServeDriver holds the driver's feed connection open to receive offers.
func (h *Hub) ServeDriver(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	d, err := h.drivers.ForUser(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	h.mu.Lock()
	if old := h.driverCon[d.ID]; old != nil {
		old.Close()
	}
	h.driverCon[d.ID] = c
	h.mu.Unlock()
	if t, ok, _ := h.repo.ActiveForDriver(r.Context(), d.ID); ok {
		h.mu.Lock()
		h.tripOf[d.ID] = t.ID
		h.mu.Unlock()
	}
	h.readUntilClosed(c)
	h.mu.Lock()
	if h.driverCon[d.ID] == c {
		delete(h.driverCon, d.ID)
	}
	h.mu.Unlock()
}

// ServeRider streams status and driver location for one trip.
func (h *Hub) ServeRider(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.repo.Get(r.Context(), id)
	if err != nil || t.RiderID != p.UserID {
		http.NotFound(w, r)
		return
	}
	c, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	_ = c.WriteJSON(Message{Type: "status", TripID: t.ID, Status: string(t.Status)})
	if t.Status.Terminal() {
		c.Close()
		return
	}
	h.mu.Lock()
	h.trackers[t.ID] = append(h.trackers[t.ID], c)
	if t.DriverID != 0 && t.Status != entity.TripRequested {
		h.tripOf[t.DriverID] = t.ID
	}
	h.mu.Unlock()
	h.readUntilClosed(c)
	h.mu.Lock()
	subs := h.trackers[t.ID]
	for i, x := range subs {
		if x == c {
			h.trackers[t.ID] = append(subs[:i], subs[i+1:]...)
			break
		}
	}
	if len(h.trackers[t.ID]) == 0 {
		delete(h.trackers, t.ID)
	}
	h.mu.Unlock()
}

func (h *Hub) readUntilClosed(c *websocket.Conn) {
	defer c.Close()
	for {
		_ = c.SetReadDeadline(time.Now().Add(90 * time.Second))
		if _, _, err := c.ReadMessage(); err != nil {
			log.L().Debug("ws closed", "err", err)
			return
		}
	}
}
