// Package handler is the HTTP API for lab orders and results.
package handler

import (
	"net/http"
	"time"

	"github.com/acme/clinic/labs/orders"
	"github.com/acme/clinic/labs/results"
	"github.com/acme/clinic/labs/usecase"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
)

type Handler struct {
	uc *usecase.Service
}

func New(uc *usecase.Service) *Handler { return &Handler{uc: uc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /labs/orders", h.place)
	mux.HandleFunc("GET /labs/orders/{id}", h.get)
	mux.HandleFunc("POST /labs/orders/{id}/collect", h.collect)
	mux.HandleFunc("POST /labs/orders/{id}/results", h.record)
}

type orderResp struct {
	ID          string     `json:"id"`
	PatientID   string     `json:"patient_id"`
	OrderedBy   string     `json:"ordered_by"`
	Tests       []string   `json:"tests"`
	Priority    string     `json:"priority"`
	Status      string     `json:"status"`
	OrderedAt   time.Time  `json:"ordered_at"`
	CollectedAt *time.Time `json:"collected_at,omitempty"`
	ResultedAt  *time.Time `json:"resulted_at,omitempty"`
}

func orderOut(o domain.LabOrder) orderResp {
	return orderResp{
		ID: string(o.ID), PatientID: string(o.PatientID), OrderedBy: string(o.OrderedBy), Tests: o.TestCodes,
		Priority: o.Priority, Status: string(o.Status), OrderedAt: o.OrderedAt, CollectedAt: o.CollectedAt, ResultedAt: o.ResultedAt,
	}
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	var req struct {
		PatientID     string   `json:"patient_id"`
		AppointmentID string   `json:"appointment_id"`
		Tests         []string `json:"tests"`
		Priority      string   `json:"priority"`
		Notes         string   `json:"notes"`
	}
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	o, err := h.uc.Place(r.Context(), orders.NewOrder{
		PatientID: domain.PatientID(req.PatientID), OrderedBy: domain.StaffID(web.Actor(r)),
		AppointmentID: domain.AppointmentID(req.AppointmentID), TestCodes: req.Tests,
		Priority: req.Priority, Notes: req.Notes,
	})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, orderOut(o))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	o, err := h.uc.Get(r.Context(), domain.LabOrderID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, orderOut(o))
}

func (h *Handler) collect(w http.ResponseWriter, r *http.Request) {
	o, err := h.uc.MarkCollected(r.Context(), domain.LabOrderID(r.PathValue("id")), time.Time{})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, orderOut(o))
}

func (h *Handler) record(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Test         string `json:"test"`
		Observations []struct {
			Analyte string  `json:"analyte"`
			Value   float64 `json:"value"`
			Unit    string  `json:"unit"`
		} `json:"observations"`
	}
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	obs := make([]results.Observation, 0, len(req.Observations))
	for _, o := range req.Observations {
		obs = append(obs, results.Observation{Analyte: o.Analyte, Value: o.Value, Unit: o.Unit})
	}
	res, err := h.uc.Record(r.Context(), domain.LabOrderID(r.PathValue("id")), req.Test, domain.StaffID(web.Actor(r)), obs)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, map[string]any{"result": res, "critical": len(res.Critical()) > 0})
}
