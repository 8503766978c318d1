package access

import (
	"net/http"

	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
)

// Handler serves scanner endpoints.
type Handler struct {
	svc  *ScanService
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(s *ScanService, a *auth.Signer) *Handler { return &Handler{svc: s, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/gate/scan", h.auth.Require(h.scan, auth.RoleGate))
}

func (h *Handler) scan(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in struct {
		Code string `json:"code"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.svc.Scan(r.Context(), p.Subject, in.Code)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}
