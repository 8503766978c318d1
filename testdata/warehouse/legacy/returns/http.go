package returns

import (
	"net/http"

	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

func (s *Service) Routes(r httpx.Router) {
	r.HandleFunc("POST /returns", s.handleAuthorise)
	r.HandleFunc("GET /returns/{id}", s.handleGet)
	r.HandleFunc("POST /returns/{id}/receive", s.handleReceive)
	r.HandleFunc("POST /returns/{id}/close", s.handleClose)
}

func (s *Service) handleAuthorise(w http.ResponseWriter, r *http.Request) {
	var rma models.RMA
	if err := httpx.Decode(r, &rma); err != nil {
		httpx.Error(w, r, err)
		return
	}
	client, err := auth.ScopeClient(r.Context(), rma.ClientID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rma.ClientID = client
	if err := s.Authorise(r.Context(), &rma); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rma)
}

func (s *Service) handleGet(w http.ResponseWriter, r *http.Request) {
	rma, err := s.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		_, err = auth.ScopeClient(r.Context(), rma.ClientID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, rma)
}

func (s *Service) handleReceive(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleOperator, auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var body struct {
		SKU         string `json:"sku"`
		Qty         int    `json:"qty"`
		Disposition string `json:"disposition"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.From(r.Context())
	if err := s.Receive(r.Context(), r.PathValue("id"), body.SKU, body.Qty, body.Disposition, p.UserID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Service) handleClose(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := s.Close(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
