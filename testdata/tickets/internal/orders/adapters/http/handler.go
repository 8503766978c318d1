// Package http exposes checkout and order history.
package http

import (
	"net"
	"net/http"
	"time"

	accountspg "gatehouse.events/platform/internal/accounts/adapters/postgres"
	"gatehouse.events/platform/internal/orders/app"
	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/orders/ports"
	"gatehouse.events/platform/internal/orders/pricing"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// Handler serves order routes.
type Handler struct {
	checkout *app.CheckoutService
	// fans is used by the staff order screen to show the buyer.
	fans *accountspg.FanStore
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(c *app.CheckoutService, fans *accountspg.FanStore, a *auth.Signer) *Handler {
	return &Handler{checkout: c, fans: fans, auth: a}
}

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/checkout", h.auth.Require(h.start, auth.RoleFan))
	mux.HandleFunc("GET /v1/me/orders", h.auth.Require(h.mine, auth.RoleFan))
	mux.HandleFunc("GET /v1/me/orders/{id}", h.auth.Require(h.get, auth.RoleFan))
	mux.HandleFunc("GET /v1/admin/orders/{id}", h.auth.Require(h.staffView, auth.RoleStaff))
}

type checkoutRequest struct {
	EventID       string         `json:"event_id"`
	SeatIDs       []string       `json:"seat_ids"`
	BestAvailable map[string]int `json:"best_available"`
	GA            []struct {
		Section     string `json:"section"`
		PriceTierID string `json:"price_tier_id"`
		Qty         int    `json:"qty"`
	} `json:"ga"`
	Country string `json:"country"`
	CardBIN string `json:"card_bin"`
}

type lineDTO struct {
	No      int         `json:"no"`
	SeatID  string      `json:"seat_id,omitempty"`
	Section string      `json:"section"`
	Price   money.Money `json:"price"`
}

type orderDTO struct {
	ID        string            `json:"id"`
	Reference string            `json:"reference"`
	EventID   string            `json:"event_id"`
	Status    model.OrderStatus `json:"status"`
	Lines     []lineDTO         `json:"lines,omitempty"`
	Fees      map[string]string `json:"fees,omitempty"`
	Total     string            `json:"total"`
	CreatedAt time.Time         `json:"created_at"`
	ExpiresAt time.Time         `json:"expires_at"`
}

func toDTO(o *domain.Order) orderDTO {
	d := orderDTO{ID: o.ID, Reference: o.Reference, EventID: o.EventID, Status: o.Status, Total: o.Total.String(), CreatedAt: o.CreatedAt, ExpiresAt: o.ExpiresAt}
	for _, l := range o.Lines {
		d.Lines = append(d.Lines, lineDTO{No: l.No, SeatID: l.SeatID, Section: l.Section, Price: l.Price})
	}
	if len(o.Fees) > 0 {
		d.Fees = map[string]string{}
		for k, v := range pricing.Breakdown(o.Fees) {
			d.Fees[string(k)] = v.String()
		}
	}
	return d
}

func clientIP(r *http.Request) string {
	if f := r.Header.Get("X-Forwarded-For"); f != "" {
		return f
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

func (h *Handler) start(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in checkoutRequest
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ci := app.CheckoutInput{FanID: p.Subject, EventID: in.EventID, SeatIDs: in.SeatIDs, BestAvailable: in.BestAvailable,
		Country: in.Country, IP: clientIP(r), CardBIN: in.CardBIN}
	for _, g := range in.GA {
		ci.GA = append(ci.GA, ports.GAUnit{Section: g.Section, PriceTierID: g.PriceTierID, Qty: g.Qty})
	}
	res, err := h.checkout.Start(r.Context(), ci)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"order": toDTO(res.Order), "client_secret": res.ClientSecret})
}

func (h *Handler) mine(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	os, err := h.checkout.ListForFan(r.Context(), p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]orderDTO, 0, len(os))
	for _, o := range os {
		out = append(out, toDTO(o))
	}
	httpx.JSON(w, http.StatusOK, model.Page[orderDTO]{Items: out})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	o, err := h.checkout.Get(r.Context(), p.Subject, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toDTO(o))
}

func (h *Handler) staffView(w http.ResponseWriter, r *http.Request) {
	o, err := h.checkout.Get(r.Context(), "", r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	buyer, err := h.fans.Profile(r.Context(), o.FanID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"order": toDTO(o), "buyer": buyer})
}
