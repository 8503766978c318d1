// Package http exposes campaign management and the referral programme.
package http

import (
	"net/http"

	"github.com/pulsefit/clubs/internal/legacy/campaigns"
	"github.com/pulsefit/clubs/internal/marketing/referrals"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Campaigns *campaigns.Engine
	Referrals *referrals.Programme
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /marketing/campaigns", httpx.StaffOnly(httpx.Handler(h.list)))
	mux.Handle("POST /marketing/campaigns", httpx.StaffOnly(httpx.Handler(h.create)))
	mux.Handle("GET /unsubscribe/{member}", httpx.Handler(h.unsubscribe))
	mux.Handle("GET /members/{id}/referral", httpx.Handler(h.referral))
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Campaigns.List(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, cs)
	return nil
}

func (h *Handlers) create(w http.ResponseWriter, r *http.Request) error {
	var c models.Campaign
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	c, err := h.Campaigns.Create(r.Context(), c)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handlers) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	if err := h.Campaigns.Unsubscribe(r.Context(), r.PathValue("member")); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("You have been unsubscribed from PulseFit marketing."))
	return nil
}

func (h *Handlers) referral(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	code, err := h.Referrals.CodeFor(r.Context(), id)
	if err != nil {
		return err
	}
	st, err := h.Referrals.Stats(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"code": code, "stats": st})
	return nil
}
