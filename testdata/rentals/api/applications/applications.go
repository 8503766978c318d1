// Package applications exposes rental application endpoints.
package applications

import (
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/applications"
	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

type Handler struct{ Apps *applications.Service }

func (h *Handler) RegisterPublic(mux *http.ServeMux) {
	mux.HandleFunc("POST /public/listings/{id}/applications", httpx.H(h.submit))
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/listings/{id}/applications", httpx.H(h.list))
	mux.HandleFunc("GET /v1/applications/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /v1/applications/{id}/screen", httpx.H(h.screen))
	mux.HandleFunc("POST /v1/applications/{id}/decision", httpx.H(h.decide))
}

type submitReq struct {
	Name          string    `json:"name"`
	Email         string    `json:"email"`
	Phone         string    `json:"phone"`
	MonthlyIncome string    `json:"monthly_income"`
	SSNLast4      string    `json:"ssn_last4"`
	MoveInDate    time.Time `json:"move_in_date"`
	FeeToken      string    `json:"fee_token"`
	State         string    `json:"state"`
}

func (h *Handler) submit(r *http.Request) (int, any, error) {
	var req submitReq
	if err := httpx.Decode(r, &req); err != nil {
		return 0, nil, err
	}
	income, _ := money.Parse(req.MonthlyIncome)
	a, err := h.Apps.Submit(r.Context(), models.Application{
		ListingID: r.PathValue("id"), ApplicantName: req.Name, Email: req.Email, Phone: req.Phone,
		MonthlyIncome: income, SSNLast4: req.SSNLast4, MoveInDate: req.MoveInDate,
	}, req.FeeToken, req.State)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]string{"id": a.ID, "status": string(a.Status)}, nil
}

func (h *Handler) list(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	as, err := h.Apps.ListForListing(r.Context(), r.PathValue("id"))
	return http.StatusOK, as, err
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	a, err := h.Apps.Get(r.Context(), r.PathValue("id"))
	return http.StatusOK, a, err
}

func (h *Handler) screen(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	rep, err := h.Apps.Screen(r.Context(), r.PathValue("id"))
	return http.StatusOK, rep, err
}

type decisionReq struct {
	Approve      bool            `json:"approve"`
	Reason       string          `json:"reason"`
	ExtraDeposit string          `json:"extra_deposit"`
	CoApplicants []models.Tenant `json:"co_applicants"`
	LeaseStart   time.Time       `json:"lease_start"`
	TermMonths   int             `json:"term_months"`
}

func (h *Handler) decide(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	var req decisionReq
	if err := httpx.Decode(r, &req); err != nil {
		return 0, nil, err
	}
	extra, _ := money.Parse(req.ExtraDeposit)
	lease, err := h.Apps.Decide(r.Context(), r.PathValue("id"), applications.Decision{
		Approve: req.Approve, Reason: req.Reason, ExtraDeposit: extra, DecidedBy: c.UserID,
		CoApplicants: req.CoApplicants, LeaseStart: req.LeaseStart, LeaseTermMonth: req.TermMonths,
	})
	if err != nil {
		return 0, nil, err
	}
	if !req.Approve {
		return http.StatusNoContent, nil, nil
	}
	return http.StatusCreated, lease, nil
}
