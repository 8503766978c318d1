package store

import (
	"context"
	"database/sql"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// PaidSlip is a payslip joined with the employee's work state, used for
// quarterly summaries.
type PaidSlip struct {
	models.Payslip
	WorkState string
}

// PaidSlipsWithState returns payslips of paid runs in p, joined to the
// employees table for the work state. (Joining here is much faster than one
// GetEmployee RPC per payslip when preparing filings.)
func (s *Store) PaidSlipsWithState(ctx context.Context, tenantID string, p dates.Period) ([]PaidSlip, []string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ps.run_id, ps.employee_id, ps.gross_cents, ps.currency, ps.items, e.work_state
		FROM payslips ps
		JOIN pay_runs r ON r.id = ps.run_id
		JOIN employees e ON e.id = ps.employee_id AND e.tenant_id = r.tenant_id
		WHERE r.tenant_id = $1 AND r.status = 'paid' AND r.pay_date BETWEEN $2 AND $3`,
		tenantID, p.Start.Time, p.End.Time)
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "paid slips with state")
	}
	defer rows.Close()
	var out []PaidSlip
	runs := map[string]bool{}
	var runIDs []string
	for rows.Next() {
		var ps PaidSlip
		var g int64
		var cur string
		var items []byte
		if err := rows.Scan(&ps.RunID, &ps.EmployeeID, &g, &cur, &items, &ps.WorkState); err != nil {
			return nil, nil, err
		}
		ps.Gross.Cents, ps.Gross.Currency = g, cur
		if err := unmarshalItems(items, &ps.Items); err != nil {
			return nil, nil, err
		}
		if !runs[ps.RunID] {
			runs[ps.RunID] = true
			runIDs = append(runIDs, ps.RunID)
		}
		out = append(out, ps)
	}
	return out, runIDs, rows.Err()
}

// MarkExpensesReimbursed flags expense reports as paid out in a run. It runs
// in the same transaction that marks the run paid so the two never diverge.
func (s *Store) MarkExpensesReimbursed(ctx context.Context, tx *sql.Tx, tenantID, runID string, reportIDs []string) error {
	if len(reportIDs) == 0 {
		return nil
	}
	args := []any{tenantID, runID}
	for _, id := range reportIDs {
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, `UPDATE expense_reports SET status = 'reimbursed', reimbursed_in = $2
		WHERE tenant_id = $1 AND status = 'approved' AND id IN (`+db.Placeholders(3, len(reportIDs))+`)`, args...)
	return errs.Wrap(err, errs.Internal, "mark expenses reimbursed")
}

// Garnishment is a court-ordered deduction.
type Garnishment struct {
	ID             string
	EmployeeID     string
	Kind           string
	Percent        float64
	FixedCents     int64
	RemainingCents int64
}

// ActiveGarnishments lists garnishments with a remaining balance.
func (s *Store) ActiveGarnishments(ctx context.Context, tenantID string, employeeIDs []string) ([]Garnishment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, employee_id, kind, percent, fixed_cents, remaining_cents
		FROM garnishments WHERE tenant_id = $1 AND remaining_cents > 0 AND employee_id = ANY($2)`, tenantID, employeeIDs)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list garnishments")
	}
	defer rows.Close()
	var out []Garnishment
	for rows.Next() {
		var g Garnishment
		if err := rows.Scan(&g.ID, &g.EmployeeID, &g.Kind, &g.Percent, &g.FixedCents, &g.RemainingCents); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// BankAccounts returns the deposit accounts of employees.
func (s *Store) BankAccounts(ctx context.Context, tenantID string, employeeIDs []string) (map[string]models.BankAccount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT employee_id, routing_number, account_number, account_type
		FROM bank_accounts WHERE tenant_id = $1 AND employee_id = ANY($2) AND is_primary`, tenantID, employeeIDs)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list bank accounts")
	}
	defer rows.Close()
	out := map[string]models.BankAccount{}
	for rows.Next() {
		var b models.BankAccount
		if err := rows.Scan(&b.EmployeeID, &b.RoutingNumber, &b.AccountNumber, &b.AccountType); err != nil {
			return nil, err
		}
		out[b.EmployeeID] = b
	}
	return out, rows.Err()
}
