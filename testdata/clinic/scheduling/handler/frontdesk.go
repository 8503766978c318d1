// Package handler is the front-desk side of scheduling: day sheets,
// check-in, completion and no-shows. Patient-facing booking lives in
// api/v1/appointments.
package handler

import (
	"net/http"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
	"github.com/acme/clinic/scheduling"
)

type FrontDesk struct {
	svc *scheduling.Service
	loc *time.Location
}

func NewFrontDesk(svc *scheduling.Service, loc *time.Location) *FrontDesk {
	return &FrontDesk{svc: svc, loc: loc}
}

func (h *FrontDesk) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /schedule/{staffID}", h.daySheet)
	mux.HandleFunc("POST /appointments/{id}/checkin", h.checkIn)
	mux.HandleFunc("POST /appointments/{id}/complete", h.complete)
	mux.HandleFunc("POST /appointments/{id}/cancel", h.cancel)
}

type row struct {
	ID        string `json:"id"`
	PatientID string `json:"patient_id"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Visit     string `json:"visit_type"`
	Status    string `json:"status"`
	Room      string `json:"room,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

func (h *FrontDesk) toRow(a domain.Appointment) row {
	return row{
		ID: string(a.ID), PatientID: string(a.PatientID),
		Start: a.Start.In(h.loc).Format("15:04"), End: a.End.In(h.loc).Format("15:04"),
		Visit: string(a.VisitType), Status: string(a.Status), Room: a.Room, Reason: a.Reason,
	}
}

func (h *FrontDesk) daySheet(w http.ResponseWriter, r *http.Request) {
	day, err := web.QueryDate(r, "day", h.loc)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	list, err := h.svc.DaySheet(r.Context(), domain.StaffID(r.PathValue("staffID")), day)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	rows := make([]row, 0, len(list))
	counts := map[domain.AppointmentStatus]int{}
	for _, a := range list {
		rows = append(rows, h.toRow(a))
		counts[a.Status]++
	}
	web.JSON(w, http.StatusOK, map[string]any{"day": day.Format("2006-01-02"), "appointments": rows, "counts": counts})
}

func (h *FrontDesk) checkIn(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.CheckIn(r.Context(), domain.AppointmentID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, h.toRow(a))
}

func (h *FrontDesk) complete(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Complete(r.Context(), domain.AppointmentID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, h.toRow(a))
}

// cancel from the front desk never charges the late fee.
func (h *FrontDesk) cancel(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Cancel(r.Context(), domain.AppointmentID(r.PathValue("id")), false); err != nil {
		web.Error(w, r, err)
		return
	}
	web.NoContent(w)
}
