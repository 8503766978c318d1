// Package handler exposes the patients context over HTTP.
package handler

import (
	"net/http"
	"time"

	"github.com/acme/clinic/patients"
	"github.com/acme/clinic/patients/model"
	"github.com/acme/clinic/patients/records"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
)

type Handler struct {
	svc *patients.Service
}

func New(svc *patients.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /patients", h.create)
	mux.HandleFunc("GET /patients/{id}", h.get)
	mux.HandleFunc("POST /patients/{id}/allergies", h.addAllergy)
	mux.HandleFunc("GET /patients/{id}/timeline", h.timeline)
	mux.HandleFunc("POST /patients/{id}/notes", h.addNote)
}

type patientDTO struct {
	ID           string `json:"id"`
	MRN          string `json:"mrn"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	DateOfBirth  string `json:"date_of_birth"`
	Sex          string `json:"sex"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	InsurerCode  string `json:"insurer_code,omitempty"`
	PolicyNumber string `json:"policy_number,omitempty"`
}

func toDTO(p domain.Patient) patientDTO {
	return patientDTO{
		ID: string(p.ID), MRN: p.MRN, FirstName: p.FirstName, LastName: p.LastName,
		DateOfBirth: p.DateOfBirth.Format("2006-01-02"), Sex: string(p.Sex),
		Phone: p.Phone, Email: p.Email, InsurerCode: p.InsurerCode, PolicyNumber: p.PolicyNumber,
	}
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var req patientDTO
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	p, err := h.svc.Register(r.Context(), patients.RegisterInput{
		FirstName: req.FirstName, LastName: req.LastName, DateOfBirth: req.DateOfBirth, Sex: req.Sex,
		Phone: req.Phone, Email: req.Email, InsurerCode: req.InsurerCode, PolicyNumber: req.PolicyNumber,
	})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, toDTO(p))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), domain.PatientID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, toDTO(p))
}

type allergyDTO struct {
	ID         int64     `json:"id"`
	Substance  string    `json:"substance"`
	Reaction   string    `json:"reaction"`
	Severity   string    `json:"severity"`
	RecordedAt time.Time `json:"recorded_at"`
}

func (h *Handler) addAllergy(w http.ResponseWriter, r *http.Request) {
	var req allergyDTO
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	a, err := h.svc.RecordAllergy(r.Context(), domain.PatientID(r.PathValue("id")), domain.StaffID(web.Actor(r)),
		req.Substance, req.Reaction, model.Severity(req.Severity))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, allergyDTO{a.ID, a.Substance, a.Reaction, string(a.Severity), a.RecordedAt})
}

type entryDTO struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Code      string    `json:"code,omitempty"`
	Body      string    `json:"body"`
	AuthorID  string    `json:"author_id"`
	Amended   bool      `json:"amended"`
	CreatedAt time.Time `json:"created_at"`
}

func (h *Handler) timeline(w http.ResponseWriter, r *http.Request) {
	entries, err := h.svc.Records().Timeline(r.Context(), domain.PatientID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	kind := records.Kind(r.URL.Query().Get("kind"))
	out := make([]entryDTO, 0, len(entries))
	for _, e := range entries {
		if kind != "" && e.Kind != kind {
			continue
		}
		out = append(out, entryDTO{e.ID, string(e.Kind), e.Code, e.Body, string(e.AuthorID), e.AmendsID != nil, e.CreatedAt})
	}
	web.JSON(w, http.StatusOK, out)
}

// addNote takes a free-text note, or a diagnosis when code is set.
func (h *Handler) addNote(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Code string `json:"code"`
		Body string `json:"body"`
	}
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	pid, author := domain.PatientID(r.PathValue("id")), domain.StaffID(web.Actor(r))
	var id int64
	var err error
	if req.Code != "" {
		id, err = h.svc.Records().AddDiagnosis(r.Context(), pid, author, req.Code, req.Body)
	} else {
		id, err = h.svc.Records().AddNote(r.Context(), pid, author, req.Body)
	}
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, map[string]int64{"id": id})
}
