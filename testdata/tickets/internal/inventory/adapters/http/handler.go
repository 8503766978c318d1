// Package http exposes seat availability and hold management.
package http

import (
	"net/http"
	"time"

	"gatehouse.events/platform/internal/inventory/app"
	"gatehouse.events/platform/internal/inventory/domain"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
)

// Handler serves inventory routes.
type Handler struct {
	holds *app.HoldService
	auth  *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(h *app.HoldService, a *auth.Signer) *Handler { return &Handler{holds: h, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/events/{id}/availability", h.availability)
	mux.HandleFunc("POST /v1/holds", h.auth.Require(h.place, auth.RoleFan))
	mux.HandleFunc("DELETE /v1/holds/{id}", h.auth.Require(h.release, auth.RoleFan))
}

func (h *Handler) availability(w http.ResponseWriter, r *http.Request) {
	av, err := h.holds.Availability(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=5")
	httpx.JSON(w, http.StatusOK, map[string]any{"sections": av})
}

type holdRequest struct {
	EventID       string          `json:"event_id"`
	SeatIDs       []string        `json:"seat_ids"`
	BestAvailable map[string]int  `json:"best_available"`
	GA            []domain.GAItem `json:"ga"`
}

type holdResponse struct {
	ID        string          `json:"id"`
	EventID   string          `json:"event_id"`
	SeatIDs   []string        `json:"seat_ids"`
	GA        []domain.GAItem `json:"ga"`
	Status    string          `json:"status"`
	ExpiresAt time.Time       `json:"expires_at"`
}

func toResponse(hd *domain.Hold) holdResponse {
	return holdResponse{ID: hd.ID, EventID: hd.EventID, SeatIDs: hd.SeatIDs, GA: hd.GA, Status: string(hd.Status), ExpiresAt: hd.ExpiresAt}
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in holdRequest
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	hd, err := h.holds.Place(r.Context(), app.HoldRequest{EventID: in.EventID, SessionID: p.Subject, SeatIDs: in.SeatIDs, BestAvailable: in.BestAvailable, GA: in.GA})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toResponse(hd))
}

func (h *Handler) release(w http.ResponseWriter, r *http.Request) {
	if err := h.holds.Release(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
