// Package appointments is the public, versioned booking API used by the
// patient portal and the mobile app. Keep the wire format stable: the
// mobile app in the stores still speaks v1.
package appointments

import (
	"net/http"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
	"github.com/acme/clinic/scheduling"
	"github.com/acme/clinic/scheduling/calendar"
)

const prefix = "/v1"

type API struct {
	sched *scheduling.Service
	loc   *time.Location
}

func NewAPI(sched *scheduling.Service, loc *time.Location) *API {
	return &API{sched: sched, loc: loc}
}

func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST "+prefix+"/appointments", a.book)
	mux.HandleFunc("GET "+prefix+"/appointments/{id}", a.get)
	mux.HandleFunc("DELETE "+prefix+"/appointments/{id}", a.cancel)
	mux.HandleFunc("GET "+prefix+"/practitioners/{id}/slots", a.slots)
}

// AppointmentV1 is the v1 wire format.
type AppointmentV1 struct {
	ID             string    `json:"id"`
	PatientID      string    `json:"patientId"`
	PractitionerID string    `json:"practitionerId"`
	StartsAt       time.Time `json:"startsAt"`
	EndsAt         time.Time `json:"endsAt"`
	Type           string    `json:"type"`
	Status         string    `json:"status"`
	Reason         string    `json:"reason,omitempty"`
	Cancellable    bool      `json:"cancellable"`
}

// BookV1 is the booking request body.
type BookV1 struct {
	PatientID      string    `json:"patientId"`
	PractitionerID string    `json:"practitionerId"`
	StartsAt       time.Time `json:"startsAt"`
	Type           string    `json:"type"`
	Reason         string    `json:"reason"`
}

// SlotV1 is one bookable slot.
type SlotV1 struct {
	StartsAt time.Time `json:"startsAt"`
	EndsAt   time.Time `json:"endsAt"`
}

func (a *API) toV1(ap domain.Appointment) AppointmentV1 {
	return AppointmentV1{
		ID: string(ap.ID), PatientID: string(ap.PatientID), PractitionerID: string(ap.PractitionerID),
		StartsAt: ap.Start.In(a.loc), EndsAt: ap.End.In(a.loc), Type: string(ap.VisitType),
		Status: string(ap.Status), Reason: ap.Reason, Cancellable: ap.Status == domain.AppointmentBooked,
	}
}

func slotsV1(in []calendar.Slot) []SlotV1 {
	out := make([]SlotV1, len(in))
	for i, s := range in {
		out[i] = SlotV1{StartsAt: s.Start, EndsAt: s.End}
	}
	return out
}

func (a *API) book(w http.ResponseWriter, r *http.Request) {
	var body BookV1
	if err := web.Decode(r, &body); err != nil {
		web.Error(w, r, err)
		return
	}
	ap, err := a.sched.Book(r.Context(), scheduling.BookRequest{
		PatientID:      domain.PatientID(body.PatientID),
		PractitionerID: domain.StaffID(body.PractitionerID),
		Start:          body.StartsAt,
		VisitType:      domain.VisitType(body.Type),
		Reason:         body.Reason,
	})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set("Location", prefix+"/appointments/"+string(ap.ID))
	web.JSON(w, http.StatusCreated, a.toV1(ap))
}

func (a *API) get(w http.ResponseWriter, r *http.Request) {
	ap, err := a.sched.Get(r.Context(), domain.AppointmentID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, a.toV1(ap))
}

// cancel from the portal counts as a patient cancellation.
func (a *API) cancel(w http.ResponseWriter, r *http.Request) {
	if err := a.sched.Cancel(r.Context(), domain.AppointmentID(r.PathValue("id")), true); err != nil {
		web.Error(w, r, err)
		return
	}
	web.NoContent(w)
}

func (a *API) slots(w http.ResponseWriter, r *http.Request) {
	day, err := web.QueryDate(r, "date", a.loc)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	vt := domain.VisitType(r.URL.Query().Get("type"))
	if vt == "" {
		vt = domain.VisitFollowUp
	}
	slots, err := a.sched.AvailableSlots(r.Context(), domain.StaffID(r.PathValue("id")), day, vt)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, map[string]any{"date": day.Format("2006-01-02"), "slots": slotsV1(slots)})
}
