// Package statements produces monthly owner statements: rent collected,
// expenses, management fees and the owner's running balance.
package statements

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/maintenance/invoices"
	"github.com/keystoneprop/platform/internal/mgmtfees"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/owners"
)

type Service struct {
	conn     *sql.DB
	owners   *owners.Service
	fees     *mgmtfees.Service
	invoices *invoices.Service
	notify   *notify.Service
}

func NewService(conn *sql.DB, o *owners.Service, f *mgmtfees.Service, i *invoices.Service, n *notify.Service) *Service {
	return &Service{conn: conn, owners: o, fees: f, invoices: i, notify: n}
}

// activity gathers a property's rent and leasing activity for the period.
func (s *Service) activity(ctx context.Context, propertyID string, from, to time.Time) (mgmtfees.Activity, error) {
	var a mgmtfees.Activity
	if err := s.conn.QueryRowContext(ctx, `SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p
		WHERE p.property_id = $1 AND p.status = 'settled' AND p.settled_at >= $2 AND p.settled_at < $3`,
		propertyID, from, to).Scan(&a.RentCollected); err != nil {
		return a, err
	}
	// NSF reversals in the period reduce what we collected on the owner's behalf
	var reversed money.Cents
	if err := s.conn.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_cents), 0) FROM ledger_entries
		WHERE property_id = $1 AND type = 'nsf_reversal' AND posted_on >= $2 AND posted_on < $3 AND voided_at IS NULL`,
		propertyID, from, to).Scan(&reversed); err != nil {
		return a, err
	}
	a.RentCollected -= reversed
	rows, err := s.conn.QueryContext(ctx, `SELECT l.monthly_rent_cents, l.start_date >= $2 AND l.start_date < $3 AS is_new
		FROM leases l WHERE l.property_id = $1 AND l.status IN ('active', 'notice')`, propertyID, from, to)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var rent money.Cents
		var isNew bool
		if err := rows.Scan(&rent, &isNew); err != nil {
			return a, err
		}
		a.OccupiedUnits++
		if isNew {
			a.NewLeaseRents = append(a.NewLeaseRents, rent)
		}
	}
	err = s.conn.QueryRowContext(ctx, `SELECT count(*) FROM lease_renewals r JOIN leases l ON l.id = r.lease_id
		WHERE l.property_id = $1 AND r.status = 'accepted' AND r.responded_at >= $2 AND r.responded_at < $3`, propertyID, from, to).Scan(&a.Renewals)
	return a, err
}

func (s *Service) previousClosing(ctx context.Context, ownerID string, before time.Time) (money.Cents, error) {
	var closing, paid money.Cents
	err := s.conn.QueryRowContext(ctx, `SELECT s.closing_balance_cents, COALESCE((SELECT SUM(d.amount_cents) FROM disbursements d
		WHERE d.statement_id = s.id AND d.status <> 'failed'), 0)
		FROM owner_statements s WHERE s.owner_id = $1 AND s.period_start < $2 ORDER BY s.period_start DESC LIMIT 1`, ownerID, before).Scan(&closing, &paid)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return closing - paid, err
}

// Generate builds and publishes the statement for the month starting at month.
func (s *Service) Generate(ctx context.Context, ownerID string, month time.Time) (models.OwnerStatement, error) {
	from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	st := models.OwnerStatement{ID: ids.New(ids.Statement), OwnerID: ownerID, PeriodStart: from, PeriodEnd: to.AddDate(0, 0, -1),
		Status: "published", GeneratedAt: time.Now().UTC()}
	var err error
	if st.OpeningBalance, err = s.previousClosing(ctx, ownerID, from); err != nil {
		return st, err
	}
	props, err := s.owners.Portfolio(ctx, ownerID)
	if err != nil {
		return st, err
	}
	for _, p := range props {
		act, err := s.activity(ctx, p.ID, from, to)
		if err != nil {
			return st, err
		}
		invs, expense, err := s.invoices.ApprovedForProperty(ctx, p.ID, from, to)
		if err != nil {
			return st, err
		}
		act.VendorExpenses = expense
		sched, err := s.fees.ScheduleFor(ctx, p.ID)
		if err != nil {
			return st, err
		}
		fees := mgmtfees.Compute(sched, act)
		st.Income += act.RentCollected
		st.Expenses += expense
		st.MgmtFees += fees.Total()
		st.Lines = append(st.Lines, models.StatementLine{PropertyID: p.ID, Category: "income", Memo: "Rent collected", Amount: act.RentCollected})
		for _, inv := range invs {
			st.Lines = append(st.Lines, models.StatementLine{PropertyID: p.ID, Category: "repairs", Memo: "Invoice " + inv.Number, Amount: -inv.Amount})
		}
		st.Lines = append(st.Lines, models.StatementLine{PropertyID: p.ID, Category: "mgmt_fee", Memo: "Management fees", Amount: -fees.Total()})
	}
	st.ClosingBalance = st.OpeningBalance + st.Income - st.Expenses - st.MgmtFees
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO owner_statements (id, owner_id, period_start, period_end, opening_balance_cents,
			income_cents, expenses_cents, mgmt_fees_cents, closing_balance_cents, status, generated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
			ON CONFLICT (owner_id, period_start) DO NOTHING`, st.ID, st.OwnerID, st.PeriodStart, st.PeriodEnd, st.OpeningBalance,
			st.Income, st.Expenses, st.MgmtFees, st.ClosingBalance, st.Status, st.GeneratedAt); err != nil {
			return err
		}
		for _, l := range st.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO statement_lines (statement_id, property_id, category, memo, amount_cents)
				VALUES ($1,$2,$3,$4,$5)`, st.ID, l.PropertyID, l.Category, l.Memo, l.Amount); err != nil {
				return err
			}
		}
		return events.Publish(ctx, tx, models.EvtStatementPublished, map[string]string{"statement_id": st.ID, "owner_id": ownerID})
	})
	if err != nil {
		return st, err
	}
	if o, err := s.owners.Get(ctx, ownerID); err == nil {
		_ = s.notify.Email(ctx, o.Email, "owner.statement", map[string]string{"period": from.Format("January 2006"), "amount": st.ClosingBalance.String()})
	}
	return st, nil
}

func (s *Service) Get(ctx context.Context, id string) (models.OwnerStatement, error) {
	var st models.OwnerStatement
	err := s.conn.QueryRowContext(ctx, `SELECT id, owner_id, period_start, period_end, opening_balance_cents, income_cents, expenses_cents,
		mgmt_fees_cents, closing_balance_cents, status, generated_at FROM owner_statements WHERE id = $1`, id).
		Scan(&st.ID, &st.OwnerID, &st.PeriodStart, &st.PeriodEnd, &st.OpeningBalance, &st.Income, &st.Expenses, &st.MgmtFees,
			&st.ClosingBalance, &st.Status, &st.GeneratedAt)
	if err != nil {
		return st, db.Check(err, "statement")
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT property_id, category, memo, amount_cents FROM statement_lines WHERE statement_id = $1`, id)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.StatementLine
		if err := rows.Scan(&l.PropertyID, &l.Category, &l.Memo, &l.Amount); err != nil {
			return st, err
		}
		st.Lines = append(st.Lines, l)
	}
	return st, rows.Err()
}

// MonthlyJob generates last month's statements for every active owner.
type MonthlyJob struct{ svc *Service }

func NewMonthlyJob(s *Service) *MonthlyJob { return &MonthlyJob{svc: s} }

func (j *MonthlyJob) Name() string { return "statements.monthly" }

func (j *MonthlyJob) Run(ctx context.Context) error {
	now := time.Now().UTC()
	if now.Day() < 3 {
		return nil // wait for month-end payments to settle
	}
	last := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	os, err := j.svc.owners.ListActive(ctx)
	if err != nil {
		return err
	}
	log := logging.From(ctx)
	for _, o := range os {
		if _, err := j.svc.Generate(ctx, o.ID, last); err != nil {
			log.Error("statement", "owner", o.ID, "err", err)
		}
	}
	return nil
}
