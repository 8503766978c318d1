package comments

import (
	"net/http"

	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct{ S *Service }

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/articles/{id}/comments", h.list)
	mux.HandleFunc("POST /v1/comments", h.post)
	mux.HandleFunc("POST /v1/comments/{id}/flags", h.flag)
	mux.HandleFunc("GET /v1/moderation/queue", middleware.RequireStaff("moderator", h.queue))
	mux.HandleFunc("POST /v1/moderation/comments/{id}", middleware.RequireStaff("moderator", h.moderate))
}

func reader(r *http.Request) (string, error) {
	p, ok := middleware.PrincipalFrom(r.Context())
	if !ok || p.Staff {
		return "", errs.E(errs.Unauthorized, "sign in to comment")
	}
	return p.ID, nil
}

func (h Handlers) list(w http.ResponseWriter, r *http.Request) {
	p := httpx.PageFrom(r, 50, 200)
	list, err := h.S.ForArticle(r.Context(), r.PathValue("id"), p.Limit, p.Offset)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) post(w http.ResponseWriter, r *http.Request) {
	id, err := reader(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var in PostInput
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	c, err := h.S.Post(r.Context(), id, in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, c)
}

func (h Handlers) flag(w http.ResponseWriter, r *http.Request) {
	id, err := reader(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := h.S.Flag(r.Context(), r.PathValue("id"), id, in.Reason); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (h Handlers) queue(w http.ResponseWriter, r *http.Request) {
	list, err := h.S.Queue(r.Context(), httpx.QueryInt(r, "limit", 100))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) moderate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Approve bool   `json:"approve"`
		Ban     bool   `json:"ban"`
		Reason  string `json:"reason"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	p, _ := middleware.PrincipalFrom(r.Context())
	if err := h.S.Moderate(r.Context(), r.PathValue("id"), p.ID, in.Approve, in.Ban, in.Reason); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
