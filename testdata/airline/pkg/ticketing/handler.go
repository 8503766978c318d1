package ticketing

import (
	"net/http"
	"strings"

	"skyhop.aero/backend/pkg/platform/httpx"
)

// Handler exposes tickets to the manage-booking pages and the agents.
type Handler struct{ Svc *Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /bookings/{locator}/tickets", func(w http.ResponseWriter, r *http.Request) {
		ts, err := h.Svc.Tickets(r.Context(), strings.ToUpper(r.PathValue("locator")))
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, ts)
	})
	mux.HandleFunc("POST /agent/bookings/{locator}/issue", func(w http.ResponseWriter, r *http.Request) {
		ts, err := h.Svc.Issue(r.Context(), strings.ToUpper(r.PathValue("locator")))
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusCreated, ts)
	})
}
