// Package crewhttp exposes the roster, licences and driving hours over
// the internal API.
package crewhttp

import (
	"net/http"

	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/crew/hos"
	"gitlab.com/roadrunner/fleet/services/crew/licence"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
)

// Deps are the services the handlers need.
type Deps struct {
	Roster   *roster.Service
	Licences *licence.Service
	Hours    *hos.Service
}

// Routes registers the crew endpoints on mux.
func Routes(mux *http.ServeMux, d Deps) {
	h := &handlers{d}
	mux.Handle("GET /v1/drivers", httpx.Handle(h.list))
	mux.Handle("POST /v1/drivers", httpx.Handle(h.hire))
	mux.Handle("GET /v1/drivers/{id}", httpx.Handle(h.get))
	mux.Handle("POST /v1/drivers/{id}/suspend", httpx.Handle(h.suspend))
	mux.Handle("PUT /v1/drivers/{id}/licence", httpx.Handle(h.putLicence))
	mux.Handle("POST /v1/drivers/{id}/hours", httpx.Handle(h.logHours))
}

type handlers struct{ Deps }

type driverDTO struct {
	roster.Driver
	Licence   *licence.Licence `json:"licence,omitempty"`
	Remaining *hos.Remaining   `json:"remaining,omitempty"`
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) error {
	ds, err := h.Roster.Active(r.Context(), r.URL.Query().Get("depot"))
	if err != nil {
		return err
	}
	httpx.OK(w, map[string]any{"drivers": ds, "count": len(ds)})
	return nil
}

func (h *handlers) hire(w http.ResponseWriter, r *http.Request) error {
	var in roster.Driver
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	d, err := h.Roster.Hire(r.Context(), in)
	if err != nil {
		return err
	}
	httpx.Created(w, d)
	return nil
}

func (h *handlers) get(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Roster.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := driverDTO{Driver: d}
	if l, err := h.Licences.Get(r.Context(), d.ID); err == nil {
		out.Licence = &l
	} else if !errs.Is(err, errs.KindNotFound) {
		return err
	}
	if rem, err := h.Hours.Remaining(r.Context(), d.ID); err == nil {
		out.Remaining = &rem
	}
	httpx.OK(w, out)
	return nil
}

func (h *handlers) suspend(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	if body.Reason == "" {
		return errs.Invalid("crewhttp.suspend", "a reason is required")
	}
	if err := h.Roster.Suspend(r.Context(), r.PathValue("id"), body.Reason); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *handlers) putLicence(w http.ResponseWriter, r *http.Request) error {
	var l licence.Licence
	if err := httpx.Decode(r, &l); err != nil {
		return err
	}
	l.DriverID = r.PathValue("id")
	if err := h.Licences.Record(r.Context(), l); err != nil {
		return err
	}
	httpx.OK(w, l)
	return nil
}

func (h *handlers) logHours(w http.ResponseWriter, r *http.Request) error {
	var entries []hos.Entry
	if err := httpx.Decode(r, &entries); err != nil {
		return err
	}
	for i := range entries {
		entries[i].DriverID = r.PathValue("id")
	}
	if err := h.Hours.Log(r.Context(), entries...); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}
