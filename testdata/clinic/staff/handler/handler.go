// Package handler is the HTTP API for staff administration.
package handler

import (
	"net/http"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
	"github.com/acme/clinic/staff"
	"github.com/acme/clinic/staff/rostering"
)

type StaffHandler struct {
	svc *staff.Service
	loc *time.Location
}

func NewStaffHandler(svc *staff.Service, loc *time.Location) *StaffHandler {
	return &StaffHandler{svc: svc, loc: loc}
}

func (h *StaffHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /staff", h.hire)
	mux.HandleFunc("GET /staff/{id}", h.get)
	mux.HandleFunc("POST /staff/{id}/shifts", h.addShift)
	mux.HandleFunc("GET /staff/{id}/availability", h.availability)
}

type memberJSON struct {
	ID         string `json:"id"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	Role       string `json:"role"`
	Email      string `json:"email"`
	Phone      string `json:"phone,omitempty"`
	Department string `json:"department,omitempty"`
	Active     bool   `json:"active"`
}

func memberOut(m domain.StaffMember) memberJSON {
	return memberJSON{string(m.ID), m.FirstName, m.LastName, string(m.Role), m.Email, m.Phone, m.Department, m.Active}
}

func (h *StaffHandler) hire(w http.ResponseWriter, r *http.Request) {
	var req memberJSON
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	m, err := h.svc.Hire(r.Context(), staff.HireInput{
		FirstName: req.FirstName, LastName: req.LastName, Role: domain.Role(req.Role),
		Email: req.Email, Phone: req.Phone, Department: req.Department,
	})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, memberOut(m))
}

func (h *StaffHandler) get(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Get(r.Context(), domain.StaffID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, memberOut(m))
}

func (h *StaffHandler) addShift(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Start    time.Time `json:"start"`
		End      time.Time `json:"end"`
		Location string    `json:"location"`
		OnCall   bool      `json:"on_call"`
	}
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	id, err := h.svc.Roster().Assign(r.Context(), rostering.Shift{
		StaffID: domain.StaffID(r.PathValue("id")), Start: req.Start.UTC(), End: req.End.UTC(),
		Location: req.Location, OnCall: req.OnCall,
	})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func (h *StaffHandler) availability(w http.ResponseWriter, r *http.Request) {
	day, err := web.QueryDate(r, "day", h.loc)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	ranges, err := h.svc.Availability(r.Context(), domain.StaffID(r.PathValue("id")), day)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	type span struct {
		Start time.Time `json:"start"`
		End   time.Time `json:"end"`
	}
	out := make([]span, 0, len(ranges))
	for _, rg := range ranges {
		rg = rg.In(h.loc)
		out = append(out, span{rg.Start, rg.End})
	}
	web.JSON(w, http.StatusOK, out)
}
