// Package api serves the kitchen display screens.
package api

import (
	"context"
	"net/http"
	"time"

	"tablecraft.io/ops/internal/kitchen/display"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
)

// Handler serves /kds routes.
type Handler struct {
	KDS *display.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /kds/{loc}/queue", httpx.Func(http.StatusOK, h.queue))
	mux.HandleFunc("GET /kds/{loc}/load", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		return h.KDS.Load(r.Context(), loc)
	}))
	mux.HandleFunc("POST /kds/tickets/{id}/start", h.action(h.KDS.Start))
	mux.HandleFunc("POST /kds/tickets/{id}/bump", h.action(h.KDS.Bump))
	mux.HandleFunc("POST /kds/tickets/{id}/recall", h.action(h.KDS.Recall))
}

// queue long-polls: it waits up to ?wait=N seconds for the queue to change
// from the ?since ticket count the screen already shows.
func (h *Handler) queue(r *http.Request) (any, error) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		return nil, err
	}
	station := r.URL.Query().Get("station")
	wait, _ := time.ParseDuration(r.URL.Query().Get("wait") + "s")
	since := r.URL.Query().Get("since")
	deadline := time.Now().Add(min(wait, 25*time.Second))
	for {
		ts, err := h.KDS.Station(r.Context(), loc, station)
		if err != nil {
			return nil, err
		}
		if since == "" || signature(ts) != since || time.Now().After(deadline) {
			return map[string]any{"tickets": ts, "signature": signature(ts)}, nil
		}
		select {
		case <-r.Context().Done():
			return nil, r.Context().Err()
		case <-time.After(time.Second):
		}
	}
}

func signature(ts []models.Ticket) string {
	var sig int64
	for _, t := range ts {
		sig = sig*31 + t.ID
		if t.Status == "in_progress" {
			sig++
		}
	}
	return time.Unix(sig%1e9, 0).UTC().Format("150405")
}

func (h *Handler) action(fn func(ctx context.Context, id int64) error) http.HandlerFunc {
	return httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return nil, fn(r.Context(), id)
	})
}
