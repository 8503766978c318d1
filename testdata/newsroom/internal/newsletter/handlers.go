package newsletter

import (
	"net/http"

	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct{ S *Service }

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/newsletters", h.lists)
	mux.HandleFunc("POST /v1/newsletters/{slug}/subscriptions", h.subscribe)
	mux.HandleFunc("GET /newsletters/confirm", h.confirm)
	mux.HandleFunc("GET /newsletters/unsubscribe", h.unsubscribe)
}

func (h Handlers) lists(w http.ResponseWriter, r *http.Request) {
	list, err := h.S.Lists(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) subscribe(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	readerID := ""
	if p, ok := middleware.PrincipalFrom(r.Context()); ok && !p.Staff {
		readerID = p.ID
	}
	if err := h.S.Subscribe(r.Context(), r.PathValue("slug"), in.Email, readerID); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (h Handlers) confirm(w http.ResponseWriter, r *http.Request) {
	if err := h.S.Confirm(r.Context(), r.URL.Query().Get("t")); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	http.Redirect(w, r, h.S.BaseURL+"/newsletters/confirmed", http.StatusSeeOther)
}

func (h Handlers) unsubscribe(w http.ResponseWriter, r *http.Request) {
	if err := h.S.Unsubscribe(r.Context(), r.URL.Query().Get("t")); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	http.Redirect(w, r, h.S.BaseURL+"/newsletters/unsubscribed", http.StatusSeeOther)
}
