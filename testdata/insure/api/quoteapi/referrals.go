package quoteapi

import (
	"net/http"

	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/platform/httpx"
)

// The underwriting desk screens were bolted onto the quote API in 2016 and
// never moved.

func (h *Handler) registerReferrals(mux *http.ServeMux) {
	staff := middleware.RequireRole("staff")
	mux.Handle("GET /v1/uw/referrals", staff(httpx.Handle(h.listReferrals)))
	mux.Handle("POST /v1/uw/referrals/{id}/resolve", staff(httpx.Handle(h.resolveReferral)))
}

func (h *Handler) listReferrals(w http.ResponseWriter, r *http.Request) error {
	refs, err := h.uw.OpenReferrals(r.Context())
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"referrals": refs})
}

type resolveBody struct {
	Approve bool   `json:"approve"`
	Note    string `json:"note"`
}

func (h *Handler) resolveReferral(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var b resolveBody
	if err := httpx.Decode(r, &b); err != nil {
		return err
	}
	if err := h.uw.ResolveReferral(r.Context(), id, b.Approve, middleware.Actor(r.Context()), b.Note); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
