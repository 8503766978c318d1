// Package portal is the broker-facing HTTP API served by cmd/partner-portal.
package portal

import (
	"net/http"
	"time"

	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/partners"
	"lendwise.io/platform/partners/commissions"
)

type Portal struct {
	svc  *partners.Service
	comm *commissions.Calculator
}

func New(svc *partners.Service, comm *commissions.Calculator) *Portal {
	return &Portal{svc: svc, comm: comm}
}

func (p *Portal) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /portal/v1/dashboard", p.dashboard)
	mux.HandleFunc("POST /portal/v1/referrals", p.refer)
	mux.HandleFunc("GET /portal/v1/applications", p.applications)
	mux.HandleFunc("GET /portal/v1/commissions", p.commissions)
}

func partner(r *http.Request) (auth.Principal, error) {
	return auth.Require(r.Context(), auth.RolePartner)
}

func (p *Portal) dashboard(w http.ResponseWriter, r *http.Request) {
	who, err := partner(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := p.svc.Dashboard(r.Context(), who.PartnerID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}

func (p *Portal) refer(w http.ResponseWriter, r *http.Request) {
	who, err := partner(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in partners.ReferralInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := p.svc.Refer(r.Context(), who.PartnerID, who.Subject, in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, res)
}

func (p *Portal) applications(w http.ResponseWriter, r *http.Request) {
	who, err := partner(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	limit := min(httpx.QueryInt(r, "limit", 25), 100)
	apps, err := p.svc.Applications(r.Context(), who.PartnerID, limit, httpx.QueryInt(r, "offset", 0))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": apps})
}

func (p *Portal) commissions(w http.ResponseWriter, r *http.Request) {
	who, err := partner(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	period := r.URL.Query().Get("period")
	if period == "" {
		period, _, _ = commissions.Period(time.Now())
	}
	lines, total, err := p.comm.Statement(r.Context(), who.PartnerID, period)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"period": period, "lines": lines, "total": total})
}
