// Package expenses handles employee expense reports. It predates the RPC
// layer; payroll calls it directly to pick up approved reimbursements.
package expenses

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/expenses/store"
)

// Category limits per receipt, in cents. Zero means no limit.
var CategoryLimits = map[string]int64{"meals": 7_500, "lodging": 35_000, "travel": 0, "equipment": 50_000, "other": 20_000}

// Service is the expenses domain service.
type Service struct {
	store  *store.Store
	people peoplepb.PeopleServiceClient
	bus    events.Publisher
	mail   notify.Sender
}

// New builds a Service.
func New(s *store.Store, people peoplepb.PeopleServiceClient, bus events.Publisher, mail notify.Sender) *Service {
	return &Service{store: s, people: people, bus: bus, mail: mail}
}

// Submit files a new report for the caller.
func (s *Service) Submit(ctx context.Context, title string, items []models.ExpenseItem) (models.ExpenseReport, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok || pr.EmployeeID == "" {
		return models.ExpenseReport{}, errs.E(errs.Unauthenticated, "employee login required")
	}
	if len(items) == 0 {
		return models.ExpenseReport{}, errs.E(errs.InvalidArgument, "report has no items")
	}
	total := money.Zero(items[0].Amount.Currency)
	for i := range items {
		it := &items[i]
		lim, known := CategoryLimits[it.Category]
		if !known {
			return models.ExpenseReport{}, errs.E(errs.InvalidArgument, "unknown category %q", it.Category)
		}
		if lim > 0 && it.Amount.Cents > lim {
			return models.ExpenseReport{}, errs.E(errs.InvalidArgument, "%s receipt over limit of %s", it.Category, money.New(lim, it.Amount.Currency))
		}
		if it.SpentOn.After(time.Now()) || time.Since(it.SpentOn) > 90*24*time.Hour {
			return models.ExpenseReport{}, errs.E(errs.InvalidArgument, "receipts must be from the last 90 days")
		}
		it.ID = db.NewID("exi")
		total = total.Add(it.Amount)
	}
	now := time.Now().UTC()
	r := models.ExpenseReport{
		ID: db.NewID("exp"), TenantID: pr.TenantID, EmployeeID: pr.EmployeeID, Title: title,
		Status: models.ExpenseSubmitted, Total: total, Items: items, SubmittedAt: &now,
	}
	if err := s.store.Create(ctx, r); err != nil {
		return models.ExpenseReport{}, err
	}
	return r, nil
}

// Decide approves or rejects a submitted report. Managers only.
func (s *Service) Decide(ctx context.Context, id string, approve bool) (models.ExpenseReport, error) {
	if err := auth.Require(ctx, auth.RoleManager); err != nil {
		return models.ExpenseReport{}, err
	}
	pr, _ := auth.FromContext(ctx)
	r, err := s.store.Get(ctx, pr.TenantID, id)
	if err != nil {
		return r, err
	}
	if r.Status != models.ExpenseSubmitted {
		return r, errs.E(errs.FailedPrecondition, "report is %s", r.Status)
	}
	if r.EmployeeID == pr.EmployeeID {
		return r, errs.E(errs.PermissionDenied, "cannot approve your own expenses")
	}
	st := models.ExpenseRejected
	if approve {
		st = models.ExpenseApproved
	}
	if err := s.store.SetStatus(ctx, pr.TenantID, id, st, pr.UserID); err != nil {
		return r, err
	}
	r.Status, r.ApprovedBy = st, pr.UserID
	if approve {
		_ = s.bus.Publish(ctx, events.TopicExpenseApproved, r)
	}
	if emp, err := s.people.GetEmployee(ctx, &peoplepb.GetEmployeeRequest{Id: r.EmployeeID}); err == nil && emp.Employee != nil {
		_ = s.mail.Send(ctx, notify.Message{To: emp.Employee.Email, Subject: "Expense report update", Template: "expense_decided",
			Data: map[string]any{"Name": emp.Employee.FirstName, "Title": r.Title, "Status": r.Status}})
	}
	return r, nil
}

// ApprovedUnpaid returns approved reports not yet reimbursed, for payroll.
func (s *Service) ApprovedUnpaid(ctx context.Context, tenantID string, employeeIDs []string) ([]models.ExpenseReport, error) {
	return s.store.ByStatus(ctx, tenantID, models.ExpenseApproved, employeeIDs)
}

// Routes returns the legacy REST API mounted at /api/expenses/.
func (s *Service) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/expenses/reports", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Title string               `json:"title"`
			Items []models.ExpenseItem `json:"items"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		rep, err := s.Submit(r.Context(), body.Title, body.Items)
		respond(w, http.StatusCreated, rep, err)
	})
	mux.HandleFunc("POST /api/expenses/reports/{id}/approve", func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.Decide(r.Context(), r.PathValue("id"), true)
		respond(w, http.StatusOK, rep, err)
	})
	mux.HandleFunc("POST /api/expenses/reports/{id}/reject", func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.Decide(r.Context(), r.PathValue("id"), false)
		respond(w, http.StatusOK, rep, err)
	})
	return mux
}

func respond(w http.ResponseWriter, status int, v any, err error) {
	if err != nil {
		writeJSON(w, errs.HTTPStatus(errs.CodeOf(err)), map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, status, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
