package server

import (
	"encoding/json"
	"net/http"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/services/leave"
)

// Profile is the employee directory card shown in the web app.
type Profile struct {
	Employee      models.Employee       `json:"employee"`
	Department    []string              `json:"department_path"`
	Manager       *models.Employee      `json:"manager,omitempty"`
	DirectReports int                   `json:"direct_reports"`
	LeaveBalances []models.LeaveBalance `json:"leave_balances,omitempty"`
}

// ProfileHandler serves GET /api/people/{id}/profile. The directory page
// wanted PTO balances on the card, so this calls the leave service in-process.
func (s *Server) ProfileHandler(lv *leave.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		pr, ok := auth.FromContext(ctx)
		if !ok {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		id := r.PathValue("id")
		emp, err := s.store.GetEmployee(ctx, pr.TenantID, id)
		if err != nil {
			http.Error(w, err.Error(), errs.HTTPStatus(errs.CodeOf(err)))
			return
		}
		chart, err := s.org.Load(ctx, pr.TenantID)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p := Profile{Employee: emp, Department: chart.DepartmentPath(emp.DepartmentID)}
		if m, ok := chart.DirectManager(id); ok {
			p.Manager = &m
		}
		p.DirectReports = chart.SpanOfControl(id)
		if pr.EmployeeID == id || chart.IsManagerOf(pr.EmployeeID, id) || pr.Has(auth.RoleAdmin) {
			if bals, err := lv.Balances(ctx, pr.TenantID, id); err == nil {
				p.LeaveBalances = bals
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(p)
	})
}
