// Package housekeeping exposes the housekeeping tablet API.
package housekeeping

import (
	"net/http"
	"strconv"
	"time"

	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/housekeeping"
)

// Handler serves housekeeping routes.
type Handler struct {
	svc  *housekeeping.Service
	auth auth.Verifier
}

// New builds the handler.
func New(svc *housekeeping.Service, v auth.Verifier) *Handler { return &Handler{svc: svc, auth: v} }

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	hk := func(f http.HandlerFunc) http.HandlerFunc { return auth.Require(h.auth, auth.RoleHousekeeping, f) }
	mux.HandleFunc("GET /v1/staff/hotels/{id}/housekeeping/board", hk(h.board))
	mux.HandleFunc("GET /v1/staff/hotels/{id}/housekeeping/tasks", hk(h.tasks))
	mux.HandleFunc("POST /v1/staff/housekeeping/tasks/{task}/complete", hk(h.complete))
}

func (h *Handler) hotelID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := httpx.PathInt64(r, "id")
	if err == nil {
		err = auth.CheckHotel(r.Context(), id)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) board(w http.ResponseWriter, r *http.Request) {
	id, ok := h.hotelID(w, r)
	if !ok {
		return
	}
	rows, err := h.svc.Board(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"rooms": rows})
}

func (h *Handler) tasks(w http.ResponseWriter, r *http.Request) {
	id, ok := h.hotelID(w, r)
	if !ok {
		return
	}
	var day time.Time
	if s := r.URL.Query().Get("date"); s != "" {
		d, err := clock.ParseDate(s)
		if err != nil {
			httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "housekeeping.tasks", "invalid date"))
			return
		}
		day = d
	}
	list, err := h.svc.Tasks(r.Context(), id, day)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"tasks": list})
}

func taskID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("task"), 10, 64)
	if err != nil {
		return 0, errs.E(errs.Invalid, "housekeeping.taskID", "invalid task id")
	}
	return id, nil
}

type notesBody struct {
	Notes string `json:"notes"`
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) {
	id, err := taskID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b notesBody
	if r.ContentLength > 0 {
		if err := httpx.Decode(r, &b); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	p, _ := auth.FromContext(r.Context())
	t, err := h.svc.Complete(r.Context(), id, p.StaffID, b.Notes)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}
