// Package inventory exposes the hotel catalogue and availability over HTTP.
package inventory

import (
	"net/http"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/availability"
	"github.com/staybright/platform/internal/service/inventory"
)

// Handler serves /hotels and /admin/hotels.
type Handler struct {
	inv   *inventory.Service
	avail *availability.Service
	auth  auth.Verifier
}

// New builds the handler.
func New(inv *inventory.Service, avail *availability.Service, v auth.Verifier) *Handler {
	return &Handler{inv: inv, avail: avail, auth: v}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/hotels", h.list)
	mux.HandleFunc("GET /v1/hotels/{id}", h.get)
	mux.HandleFunc("GET /v1/search", h.search)
	mux.HandleFunc("POST /v1/admin/hotels", auth.Require(h.auth, auth.RoleAdmin, h.create))
	mux.HandleFunc("POST /v1/admin/hotels/{id}/room-types", auth.Require(h.auth, auth.RoleAdmin, h.addRoomType))
	mux.HandleFunc("POST /v1/admin/hotels/{id}/rooms", auth.Require(h.auth, auth.RoleManager, h.addRoom))
	mux.HandleFunc("POST /v1/admin/hotels/{id}/close-outs", auth.Require(h.auth, auth.RoleRevenue, h.closeOut))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	hotels, err := h.inv.ListHotels(r.Context(), r.URL.Query().Get("city"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"hotels": hotels})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := h.inv.GetHotel(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}

func rangeFromQuery(r *http.Request) (clock.Range, error) {
	from, err := clock.ParseDate(r.URL.Query().Get("check_in"))
	if err != nil {
		return clock.Range{}, errs.Wrapf(errs.Invalid, err, "inventory.rangeFromQuery", "invalid check_in")
	}
	to, err := clock.ParseDate(r.URL.Query().Get("check_out"))
	if err != nil {
		return clock.Range{}, errs.Wrapf(errs.Invalid, err, "inventory.rangeFromQuery", "invalid check_out")
	}
	rg, err := clock.NewRange(from, to)
	if err != nil {
		return clock.Range{}, errs.Wrapf(errs.Invalid, err, "inventory.rangeFromQuery", "invalid stay dates")
	}
	return rg, nil
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	rg, err := rangeFromQuery(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	opts, err := h.avail.Search(r.Context(), r.URL.Query().Get("city"), rg, httpx.QueryInt(r, "guests", 2))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"options": opts, "nights": rg.Nights()})
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in model.Hotel
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.inv.CreateHotel(r.Context(), &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, in)
}

func (h *Handler) addRoomType(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in model.RoomType
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	in.HotelID = id
	if err := h.inv.AddRoomType(r.Context(), &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, in)
}

func (h *Handler) addRoom(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := auth.CheckHotel(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in model.Room
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	in.HotelID = id
	if err := h.inv.AddRoom(r.Context(), &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, in)
}

type closeOutRequest struct {
	RoomTypeID int64  `json:"room_type_id"`
	From       string `json:"from"`
	To         string `json:"to"`
	Closed     bool   `json:"closed"`
}

func (h *Handler) closeOut(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in closeOutRequest
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	from, err1 := clock.ParseDate(in.From)
	to, err2 := clock.ParseDate(in.To)
	if err1 != nil || err2 != nil {
		httpx.Error(w, r, errs.E(errs.Invalid, "inventory.closeOut", "from/to must be YYYY-MM-DD"))
		return
	}
	rg, err := clock.NewRange(from, to)
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "inventory.closeOut", "invalid range"))
		return
	}
	if err := h.avail.CloseOut(r.Context(), id, in.RoomTypeID, rg, in.Closed); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
