// Package review exposes reviews over HTTP.
package review

import (
	"net/http"

	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/review"
)

// Handler serves review routes.
type Handler struct {
	svc  *review.Service
	auth auth.Verifier
}

// New builds the handler.
func New(svc *review.Service, v auth.Verifier) *Handler { return &Handler{svc: svc, auth: v} }

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/hotels/{id}/reviews", h.list)
	mux.HandleFunc("POST /v1/reviews", h.submit)
	mux.HandleFunc("POST /v1/staff/reviews/{rid}/moderate", auth.Require(h.auth, auth.RoleManager, h.moderate))
	mux.HandleFunc("POST /v1/staff/reviews/{rid}/response", auth.Require(h.auth, auth.RoleManager, h.respond))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	page := httpx.PageFrom(r)
	list, err := h.svc.Published(r.Context(), id, page.Limit, page.Offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	score, err := h.svc.Score(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"score": score, "reviews": list})
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	var req review.SubmitRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rv, err := h.svc.Submit(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rv)
}

type moderateBody struct {
	Approve bool `json:"approve"`
}

func (h *Handler) moderate(w http.ResponseWriter, r *http.Request) {
	var b moderateBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Moderate(r.Context(), r.PathValue("rid"), b.Approve); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type respondBody struct {
	Text string `json:"text"`
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request) {
	var b respondBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rid := r.PathValue("rid")
	hotelID, err := h.svc.HotelOf(r.Context(), rid)
	if err == nil {
		err = auth.CheckHotel(r.Context(), hotelID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.FromContext(r.Context())
	if err := h.svc.Respond(r.Context(), rid, b.Text, p.StaffID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
