// Package bureau holds the monthly Metro 2 credit reporting (furnishing) job.
package bureau

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bureaustore "lendwise.io/platform/internal/bureau/store"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/ids"
)

// FurnishJob reports every open or recently closed loan to the bureau once a month.
type FurnishJob struct {
	DB     *db.DB
	Store  *bureaustore.Store
	OutDir string
}

func (j *FurnishJob) Name() string { return "bureau.furnish" }

type account struct {
	loanID, first, last, ssnToken, status string
	dob, opened                           time.Time
	principal, balance, pastDue           int64
	dpd                                   int
	line1, city, state, zip               string
}

// statusCode maps loan state to the Metro 2 account status code.
func statusCode(status string, dpd int) string {
	switch {
	case status == "paid_off":
		return "13"
	case status == "charged_off":
		return "97"
	case dpd >= 120:
		return "84"
	case dpd >= 90:
		return "80"
	case dpd >= 60:
		return "78"
	case dpd >= 30:
		return "71"
	default:
		return "11"
	}
}

func (j *FurnishJob) Run(ctx context.Context) error {
	now := time.Now().UTC()
	period := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	last, err := j.Store.LastFurnishedPeriod(ctx)
	if err != nil {
		return err
	}
	if !last.Before(period) {
		return nil
	}
	rows, err := j.DB.QueryContext(ctx, `
		SELECT l.id, b.first_name, b.last_name, b.ssn_token, b.date_of_birth, l.booked_at, l.status,
			l.principal_cents, l.principal_balance_cents + l.fees_balance_cents, l.days_past_due,
			COALESCE((SELECT SUM(i.principal_cents + i.interest_cents + i.fees_cents - i.paid_cents)
				FROM loan_installments i WHERE i.loan_id = l.id AND i.status <> 'paid' AND i.due_date < $1), 0),
			a.line1, a.city, a.state, a.postal_code
		FROM loans l
		JOIN borrowers b ON b.id = l.borrower_id
		JOIN borrower_addresses a ON a.borrower_id = b.id AND a.current
		WHERE l.status IN ('active', 'delinquent') OR (l.closed_at >= $2)`, period.AddDate(0, 1, 0), period)
	if err != nil {
		return err
	}
	defer rows.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "HEADER%-20s%s\n", "LENDWISE", period.Format("01022006"))
	n := 0
	for rows.Next() {
		var a account
		if err := rows.Scan(&a.loanID, &a.first, &a.last, &a.ssnToken, &a.dob, &a.opened, &a.status,
			&a.principal, &a.balance, &a.dpd, &a.pastDue, &a.line1, &a.city, &a.state, &a.zip); err != nil {
			return err
		}
		fmt.Fprintf(&b, "BASE%-30s%-25s%-20s%-24s%s%s%09d%09d%09d%s%-32s%-20s%2s%-9s\n",
			a.loanID, strings.ToUpper(a.last), strings.ToUpper(a.first), a.ssnToken, a.dob.Format("01022006"),
			a.opened.Format("01022006"), a.principal/100, a.balance/100, a.pastDue/100, statusCode(a.status, a.dpd),
			strings.ToUpper(a.line1), strings.ToUpper(a.city), a.state, a.zip)
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "TRAILER%09d\n", n)
	name := filepath.Join(j.OutDir, "metro2-"+period.Format("200601")+".txt")
	if err := os.WriteFile(name, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return j.Store.RecordFurnishingRun(ctx, ids.New("fur"), period, n, name)
}
