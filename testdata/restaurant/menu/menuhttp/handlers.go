// Package menuhttp exposes the menu and pricing over HTTP.
package menuhttp

import (
	"net/http"
	"time"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/menu"
	"tablecraft.io/ops/menu/pricing"
	"tablecraft.io/ops/models"
)

// Handler serves /menu routes.
type Handler struct {
	Menu    *menu.Service
	Pricing *pricing.Engine
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /menu/categories", h.categories)
	mux.HandleFunc("GET /menu/items/{id}", h.item)
	mux.HandleFunc("POST /menu/items", h.saveItem)
	mux.HandleFunc("GET /locations/{loc}/menu", h.locationMenu)
	mux.HandleFunc("PUT /locations/{loc}/menu/{id}/price", h.setPrice)
	mux.HandleFunc("POST /locations/{loc}/menu/{id}/86", h.eightySix(true))
	mux.HandleFunc("DELETE /locations/{loc}/menu/{id}/86", h.eightySix(false))
	mux.HandleFunc("POST /locations/{loc}/price-rules", h.addRule)
}

func (h *Handler) categories(w http.ResponseWriter, r *http.Request) {
	cs, err := h.Menu.Categories(r.Context())
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, cs)
}

func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	it, err := h.Menu.Item(r.Context(), id)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, it)
}

func (h *Handler) saveItem(w http.ResponseWriter, r *http.Request) {
	var it models.MenuItem
	if err := httpx.Decode(r, &it); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := h.Menu.SaveItem(r.Context(), &it); err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, it)
}

func (h *Handler) locationMenu(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	at := time.Now()
	if v := r.URL.Query().Get("at"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			at = t
		}
	}
	items, err := h.Pricing.Menu(r.Context(), loc, at)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, items)
}

func (h *Handler) setPrice(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	var body struct {
		Price money.Cents `json:"price"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := h.Pricing.SetLocationPrice(r.Context(), loc, id, body.Price); err != nil {
		httpx.Error(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) eightySix(out bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		if err := h.Menu.Set86(r.Context(), loc, id, out); err != nil {
			httpx.Error(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (h *Handler) addRule(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	var rule pricing.Rule
	if err := httpx.Decode(r, &rule); err != nil {
		httpx.Error(w, err)
		return
	}
	rule.LocationID = loc
	if err := h.Pricing.AddRule(r.Context(), &rule); err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rule)
}
