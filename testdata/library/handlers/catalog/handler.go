// Package catalog serves the OPAC search and cataloguing endpoints.
package catalog

import (
	"net/http"
	"strconv"

	"citylib.org/ils/httputil"
	"citylib.org/ils/internal/catalog/search"
	"citylib.org/ils/models"
	svc "citylib.org/ils/services/catalog"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /titles", h.search)
	mux.HandleFunc("GET /titles/{id}", h.get)
	mux.HandleFunc("POST /titles", h.create)
	mux.HandleFunc("DELETE /titles/{id}", h.delete)
	mux.HandleFunc("POST /titles/{id}/copies", h.addCopy)
	mux.HandleFunc("POST /copies/{barcode}/withdraw", h.withdraw)
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	branch, _ := strconv.ParseInt(q.Get("branch"), 10, 64)
	f := search.Filter{Format: q.Get("format"), BranchID: branch, Language: q.Get("lang")}
	limit := httputil.QueryInt(r, "limit", 20, 100)
	offset := httputil.QueryInt(r, "offset", 0, 10000)
	hits, err := h.svc.Search(r.Context(), q.Get("q"), f, limit, offset)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, map[string]any{"results": hits, "limit": limit, "offset": offset})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	a, err := h.svc.Availability(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, a)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var t models.Title
	if err := httputil.DecodeJSON(r, &t); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := h.svc.CreateTitle(r.Context(), &t); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, t)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := h.svc.DeleteTitle(r.Context(), id); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) addCopy(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var c models.Copy
	if err := httputil.DecodeJSON(r, &c); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	c.TitleID = id
	if err := h.svc.AddCopy(r.Context(), &c); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, c)
}

func (h *Handler) withdraw(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Withdraw(r.Context(), r.PathValue("barcode"))
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, c)
}
