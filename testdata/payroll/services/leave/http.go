package leave

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// Routes returns the legacy REST API mounted at /api/leave/.
func (s *Service) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/leave/requests", s.handleRequest)
	mux.HandleFunc("POST /api/leave/requests/{id}/decision", s.handleDecide)
	mux.HandleFunc("GET /api/leave/balances/{employee}", s.handleBalances)
	return mux
}

func (s *Service) handleRequest(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Type   models.LeaveType `json:"type"`
		Start  string           `json:"start"`
		End    string           `json:"end"`
		Reason string           `json:"reason"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeErr(w, errs.Wrap(err, errs.InvalidArgument, "decode"))
		return
	}
	start, err1 := dates.Parse(body.Start)
	end, err2 := dates.Parse(body.End)
	if err1 != nil || err2 != nil {
		writeErr(w, errs.E(errs.InvalidArgument, "dates must be YYYY-MM-DD"))
		return
	}
	req, err := s.Request(r.Context(), body.Type, dates.Period{Start: start, End: end}, body.Reason)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, req)
}

func (s *Service) handleDecide(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Decision string `json:"decision"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeErr(w, errs.Wrap(err, errs.InvalidArgument, "decode"))
		return
	}
	req, err := s.Decide(r.Context(), r.PathValue("id"), strings.EqualFold(body.Decision, "approve"))
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}

func (s *Service) handleBalances(w http.ResponseWriter, r *http.Request) {
	pr, ok := auth.FromContext(r.Context())
	if !ok {
		writeErr(w, errs.E(errs.Unauthenticated, "login required"))
		return
	}
	emp := r.PathValue("employee")
	if emp != pr.EmployeeID && !pr.Has(auth.RoleManager) {
		writeErr(w, errs.E(errs.PermissionDenied, "cannot view another employee's balances"))
		return
	}
	bals, err := s.Balances(r.Context(), pr.TenantID, emp)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, bals)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, err error) {
	writeJSON(w, errs.HTTPStatus(errs.CodeOf(err)), map[string]string{"error": err.Error()})
}
