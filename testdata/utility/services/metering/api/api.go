// Package api is the metering context's HTTP surface: meter installs and
// customer read submission.
package api

import (
	"net/http"
	"time"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/metering/meters"
	"gridline.energy/platform/services/metering/store"
	"gridline.energy/platform/services/metering/validation"
)

type Handler struct {
	store     *store.Store
	registry  *meters.Registry
	validator *validation.Validator
	sites     *sites.Service
	bus       *events.Bus
}

func New(s *store.Store, reg *meters.Registry, v *validation.Validator, st *sites.Service, bus *events.Bus) *Handler {
	return &Handler{store: s, registry: reg, validator: v, sites: st, bus: bus}
}

func (h *Handler) Register(r httpx.Router) {
	ok := http.StatusOK
	r.HandleFunc("GET /sites/{id}/meters", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.registry.ForSite(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /meters", httpx.Handle(http.StatusCreated, h.install))
	r.HandleFunc("POST /meters/{id}/readings", httpx.Handle(http.StatusCreated, h.submit))
}

func (h *Handler) install(r *http.Request) (any, error) {
	var req meters.InstallRequest
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	if req.At.IsZero() {
		req.At = time.Now().UTC()
	}
	return h.registry.Install(r.Context(), req)
}

// submit takes a customer read from the app or web.
func (h *Handler) submit(r *http.Request) (any, error) {
	var req struct {
		Register string  `json:"register"`
		Value    float64 `json:"value"`
		ReadAt   string  `json:"read_at"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	ctx := r.Context()
	m, err := h.registry.Get(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	site, err := h.sites.Get(ctx, m.SiteID)
	if err != nil {
		return nil, err
	}
	at, err := httpx.Date("read_at", req.ReadAt)
	if err != nil {
		return nil, err
	}
	if at.IsZero() {
		at = time.Now().UTC()
	}
	rd := models.Reading{ID: ids.New(ids.PrefixReading), MeterID: m.ID, Register: req.Register,
		Value: req.Value, ReadAt: at, Source: models.ReadCustomer}
	res, err := h.validator.Check(ctx, m, rd, site.EAC)
	if err != nil {
		return nil, err
	}
	if res.Status == models.ReadRejected {
		return nil, errs.Invalid("readings", "%s", res.Detail)
	}
	rd.Status = res.Status
	if err := h.store.InsertReading(ctx, h.store.DB(), rd); err != nil {
		return nil, err
	}
	if res.Status == models.ReadException {
		return rd, h.store.InsertException(ctx, rd.ID, res.Rule, res.Detail)
	}
	return rd, h.bus.Publish(ctx, models.EventReadingAccepted, m.ID,
		models.ReadingAcceptedPayload{ReadingID: rd.ID, MeterID: m.ID, SiteID: site.ID, ReadAt: at})
}
