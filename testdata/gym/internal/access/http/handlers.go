// Package http serves the door-controller protocol and the staff card desk.
package http

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/pulsefit/clubs/internal/access/cards"
	"github.com/pulsefit/clubs/internal/access/checkin"
	"github.com/pulsefit/clubs/internal/access/store"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Checkin *checkin.Service
	Cards   *cards.Registry
	Store   *store.Store
}

// RegisterDoor mounts the endpoints called by turnstiles (doorgate binary).
func (h *Handlers) RegisterDoor(mux *http.ServeMux) {
	mux.Handle("POST /door/{device}/present", h.deviceAuth(httpx.Handler(h.present)))
}

// RegisterStaff mounts reception and app endpoints (api binary).
func (h *Handlers) RegisterStaff(mux *http.ServeMux) {
	mux.Handle("POST /members/{id}/cards", httpx.StaffOnly(httpx.Handler(h.issue)))
	mux.Handle("DELETE /cards/{number}", httpx.StaffOnly(httpx.Handler(h.revoke)))
	mux.Handle("GET /members/{id}/qr", httpx.Handler(h.qr))
	mux.Handle("GET /members/{id}/visits", httpx.Handler(h.visits))
	mux.Handle("GET /clubs/{club}/occupancy", httpx.Handler(h.occupancy))
}

func (h *Handlers) deviceAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dev, err := h.Store.Device(r.Context(), r.PathValue("device"))
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		sum := sha256.Sum256([]byte(r.Header.Get("X-Device-Secret")))
		if hex.EncodeToString(sum[:]) != dev.SecretH {
			httpx.Error(w, r, errs.Forbidden("bad device secret"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (h *Handlers) present(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Credential string `json:"credential"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	d, err := h.Checkin.Present(r.Context(), r.PathValue("device"), body.Credential)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, d)
	return nil
}

func (h *Handlers) issue(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Number string `json:"number"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	c, err := h.Cards.Issue(r.Context(), r.PathValue("id"), body.Number)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handlers) revoke(w http.ResponseWriter, r *http.Request) error {
	if err := h.Cards.Revoke(r.Context(), r.PathValue("number")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) qr(w http.ResponseWriter, r *http.Request) error {
	httpx.JSON(w, http.StatusOK, map[string]string{"code": h.Cards.QRCode(r.PathValue("id"), time.Now())})
	return nil
}

func (h *Handlers) visits(w http.ResponseWriter, r *http.Request) error {
	out, err := h.Store.History(r.Context(), r.PathValue("id"), httpx.QueryInt(r, "limit", 30))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

func (h *Handlers) occupancy(w http.ResponseWriter, r *http.Request) error {
	n, err := h.Checkin.Occupancy(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"occupancy": n})
	return nil
}
