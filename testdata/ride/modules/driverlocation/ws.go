package driverlocation

import (
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/httpx"
	"github.com/zipcab/backend/pkg/log"
)

// DriverResolver maps an auth user to a driver id.
type DriverResolver interface {
	DriverIDForUser(r *http.Request, userID int64) (int64, error)
}

// Watcher is notified of every accepted ping (e.g. the trip tracker fan-out).
type Watcher func(p Ping)

// Handler serves the driver location websocket.
type Handler struct {
	store    *Store
	resolve  DriverResolver
	upgrader websocket.Upgrader
	mu       sync.RWMutex
	watchers []Watcher
}

// NewHandler returns a handler.
func NewHandler(store *Store, resolve DriverResolver) *Handler {
	return &Handler{
		store:    store,
		resolve:  resolve,
		upgrader: websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024},
	}
}

// Watch registers a watcher.
func (h *Handler) Watch(w Watcher) {
	h.mu.Lock()
	h.watchers = append(h.watchers, w)
	h.mu.Unlock()
}

// Register mounts the routes.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	mux.Handle("GET /v1/driver/location/stream", signer.Middleware(auth.RoleDriver)(http.HandlerFunc(h.stream)))
}

type ack struct {
	Accepted bool  `json:"accepted"`
	Seq      int64 `json:"seq"`
}

func (h *Handler) stream(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	driverID, err := h.resolve.DriverIDForUser(r, p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	l := log.From(r.Context()).With("driver_id", driverID)
	l.Info("location stream opened")
	var seq int64
	for {
		_ = conn.SetReadDeadline(time.Now().Add(60 * time.Second))
		var ping Ping
		if err := conn.ReadJSON(&ping); err != nil {
			l.Info("location stream closed", "err", err)
			return
		}
		seq++
		ping.DriverID = driverID
		if ping.Timestamp.IsZero() {
			ping.Timestamp = time.Now()
		}
		ok := h.store.Record(ping)
		if ok {
			h.mu.RLock()
			for _, wt := range h.watchers {
				wt(ping)
			}
			h.mu.RUnlock()
		}
		if err := conn.WriteJSON(ack{Accepted: ok, Seq: seq}); err != nil {
			return
		}
	}
}
