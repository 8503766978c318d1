// Package transport exposes routes, manifests and delay reporting.
package transport

import (
	"net/http"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/routing"
	"github.com/k12district/sis/services/transport"
)

type Controller struct {
	base.Controller
	Service *transport.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /routes/{id}", c.Action(base.AnyStaff, c.show))
	mux.HandleFunc("GET /routes/{id}/manifest", c.Action([]string{"transport_coordinator", "driver"}, c.manifest))
	mux.HandleFunc("POST /routes/{id}/delays", c.Action([]string{"transport_coordinator", "driver"}, c.delay))
	mux.HandleFunc("POST /routes/{id}/resequence", c.Action(base.Transport, c.resequence))
	mux.HandleFunc("POST /students/{id}/transport/assign", c.Action(base.Transport, c.assign))
}

func (c *Controller) show(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	rt, err := c.Service.Store.Route(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, rt)
	return nil
}

func (c *Controller) manifest(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if u.Role == "driver" {
		rt, err := c.Service.Store.Route(r.Context(), id)
		if err != nil {
			return err
		}
		if rt.DriverID != u.StaffID {
			return errs.Forbidden("not your route")
		}
	}
	riders, err := c.Service.Store.Riders(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, riders)
	return nil
}

func (c *Controller) delay(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Minutes int    `json:"minutes"`
		Reason  string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	n, err := c.Service.ReportDelay(r.Context(), id, req.Minutes, req.Reason, u.StaffID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusAccepted, map[string]int{"notified": n})
	return nil
}

func (c *Controller) resequence(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	school := int64(httpx.QueryInt(r, "school_id", int(u.SchoolID)))
	plan, err := c.Service.Resequence(r.Context(), id, school)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, plan)
	return nil
}

func (c *Controller) assign(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		SchoolID int64   `json:"school_id"`
		Grade    int     `json:"grade"`
		Lat      float64 `json:"lat"`
		Lng      float64 `json:"lng"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	out, err := c.Service.AssignForAddress(r.Context(), id, req.SchoolID, req.Grade, routing.Point{Lat: req.Lat, Lng: req.Lng})
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}
