// Package http serves online check-in and the gate boarding endpoints.
package http

import (
	"net/http"
	"strconv"

	"skyhop.aero/backend/pkg/checkin"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/httpx"
)

type Handler struct{ Svc *checkin.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /checkin", h.checkIn)
	mux.HandleFunc("POST /gate/flights/{id}/board/{seq}", h.board)
	mux.HandleFunc("POST /gate/flights/{id}/offload/{pax}", h.offload)
	mux.HandleFunc("GET /gate/flights/{id}/manifest", h.manifest)
}

func (h *Handler) checkIn(w http.ResponseWriter, r *http.Request) {
	var req checkin.Request
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	bp, err := h.Svc.CheckIn(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, bp)
}

func pathInt(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		return 0, errs.Invalid("gate", "bad %s", name)
	}
	return v, nil
}

func (h *Handler) board(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	seq, err := pathInt(r, "seq")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Board(r.Context(), id, int(seq)); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) offload(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	pax, err := pathInt(r, "pax")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Offload(r.Context(), pax, id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) manifest(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := h.Svc.Manifest(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, m)
}
