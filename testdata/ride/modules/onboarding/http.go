package onboarding

import (
	"net/http"

	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/httpx"
)

// Handler serves the applicant and ops review endpoints.
type Handler struct{ svc *Service }

// NewHandler returns a handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes. Applicants authenticate as riders until approved.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	mux.Handle("POST /v1/driver-applications", signer.Middleware()(http.HandlerFunc(h.submit)))
	mux.Handle("POST /admin/driver-applications/{id}/approve", signer.Middleware(auth.RoleAdmin)(http.HandlerFunc(h.approve)))
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var a Application
	if err := httpx.Decode(r, &a); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.UserID = p.UserID
	out, err := h.svc.Submit(r.Context(), a)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, out)
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	driverID, err := h.svc.Approve(r.Context(), id, p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int64{"driver_id": driverID})
}
