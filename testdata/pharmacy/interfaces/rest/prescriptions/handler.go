// Package prescriptions exposes prescription intake and the pharmacist
// verification queue.
package prescriptions

import (
	"net/http"
	"time"

	app "rxnow.health/backend/application/prescriptions"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves /prescriptions and /prescribers.
type Handler struct {
	svc      *app.Service
	verifier *app.Verifier
}

// NewHandler builds the handler.
func NewHandler(svc *app.Service, verifier *app.Verifier) *Handler {
	return &Handler{svc: svc, verifier: verifier}
}

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	staff := []string{httpx.RolePharmacist, httpx.RoleTechnician}
	mux.HandleFunc("POST /prescriptions", httpx.RequireRole(h.submit, append(staff, httpx.RoleSystem)...))
	mux.HandleFunc("GET /prescriptions/{id}", h.get)
	mux.HandleFunc("GET /prescriptions/{id}/dur", httpx.RequireRole(h.review, httpx.RolePharmacist))
	mux.HandleFunc("POST /prescriptions/{id}/verify", httpx.RequireRole(h.verify, httpx.RolePharmacist))
	mux.HandleFunc("POST /prescriptions/{id}/reject", httpx.RequireRole(h.reject, httpx.RolePharmacist))
}

type submitReq struct {
	CustomerID        int64  `json:"customer_id"`
	PrescriberNPI     string `json:"prescriber_npi"`
	ProductID         int64  `json:"product_id"`
	Sig               string `json:"sig"`
	Quantity          int    `json:"quantity"`
	DaysSupply        int    `json:"days_supply"`
	Refills           int    `json:"refills"`
	DispenseAsWritten bool   `json:"dispense_as_written"`
	Source            string `json:"source"`
	WrittenAt         string `json:"written_at"`
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	var req submitReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	written, err := time.Parse(time.DateOnly, req.WrittenAt)
	if err != nil {
		httpx.Error(w, r, errs.Invalidf("prescriptions.submit", "written_at must be YYYY-MM-DD"))
		return
	}
	p, err := h.svc.Submit(r.Context(), app.SubmitCommand{CustomerID: req.CustomerID, PrescriberNPI: req.PrescriberNPI, ProductID: req.ProductID,
		Sig: req.Sig, Quantity: req.Quantity, DaysSupply: req.DaysSupply, Refills: req.Refills, DispenseAsWritten: req.DispenseAsWritten,
		Source: req.Source, WrittenAt: written})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, app.ToView(p))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.Get(r.Context(), id)
	if err == nil {
		err = httpx.SameCustomer(r, p.CustomerID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, app.ToView(p))
}

func (h *Handler) review(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ws, err := h.svc.Review(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"warnings": ws})
}

func (h *Handler) verify(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	p, err := h.svc.Verify(r.Context(), id, me.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, app.ToView(p))
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	p, err := h.svc.Reject(r.Context(), id, me.Subject, req.Reason)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, app.ToView(p))
}
