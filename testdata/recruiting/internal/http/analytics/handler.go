// Package analytics exposes hiring reports.
package analytics

import (
	"net/http"
	"time"

	appanalytics "github.com/hirebase/ats/internal/app/analytics"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct{ svc *appanalytics.Service }

func New(svc *appanalytics.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/reports/funnel", h.funnel)
	mux.HandleFunc("GET /api/reports/time-to-fill", h.timeToFill)
	mux.HandleFunc("GET /api/reports/eeo", httpx.RequireRole(models.RoleAdmin, h.eeo))
	mux.HandleFunc("POST /api/applications/{id}/eeo", httpx.RequireRole(models.RoleRecruiter, h.recordEEO))
}

// rangeFrom reads ?from=&to= (inclusive dates) or ?days=N.
func rangeFrom(r *http.Request) (appanalytics.Range, error) {
	q := r.URL.Query()
	if q.Get("from") == "" {
		return appanalytics.LastDays(httpx.QueryInt(r, "days", 30), time.Now()), nil
	}
	from, err1 := time.Parse("2006-01-02", q.Get("from"))
	to, err2 := time.Parse("2006-01-02", q.Get("to"))
	if err1 != nil || err2 != nil {
		return appanalytics.Range{}, errs.Validation("from and to must be YYYY-MM-DD")
	}
	return appanalytics.Range{From: from, To: to.AddDate(0, 0, 1)}, nil
}

func (h *Handler) funnel(w http.ResponseWriter, r *http.Request) {
	rg, err := rangeFrom(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rows, err := h.svc.Funnel(r.Context(), httpx.MustPrincipal(r).TenantID, r.URL.Query().Get("requisition_id"), rg)
	httpx.Reply(w, r, http.StatusOK, rows, err)
}

func (h *Handler) timeToFill(w http.ResponseWriter, r *http.Request) {
	rg, err := rangeFrom(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rows, median, err := h.svc.TimeToFill(r.Context(), httpx.MustPrincipal(r).TenantID, rg)
	httpx.Reply(w, r, http.StatusOK, map[string]any{"rows": rows, "median_days": median}, err)
}

func (h *Handler) eeo(w http.ResponseWriter, r *http.Request) {
	rg, err := rangeFrom(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rep, err := h.svc.EEO(r.Context(), httpx.MustPrincipal(r).TenantID, rg)
	httpx.Reply(w, r, http.StatusOK, rep, err)
}

func (h *Handler) recordEEO(w http.ResponseWriter, r *http.Request) {
	var b struct{ Gender, Ethnicity, Veteran string }
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	err := h.svc.RecordEEO(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), b.Gender, b.Ethnicity, b.Veteran)
	httpx.Reply(w, r, http.StatusNoContent, nil, err)
}
