// Package http exposes the catalog over HTTP: public browse/search and the
// promoter event-management endpoints.
package http

import (
	"net/http"
	"time"

	"gatehouse.events/platform/internal/catalog/app"
	"gatehouse.events/platform/internal/catalog/domain"
	"gatehouse.events/platform/internal/catalog/ports"
	"gatehouse.events/platform/internal/catalog/search"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/platform/money"
)

// Handler serves catalog routes.
type Handler struct {
	events *app.EventService
	venues *app.VenueService
	index  *search.Index
	auth   *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(e *app.EventService, v *app.VenueService, ix *search.Index, a *auth.Signer) *Handler {
	return &Handler{events: e, venues: v, index: ix, auth: a}
}

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/events", h.list)
	mux.HandleFunc("GET /v1/events/search", h.search)
	mux.HandleFunc("GET /v1/events/{id}", h.get)
	mux.HandleFunc("POST /v1/venues", h.auth.Require(h.createVenue, auth.RoleStaff))
	mux.HandleFunc("POST /v1/promoter/events", h.auth.Require(h.createEvent, auth.RolePromoter))
	mux.HandleFunc("POST /v1/promoter/events/{id}/publish", h.auth.Require(h.publish, auth.RolePromoter))
	mux.HandleFunc("POST /v1/promoter/events/{id}/cancel", h.auth.Require(h.cancel, auth.RolePromoter))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := ports.OnSaleFilter{City: q.Get("city"), Category: domain.Category(q.Get("category")), Limit: httpx.QueryInt(r, "limit", 50)}
	if from, err := time.Parse(time.DateOnly, q.Get("from")); err == nil {
		f.From = from
	}
	evs, err := h.events.ListOnSale(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": evs})
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	httpx.JSON(w, http.StatusOK, map[string]any{"items": h.index.Query(r.URL.Query().Get("q"), httpx.QueryInt(r, "limit", 20))})
}

type tierDTO struct {
	ID          string   `json:"id,omitempty"`
	Name        string   `json:"name"`
	PriceMinor  int64    `json:"price_minor"`
	Currency    string   `json:"currency"`
	Sections    []string `json:"sections"`
	MaxPerOrder int      `json:"max_per_order"`
}

type eventDTO struct {
	ID          string    `json:"id,omitempty"`
	VenueID     string    `json:"venue_id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Category    string    `json:"category"`
	StartsAt    time.Time `json:"starts_at"`
	DoorsAt     time.Time `json:"doors_at"`
	AgeLimit    int       `json:"age_limit"`
	Status      string    `json:"status,omitempty"`
	Tiers       []tierDTO `json:"tiers"`
}

func toDTO(e *domain.Event) eventDTO {
	d := eventDTO{ID: e.ID, VenueID: e.VenueID, Title: e.Title, Description: e.Description,
		Category: string(e.Category), StartsAt: e.StartsAt, DoorsAt: e.DoorsAt, AgeLimit: e.AgeLimit, Status: string(e.Status)}
	for _, t := range e.PriceTiers {
		d.Tiers = append(d.Tiers, tierDTO{ID: t.ID, Name: t.Name, PriceMinor: t.Price.Amount, Currency: t.Price.Currency, Sections: t.SectionCodes, MaxPerOrder: t.MaxPerOrder})
	}
	return d
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	e, err := h.events.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toDTO(e))
}

func (h *Handler) createEvent(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in eventDTO
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	e := domain.Event{PromoterID: p.PromoterID, VenueID: in.VenueID, Title: in.Title, Description: in.Description,
		Category: domain.Category(in.Category), StartsAt: in.StartsAt, DoorsAt: in.DoorsAt, AgeLimit: in.AgeLimit}
	for _, t := range in.Tiers {
		e.PriceTiers = append(e.PriceTiers, domain.PriceTier{Name: t.Name, Price: money.New(t.PriceMinor, t.Currency), SectionCodes: t.Sections, MaxPerOrder: t.MaxPerOrder})
	}
	created, err := h.events.CreateDraft(r.Context(), e)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toDTO(created))
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	if err := h.events.Publish(r.Context(), p.PromoterID, r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.events.Cancel(r.Context(), p.PromoterID, r.PathValue("id"), in.Reason); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) createVenue(w http.ResponseWriter, r *http.Request) {
	var v domain.Venue
	if err := httpx.Decode(r, &v); err != nil {
		httpx.Error(w, r, err)
		return
	}
	created, err := h.venues.Create(r.Context(), v)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, created)
}
