// Package api serves /v1/threads.
package api

import (
	"net/http"

	"loomly.com/api/internal/messaging"
	"loomly.com/api/internal/models"
	"loomly.com/api/platform/httpx"
)

type Handler struct{ svc *messaging.Service }

func New(svc *messaging.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.Handle("GET /v1/threads", auth(http.HandlerFunc(h.inbox)))
	mux.Handle("POST /v1/threads", auth(http.HandlerFunc(h.start)))
	mux.Handle("GET /v1/threads/{id}/messages", auth(http.HandlerFunc(h.messages)))
	mux.Handle("POST /v1/threads/{id}/messages", auth(http.HandlerFunc(h.reply)))
}

func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	ts, err := h.svc.Inbox(r.Context(), httpx.UserID(r.Context()), limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, models.Page[messaging.Thread]{Items: ts, Limit: limit, Offset: offset})
}

func (h *Handler) start(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ShopID  string `json:"shop_id"`
		Subject string `json:"subject"`
		OrderID string `json:"order_id"`
		Body    string `json:"body"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.svc.Start(r.Context(), httpx.UserID(r.Context()), in.ShopID, in.Subject, in.OrderID, in.Body)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, t)
}

func (h *Handler) messages(w http.ResponseWriter, r *http.Request) {
	ms, err := h.svc.Messages(r.Context(), r.PathValue("id"), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": ms})
}

func (h *Handler) reply(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := h.svc.Reply(r.Context(), r.PathValue("id"), httpx.UserID(r.Context()), in.Body)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, m)
}
