// Package orders exposes checkout, order history and the fulfilment
// endpoints used by the pharmacy floor.
package orders

import (
	"net/http"

	ordersapp "rxnow.health/backend/application/orders"
	"rxnow.health/backend/application/orders/fulfilment"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves order routes.
type Handler struct {
	orders     *ordersapp.Service
	fulfilment *fulfilment.Service
}

// NewHandler builds the handler.
func NewHandler(o *ordersapp.Service, f *fulfilment.Service) *Handler {
	return &Handler{orders: o, fulfilment: f}
}

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /orders", h.place)
	mux.HandleFunc("GET /orders/{id}", h.get)
	mux.HandleFunc("POST /orders/{id}/cancel", h.cancel)
	mux.HandleFunc("GET /pharmacy/pick-queue", httpx.RequireRole(h.queue, httpx.RolePharmacist, httpx.RoleTechnician))
	mux.HandleFunc("POST /orders/{id}/fill", httpx.RequireRole(h.fill, httpx.RolePharmacist))
	mux.HandleFunc("POST /orders/{id}/dispatch", httpx.RequireRole(h.dispatch, httpx.RolePharmacist, httpx.RoleTechnician))
}

type lineReq struct {
	ProductID      int64  `json:"product_id"`
	PrescriptionID *int64 `json:"prescription_id"`
	Quantity       int    `json:"quantity"`
}

type placeReq struct {
	CustomerID        int64     `json:"customer_id"`
	ShippingAddressID int64     `json:"shipping_address_id"`
	Expedited         bool      `json:"expedited"`
	CardToken         string    `json:"card_token"`
	PaymentMethod     string    `json:"payment_method"`
	Lines             []lineReq `json:"lines"`
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	var req placeReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := httpx.SameCustomer(r, req.CustomerID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	cmd := ordersapp.PlaceCommand{CustomerID: req.CustomerID, ShippingAddressID: req.ShippingAddressID, Expedited: req.Expedited,
		CardToken: req.CardToken, PaymentMethod: req.PaymentMethod}
	for _, l := range req.Lines {
		cmd.Lines = append(cmd.Lines, ordersapp.LineRequest{ProductID: l.ProductID, PrescriptionID: l.PrescriptionID, Quantity: l.Quantity})
	}
	o, err := h.orders.Place(r.Context(), cmd)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, o)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.orders.Get(r.Context(), id)
	if err == nil {
		err = httpx.SameCustomer(r, o.CustomerID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ordersapp.ToView(o))
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.orders.Get(r.Context(), id)
	if err == nil {
		err = httpx.SameCustomer(r, o.CustomerID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	if err := h.orders.Cancel(r.Context(), id, me.Subject); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}

func (h *Handler) queue(w http.ResponseWriter, r *http.Request) {
	q, err := h.fulfilment.Queue(r.Context(), httpx.QueryInt(r, "limit", 25))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, q)
}

func (h *Handler) fill(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	res, err := h.fulfilment.Fill(r.Context(), id, me.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

func (h *Handler) dispatch(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	sh, err := h.fulfilment.Dispatch(r.Context(), id, me.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}
