// Package inventory exposes stock endpoints for pharmacy staff.
package inventory

import (
	"net/http"
	"time"

	app "rxnow.health/backend/application/inventory"
	"rxnow.health/backend/domain/inventory"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves /inventory.
type Handler struct{ svc *app.Service }

// NewHandler builds the handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	staff := []string{httpx.RolePharmacist, httpx.RoleTechnician}
	mux.HandleFunc("GET /inventory/{productID}", httpx.RequireRole(h.level, staff...))
	mux.HandleFunc("POST /inventory/{productID}/lots", httpx.RequireRole(h.receive, staff...))
}

func (h *Handler) level(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "productID")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	l, err := h.svc.Level(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"product_id": l.ProductID, "on_hand": l.OnHand, "reserved": l.Reserved, "available": l.Available()})
}

func (h *Handler) receive(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "productID")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		LotNumber string `json:"lot_number"`
		ExpiresOn string `json:"expires_on"`
		Quantity  int    `json:"quantity"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	exp, err := time.Parse(time.DateOnly, req.ExpiresOn)
	if err != nil {
		httpx.Error(w, r, errs.Invalidf("inventory.receive", "expires_on must be YYYY-MM-DD"))
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	l, err := h.svc.Receive(r.Context(), inventory.Lot{ProductID: id, LotNumber: req.LotNumber, ExpiresOn: exp, Quantity: req.Quantity}, me.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, l)
}
