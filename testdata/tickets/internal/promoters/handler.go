package promoters

import (
	"net/http"

	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
)

// Handler serves promoter routes.
type Handler struct {
	svc  *Service
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(s *Service, a *auth.Signer) *Handler { return &Handler{svc: s, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/promoter/me", h.auth.Require(h.me, auth.RolePromoter))
	mux.HandleFunc("POST /v1/admin/promoters", h.auth.Require(h.create, auth.RoleStaff))
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	pr, err := h.svc.Get(r.Context(), p.PromoterID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, pr)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in Promoter
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.Create(r.Context(), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}
