package fulfilment

import (
	"net/http"
	"strings"

	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/shipping/store"
)

// Handler serves the shipping endpoints.
type Handler struct {
	svc *Service
	log *log.Logger
}

// NewHandler returns the shipping handler.
func NewHandler(svc *Service, logger *log.Logger) *Handler {
	return &Handler{svc: svc, log: logger.Named("fulfilment.http")}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux, admin httpx.Middleware) {
	mux.Handle("GET /shipping/quote", httpx.Handle(h.log, h.quote))
	mux.Handle("GET /shipments/{id}", httpx.Handle(h.log, h.shipment))
	mux.Handle("POST /admin/orders/{id}/fulfil", admin(httpx.Handle(h.log, h.fulfil)))
}

// quote answers GET /shipping/quote?country=DE&item=SKU:2&item=SKU2:1.
func (h *Handler) quote(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	country := strings.ToUpper(q.Get("country"))
	if len(country) != 2 {
		return errs.Invalid("fulfilment.quote", "country must be an ISO country code")
	}
	var lines []store.Line
	for _, item := range q["item"] {
		sku, qtyText, _ := strings.Cut(item, ":")
		qty := 1
		if qtyText != "" {
			n, err := parsePositive(qtyText)
			if err != nil {
				return errs.Invalid("fulfilment.quote", "bad quantity in %q", item)
			}
			qty = n
		}
		lines = append(lines, store.Line{SKU: sku, Quantity: qty})
	}
	if len(lines) == 0 {
		return errs.Invalid("fulfilment.quote", "at least one item is required")
	}
	options, err := h.svc.Quote(r.Context(), country, lines)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"options": options})
	return nil
}

func (h *Handler) shipment(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.svc.store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	events, err := h.svc.store.Tracking(r.Context(), sh.ID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{
		"id": sh.ID, "order_id": sh.OrderID, "status": sh.Status, "carrier": sh.Carrier,
		"tracking_number": sh.TrackingNumber, "parcels": len(sh.Parcels), "events": events,
	})
	return nil
}

func (h *Handler) fulfil(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.svc.Fulfil(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"shipment": sh.ID, "tracking_number": sh.TrackingNumber})
	return nil
}

func parsePositive(s string) (int, error) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, errs.Invalid("fulfilment", "not a number")
		}
		n = n*10 + int(r-'0')
		if n > 999 {
			return 0, errs.Invalid("fulfilment", "too large")
		}
	}
	if n == 0 {
		return 0, errs.Invalid("fulfilment", "must be positive")
	}
	return n, nil
}
