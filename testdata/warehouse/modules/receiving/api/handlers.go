// Package api exposes inbound endpoints used by clients (ASNs) and dock
// staff (receiving).
package api

import (
	"net/http"

	"shipwell.io/wms/modules/receiving/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /asns/{id}", h.get)
	r.HandleFunc("POST /asns", h.create)
	r.HandleFunc("POST /asns/edi", h.importEDI)
	r.HandleFunc("POST /asns/{id}/receipts", h.receive)
	r.HandleFunc("POST /asns/{id}/close", h.close)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	a, err := h.Svc.Store.GetASN(r.Context(), h.Svc.DB, r.PathValue("id"), false)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if _, err := auth.ScopeClient(r.Context(), a.ClientID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, a)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var a models.ASN
	if err := httpx.Decode(r, &a); err != nil {
		httpx.Error(w, r, err)
		return
	}
	client, err := auth.ScopeClient(r.Context(), a.ClientID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.ClientID = client
	if err := h.Svc.CreateASN(r.Context(), &a); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}

func (h *Handler) importEDI(w http.ResponseWriter, r *http.Request) {
	client, err := auth.ScopeClient(r.Context(), r.URL.Query().Get("client_id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.Svc.ImportEDI(r.Context(), http.MaxBytesReader(w, r.Body, 4<<20), client)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}

func (h *Handler) receive(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleOperator, auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var cmd app.ReceiveCmd
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.From(r.Context())
	cmd.ASNID, cmd.UserID = r.PathValue("id"), p.UserID
	rc, err := h.Svc.Receive(r.Context(), cmd)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rc)
}

func (h *Handler) close(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ds, err := h.Svc.Close(r.Context(), r.PathValue("id"), r.URL.Query().Get("force") == "true")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"status": "closed", "discrepancies": ds})
}
