// Package consultations exposes counseling endpoints for patients and
// pharmacists.
package consultations

import (
	"net/http"
	"time"

	app "rxnow.health/backend/application/consultations"
	"rxnow.health/backend/domain/consultations"
	pgcustomers "rxnow.health/backend/infrastructure/postgres/customers"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves consultation routes.
type Handler struct {
	svc *app.Service
	// patients is used to show the patient card on the pharmacist screen.
	patients *pgcustomers.Store
}

// NewHandler builds the handler.
func NewHandler(svc *app.Service, patients *pgcustomers.Store) *Handler {
	return &Handler{svc: svc, patients: patients}
}

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /customers/{id}/consultations", h.request)
	mux.HandleFunc("GET /pharmacy/consultations", httpx.RequireRole(h.queue, httpx.RolePharmacist))
	mux.HandleFunc("GET /pharmacy/consultations/{cid}", httpx.RequireRole(h.detail, httpx.RolePharmacist))
	mux.HandleFunc("POST /pharmacy/consultations/{cid}/schedule", httpx.RequireRole(h.schedule, httpx.RolePharmacist))
	mux.HandleFunc("POST /pharmacy/consultations/{cid}/complete", httpx.RequireRole(h.complete, httpx.RolePharmacist))
}

func (h *Handler) customer(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = httpx.SameCustomer(r, id)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) request(w http.ResponseWriter, r *http.Request) {
	id, ok := h.customer(w, r)
	if !ok {
		return
	}
	var req struct {
		PrescriptionID *int64 `json:"prescription_id"`
		Topic          string `json:"topic"`
		Question       string `json:"question"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Request(r.Context(), id, req.PrescriptionID, req.Topic, req.Question)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, c)
}

func (h *Handler) queue(w http.ResponseWriter, r *http.Request) {
	cs, err := h.svc.OpenQueue(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, cs)
}

func (h *Handler) detail(w http.ResponseWriter, r *http.Request) {
	cid, err := httpx.PathID(r, "cid")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Get(r.Context(), cid)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	patient, err := h.patients.FindSummary(r.Context(), c.CustomerID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, struct {
		consultations.Consultation
		Patient any `json:"patient"`
	}{c, patient})
}

func (h *Handler) schedule(w http.ResponseWriter, r *http.Request) {
	cid, err := httpx.PathID(r, "cid")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		At string `json:"at"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	at, err := time.Parse(time.RFC3339, req.At)
	if err != nil {
		httpx.Error(w, r, errs.Invalidf("consultations.schedule", "at must be RFC3339"))
		return
	}
	me, _ := httpx.PrincipalFrom(r.Context())
	c, err := h.svc.Schedule(r.Context(), cid, me.Subject, at)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) {
	cid, err := httpx.PathID(r, "cid")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Notes string `json:"notes"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Complete(r.Context(), cid, req.Notes)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}
