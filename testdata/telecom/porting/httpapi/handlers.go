// Package httpapi exposes porting requests and the clearinghouse webhook.
package httpapi

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/porting"
	"mvno.telco/core/porting/clearinghouse"
)

type Handlers struct {
	svc        *porting.Service
	webhookKey string
}

func New(svc *porting.Service, webhookKey string) *Handlers {
	return &Handlers{svc: svc, webhookKey: webhookKey}
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/subscribers/{id}/port-ins", h.portIn)
	mux.HandleFunc("POST /v1/subscribers/{id}/pac", h.pac)
	mux.HandleFunc("GET /v1/ports/{id}", h.get)
	mux.HandleFunc("POST /v1/porting/callbacks", h.callback)
}

func (h *Handlers) portIn(w http.ResponseWriter, r *http.Request) {
	var req struct {
		MSISDN string `json:"msisdn"`
		Donor  string `json:"donor"`
		PAC    string `json:"pac"`
		Date   string `json:"date"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	date, err := time.Parse("2006-01-02", req.Date)
	if err != nil {
		date = time.Now()
	}
	p, err := h.svc.RequestPortIn(r.Context(), r.PathValue("id"), req.MSISDN, req.Donor, req.PAC, date)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusAccepted, p)
}

func (h *Handlers) pac(w http.ResponseWriter, r *http.Request) {
	code, exp, err := h.svc.GeneratePAC(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"pac": code, "expires_at": exp})
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, p)
}

func (h *Handlers) callback(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		httpx.Error(w, r, errs.Wrap(errs.Invalid, "porting.callback", err))
		return
	}
	if !clearinghouse.Verify(h.webhookKey, body, r.Header.Get("X-Signature")) {
		httpx.Error(w, r, errs.E(errs.Forbidden, "porting.callback", "bad signature"))
		return
	}
	var cb clearinghouse.Callback
	if err := json.Unmarshal(body, &cb); err != nil {
		httpx.Error(w, r, errs.Wrap(errs.Invalid, "porting.callback", err))
		return
	}
	if err := h.svc.HandleCallback(r.Context(), cb); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
