// Package bankfile builds NACHA (ACH) direct-deposit files for pay runs.
package bankfile

import (
	"fmt"
	"strings"
	"time"

	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// Transaction codes.
const (
	CheckingCredit = "22"
	SavingsCredit  = "32"
)

// Originator identifies the company sending the payments.
type Originator struct {
	ImmediateDestination string // bank routing number
	ImmediateOrigin      string // company id
	CompanyName          string
	CompanyID            string
	ODFI                 string // first 8 digits of originating bank routing
}

// Build returns the ACH file content for a run's payslips.
func Build(o Originator, run models.PayRun, slips []models.Payslip, accounts map[string]models.BankAccount, names map[string]string, now time.Time) (string, []string, error) {
	var b strings.Builder
	var skipped []string
	line := func(s string) {
		if len(s) != 94 {
			s = pad(s, 94)
		}
		b.WriteString(s)
		b.WriteString("\n")
	}
	line(fmt.Sprintf("101 %s%s%s%sA094101%s%s%s",
		pad(o.ImmediateDestination, 9), pad(o.ImmediateOrigin, 10), now.Format("060102"), now.Format("1504"),
		pad("LEDGERLY BANK", 23), pad(o.CompanyName, 23), pad("", 8)))
	line(fmt.Sprintf("5220%s%s%sPPDPAYROLL   %s%s   1%s0000001",
		pad(o.CompanyName, 16), pad("", 20), pad(o.CompanyID, 10), run.PayDate.Format("060102"),
		run.PayDate.Format("060102"), pad(o.ODFI, 8)))
	var count int
	var total, hash int64
	for _, s := range slips {
		acct, ok := accounts[s.EmployeeID]
		if !ok {
			skipped = append(skipped, s.EmployeeID)
			continue
		}
		if len(acct.RoutingNumber) != 9 {
			return "", nil, errs.E(errs.InvalidArgument, "employee %s has invalid routing number", s.EmployeeID)
		}
		code := CheckingCredit
		if acct.AccountType == "savings" {
			code = SavingsCredit
		}
		count++
		total += s.Net.Cents
		var rdfi int64
		fmt.Sscanf(acct.RoutingNumber[:8], "%d", &rdfi)
		hash += rdfi
		line(fmt.Sprintf("6%s%s%s%010d%s%s  0%s%07d",
			code, acct.RoutingNumber, pad(acct.AccountNumber, 17), s.Net.Cents,
			pad(s.EmployeeID, 15), pad(strings.ToUpper(names[s.EmployeeID]), 22), pad(o.ODFI, 8), count))
	}
	hash %= 10_000_000_000
	line(fmt.Sprintf("8220%06d%010d%012d%012d%s%s%s0000001",
		count, hash, 0, total, pad(o.CompanyID, 10), pad("", 25), pad(o.ODFI, 8)))
	blocks := (count + 4 + 9) / 10
	line(fmt.Sprintf("9000001%06d%08d%010d%012d%012d%s", blocks, count, hash, 0, total, pad("", 39)))
	return b.String(), skipped, nil
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}
