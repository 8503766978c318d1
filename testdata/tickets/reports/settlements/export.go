// Package settlements exports promoter settlements as CSV for the finance
// team's bank upload. It predates the internal/ layout and is run from
// cmd/reportgen.
package settlements

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
)

// Row is one exported settlement.
type Row struct {
	SettlementID string
	PromoterID   string
	PromoterName string
	IBAN         string
	PeriodEnd    time.Time
	Net          money.Money
	Events       int
}

// Exporter writes settlement CSVs.
type Exporter struct{ db *sql.DB }

// NewExporter builds an exporter.
func NewExporter(d *sql.DB) *Exporter { return &Exporter{db: d} }

// Load reads approved, unpaid settlements ending in the given window.
func (e *Exporter) Load(ctx context.Context, from, to time.Time) ([]Row, error) {
	rows, err := e.db.QueryContext(ctx, `
		SELECT s.id, s.promoter_id, p.name, p.payout_iban, s.period_end, s.net_minor, s.currency,
		       (SELECT count(*) FROM settlement_lines l WHERE l.settlement_id = s.id)
		FROM settlements s JOIN promoters p ON p.id = s.promoter_id
		WHERE s.status = 'approved' AND s.period_end >= $1 AND s.period_end < $2
		ORDER BY p.name`, from, to)
	if err != nil {
		return nil, errs.Wrap(err, "reports.settlements.Load")
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var amt int64
		var cur string
		if err := rows.Scan(&r.SettlementID, &r.PromoterID, &r.PromoterName, &r.IBAN, &r.PeriodEnd, &amt, &cur, &r.Events); err != nil {
			return nil, err
		}
		r.Net = money.New(amt, cur)
		out = append(out, r)
	}
	return out, rows.Err()
}

// WriteCSV writes the bank upload format.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"reference", "beneficiary", "iban", "amount", "currency", "events", "period_end"}); err != nil {
		return err
	}
	for _, r := range rows {
		if r.Net.Amount <= 0 {
			continue
		}
		if err := cw.Write([]string{
			"GH-STL-" + r.SettlementID[len(r.SettlementID)-8:],
			r.PromoterName, r.IBAN,
			fmt.Sprintf("%d.%02d", r.Net.Amount/100, r.Net.Amount%100), r.Net.Currency,
			strconv.Itoa(r.Events), r.PeriodEnd.Format(time.DateOnly),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
