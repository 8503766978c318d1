// Package billingreport produces the accounts-receivable reports the
// practice manager pulls at month end.
package billingreport

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/acme/clinic/billing/insurance"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/timeutil"
)

// Bucket is one aging band, by days past due.
type Bucket struct {
	Label        string
	MinDays      int
	MaxDays      int // -1 = open ended
	Count        int
	BalanceCents int64
}

type Aging struct {
	AsOf       time.Time
	Buckets    []Bucket
	TotalCents int64
	ByPayer    map[string]int64
}

func defaultBuckets() []Bucket {
	return []Bucket{
		{Label: "current", MinDays: -1 << 30, MaxDays: 0},
		{Label: "1-30", MinDays: 1, MaxDays: 30},
		{Label: "31-60", MinDays: 31, MaxDays: 60},
		{Label: "61-90", MinDays: 61, MaxDays: 90},
		{Label: "90+", MinDays: 91, MaxDays: -1},
	}
}

type Reports struct {
	db    *sql.DB
	clock timeutil.Clock
}

func New(db *sql.DB, clock timeutil.Clock) *Reports { return &Reports{db: db, clock: clock} }

// Aging buckets open balances by days past due, and splits them by payer
// (joined from the patient's current insurer, which is what the practice
// manager asked for even though it is not quite right historically).
func (r *Reports) Aging(ctx context.Context) (Aging, error) {
	const op errs.Op = "billingreport.Aging"
	now := r.clock.Now()
	rows, err := r.db.QueryContext(ctx, `SELECT i.due_at,
			i.subtotal_cents + i.tax_cents - i.insurance_cents - i.paid_cents AS balance,
			COALESCE(p.insurer_code, '')
		FROM invoices i
		JOIN patients p ON p.id = i.patient_id
		WHERE i.status IN ('issued', 'partially_paid')`)
	if err != nil {
		return Aging{}, errs.Wrap(op, err)
	}
	defer rows.Close()
	rep := Aging{AsOf: now, Buckets: defaultBuckets(), ByPayer: map[string]int64{}}
	for rows.Next() {
		var due time.Time
		var bal int64
		var payer string
		if err := rows.Scan(&due, &bal, &payer); err != nil {
			return Aging{}, errs.Wrap(op, err)
		}
		if bal <= 0 {
			continue
		}
		late := timeutil.DaysBetween(due, now)
		for i := range rep.Buckets {
			b := &rep.Buckets[i]
			if late >= b.MinDays && (b.MaxDays < 0 || late <= b.MaxDays) {
				b.Count++
				b.BalanceCents += bal
				break
			}
		}
		if plan, ok := insurance.LookupPlan(payer); ok {
			payer = plan.Name
		} else if payer == "" {
			payer = "Self-pay"
		}
		rep.ByPayer[payer] += bal
		rep.TotalCents += bal
	}
	return rep, errs.Wrap(op, rows.Err())
}

func (a Aging) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"bucket", "invoices", "balance"})
	for _, b := range a.Buckets {
		_ = cw.Write([]string{b.Label, strconv.Itoa(b.Count), domain.FormatCents(b.BalanceCents)})
	}
	_ = cw.Write([]string{"total", "", domain.FormatCents(a.TotalCents)})
	_ = cw.Write(nil)
	_ = cw.Write([]string{"payer", "", "balance"})
	payers := make([]string, 0, len(a.ByPayer))
	for p := range a.ByPayer {
		payers = append(payers, p)
	}
	sort.Strings(payers)
	for _, p := range payers {
		_ = cw.Write([]string{p, "", domain.FormatCents(a.ByPayer[p])})
	}
	cw.Flush()
	return cw.Error()
}
