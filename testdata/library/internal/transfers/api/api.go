// Package api exposes transfer operations to branch staff.
package api

import (
	"net/http"

	"citylib.org/ils/httputil"
	"citylib.org/ils/internal/transfers/service"
)

type API struct {
	svc *service.Service
}

func New(s *service.Service) *API { return &API{svc: s} }

func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /branches/{id}/picklist", a.pickList)
	mux.HandleFunc("POST /transfers/ship", a.ship)
	mux.HandleFunc("POST /transfers/receive", a.receive)
}

func (a *API) pickList(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	items, err := a.svc.PickList(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, items)
}

func (a *API) ship(w http.ResponseWriter, r *http.Request) {
	var body struct {
		TransferIDs []int64 `json:"transfer_ids"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	n, err := a.svc.Ship(r.Context(), body.TransferIDs)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, map[string]int64{"shipped": n})
}

func (a *API) receive(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Barcode  string `json:"barcode"`
		BranchID int64  `json:"branch_id"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	t, err := a.svc.Receive(r.Context(), body.Barcode, body.BranchID)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, t)
}
