// Package fleetapi is the HTTP surface of the vehicles module.
package fleetapi

import (
	"net/http"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/fleet/inspections"
	"gitlab.com/roadrunner/fleet/services/fleet/maintenance"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// Handler serves /v1/vehicles and /v1/workorders.
type Handler struct {
	Vehicles    *vehicle.Service
	Maintenance *maintenance.Service
	Inspections *inspections.Service
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.Handle("GET /v1/vehicles", httpx.Handle(h.listVehicles))
	mux.Handle("POST /v1/vehicles", httpx.Handle(h.registerVehicle))
	mux.Handle("GET /v1/vehicles/{id}", httpx.Handle(h.getVehicle))
	mux.Handle("POST /v1/vehicles/{id}/inspections", httpx.Handle(h.inspect))
	mux.Handle("POST /v1/workorders", httpx.Handle(h.openOrder))
	mux.Handle("POST /v1/workorders/{id}/complete", httpx.Handle(h.completeOrder))
}

type vehicleView struct {
	vehicle.Vehicle
	OpenOrders []maintenance.WorkOrder `json:"open_work_orders"`
	Due        []maintenance.DueTask   `json:"due"`
	LastCheck  *inspections.Report     `json:"last_inspection,omitempty"`
}

func (h *Handler) listVehicles(w http.ResponseWriter, r *http.Request) error {
	cls, _ := entities.ParseClass(r.URL.Query().Get("class"))
	vs, err := h.Vehicles.List(r.Context(), vehicle.Filter{
		Status: vehicle.Status(r.URL.Query().Get("status")), Class: cls,
		Page: dbx.Page{Limit: httpx.QueryInt(r, "limit", 100), Offset: httpx.QueryInt(r, "offset", 0)},
	})
	if err != nil {
		return err
	}
	httpx.OK(w, vs)
	return nil
}

func (h *Handler) registerVehicle(w http.ResponseWriter, r *http.Request) error {
	var in vehicle.Vehicle
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	v, err := h.Vehicles.Register(r.Context(), in)
	if err != nil {
		return err
	}
	httpx.Created(w, v)
	return nil
}

func (h *Handler) getVehicle(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := h.Vehicles.Get(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	view := vehicleView{Vehicle: v}
	if view.OpenOrders, err = h.Maintenance.ListOpen(ctx, v.ID); err != nil {
		return err
	}
	if view.Due, err = h.Maintenance.Due(ctx, v); err != nil {
		return err
	}
	if rep, err := h.Inspections.Latest(ctx, v.ID); err == nil {
		view.LastCheck = &rep
	}
	httpx.OK(w, view)
	return nil
}

func (h *Handler) inspect(w http.ResponseWriter, r *http.Request) error {
	var rep inspections.Report
	if err := httpx.Decode(r, &rep); err != nil {
		return err
	}
	rep.VehicleID = r.PathValue("id")
	out, err := h.Inspections.Submit(r.Context(), rep)
	if err != nil {
		return err
	}
	httpx.Created(w, out)
	return nil
}

func (h *Handler) openOrder(w http.ResponseWriter, r *http.Request) error {
	var req maintenance.OpenRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	wo, err := h.Maintenance.Open(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.Created(w, wo)
	return nil
}

func (h *Handler) completeOrder(w http.ResponseWriter, r *http.Request) error {
	var c maintenance.Completion
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	wo, err := h.Maintenance.Complete(r.Context(), r.PathValue("id"), c)
	if err != nil {
		return err
	}
	httpx.OK(w, wo)
	return nil
}
