// Package httpapi exposes the care desk to the agent desktop.
package httpapi

import (
	"net/http"

	"mvno.telco/core/care"
	"mvno.telco/core/platform/httpx"
)

type Handlers struct{ svc *care.Service }

func New(svc *care.Service) *Handlers { return &Handlers{svc: svc} }

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/care/cases", h.open)
	mux.HandleFunc("GET /v1/care/cases", h.queue)
	mux.HandleFunc("GET /v1/care/cases/{id}", h.get)
	mux.HandleFunc("POST /v1/care/cases/{id}/notes", h.note)
	mux.HandleFunc("POST /v1/care/cases/{id}/close", h.close)
	mux.HandleFunc("GET /v1/care/subscribers/{id}/overview", h.overview)
}

func (h *Handlers) open(w http.ResponseWriter, r *http.Request) {
	var req care.OpenRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Open(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, c)
}

func (h *Handlers) queue(w http.ResponseWriter, r *http.Request) {
	cs, err := h.svc.Queue(r.Context(), r.URL.Query().Get("agent"), httpx.ParsePage(r).Limit)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"cases": cs})
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	c, notes, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"case": c, "notes": notes})
}

func (h *Handlers) note(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Author   string `json:"author"`
		Body     string `json:"body"`
		Internal bool   `json:"internal"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.AddNote(r.Context(), r.PathValue("id"), req.Author, req.Body, req.Internal); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (h *Handlers) close(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Agent      string `json:"agent"`
		Resolution string `json:"resolution"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Close(r.Context(), r.PathValue("id"), req.Agent, req.Resolution); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) overview(w http.ResponseWriter, r *http.Request) {
	ov, err := h.svc.Overview(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, ov)
}
