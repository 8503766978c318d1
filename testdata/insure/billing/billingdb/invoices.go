// Package billingdb persists invoices, payments and stored payment methods.
// Tables: invoices, payments, payment_methods.
package billingdb

import (
	"context"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/money"
)

type Repo struct{ db *db.DB }

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

const invCols = `id, number, policy_id, customer_id, installment, amount, paid_amount, due_date, status,
	dunning_step, created_at, updated_at`

func scanInvoice(row interface{ Scan(...any) error }) (*domain.Invoice, error) {
	var i domain.Invoice
	err := row.Scan(&i.ID, &i.Number, &i.PolicyID, &i.CustomerID, &i.Installment, &i.Amount, &i.PaidAmount,
		&i.DueDate, &i.Status, &i.DunningStep, &i.CreatedAt, &i.UpdatedAt)
	return &i, err
}

func (r *Repo) invoices(ctx context.Context, op, q string, args ...any) ([]*domain.Invoice, error) {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	var out []*domain.Invoice
	for rows.Next() {
		i, err := scanInvoice(rows)
		if err != nil {
			return nil, errs.Wrap(op, err)
		}
		out = append(out, i)
	}
	return out, errs.Wrap(op, rows.Err())
}

func (r *Repo) GetInvoice(ctx context.Context, id int64) (*domain.Invoice, error) {
	i, err := scanInvoice(db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+invCols+` FROM invoices WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("billingdb.GetInvoice", "invoice %d", id)
	}
	return i, errs.Wrap("billingdb.GetInvoice", err)
}

func (r *Repo) InsertInvoice(ctx context.Context, i *domain.Invoice) error {
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO invoices (number, policy_id, customer_id, installment,
		amount, paid_amount, due_date, status, dunning_step, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,0,$6,$7,0,now(),now()) RETURNING id`,
		i.Number, i.PolicyID, i.CustomerID, i.Installment, i.Amount, i.DueDate, i.Status).Scan(&i.ID)
	return errs.Wrap("billingdb.InsertInvoice", err)
}

func (r *Repo) ListByPolicy(ctx context.Context, policyID int64) ([]*domain.Invoice, error) {
	return r.invoices(ctx, "billingdb.ListByPolicy",
		`SELECT `+invCols+` FROM invoices WHERE policy_id = $1 ORDER BY installment`, policyID)
}

func (r *Repo) OpenByPolicy(ctx context.Context, policyID int64) ([]*domain.Invoice, error) {
	return r.invoices(ctx, "billingdb.OpenByPolicy", `SELECT `+invCols+` FROM invoices
		WHERE policy_id = $1 AND status IN ('OPEN','PAST_DUE') ORDER BY due_date`, policyID)
}

// DueOn returns open invoices due on day, for autopay.
func (r *Repo) DueOn(ctx context.Context, day time.Time) ([]*domain.Invoice, error) {
	return r.invoices(ctx, "billingdb.DueOn", `SELECT `+invCols+` FROM invoices
		WHERE status = 'OPEN' AND due_date = $1 ORDER BY id`, day)
}

// PastDue returns invoices past due as of day.
func (r *Repo) PastDue(ctx context.Context, day time.Time) ([]*domain.Invoice, error) {
	return r.invoices(ctx, "billingdb.PastDue", `SELECT `+invCols+` FROM invoices
		WHERE status IN ('OPEN','PAST_DUE') AND due_date < $1 AND paid_amount < amount ORDER BY due_date`, day)
}

func (r *Repo) MarkPastDue(ctx context.Context, day time.Time) (int64, error) {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE invoices SET status = 'PAST_DUE', updated_at = now()
		WHERE status = 'OPEN' AND due_date < $1 AND paid_amount < amount`, day)
	if err != nil {
		return 0, errs.Wrap("billingdb.MarkPastDue", err)
	}
	return res.RowsAffected()
}

// ApplyPayment adds amount to the invoice, closing it when fully paid.
func (r *Repo) ApplyPayment(ctx context.Context, invoiceID int64, amount money.Money) error {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE invoices SET paid_amount = paid_amount + $2,
		status = CASE WHEN paid_amount + $2 >= amount THEN 'PAID' ELSE status END, updated_at = now()
		WHERE id = $1 AND status IN ('OPEN','PAST_DUE')`, invoiceID, amount)
	if err != nil {
		return errs.Wrap("billingdb.ApplyPayment", err)
	}
	return db.MustAffect("billingdb.ApplyPayment", res, "open invoice")
}

func (r *Repo) AdjustAmount(ctx context.Context, invoiceID int64, delta money.Money) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE invoices SET amount = GREATEST(amount + $2, paid_amount),
		updated_at = now() WHERE id = $1`, invoiceID, delta)
	return errs.Wrap("billingdb.AdjustAmount", err)
}

// VoidOpen voids a policy's unpaid invoices and returns the voided balance.
func (r *Repo) VoidOpen(ctx context.Context, policyID int64) (money.Money, error) {
	var total money.Money
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `WITH v AS (
			UPDATE invoices SET status = 'VOID', updated_at = now()
			WHERE policy_id = $1 AND status IN ('OPEN','PAST_DUE') RETURNING amount - paid_amount AS bal)
		SELECT COALESCE(sum(bal), 0) FROM v`, policyID).Scan(&total)
	return total, errs.Wrap("billingdb.VoidOpen", err)
}

func (r *Repo) SetDunningStep(ctx context.Context, invoiceID int64, step int) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE invoices SET dunning_step = $2, updated_at = now() WHERE id = $1`, invoiceID, step)
	return errs.Wrap("billingdb.SetDunningStep", err)
}

func (r *Repo) WriteOff(ctx context.Context, invoiceID int64) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE invoices SET status = 'WRITTEN_OFF', updated_at = now() WHERE id = $1`, invoiceID)
	return errs.Wrap("billingdb.WriteOff", err)
}

// OutstandingForPolicy is the unpaid balance due on or before asOf.
func (r *Repo) OutstandingForPolicy(ctx context.Context, policyID int64, asOf time.Time) (money.Money, error) {
	var bal money.Money
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT COALESCE(sum(amount - paid_amount), 0) FROM invoices
		WHERE policy_id = $1 AND status IN ('OPEN','PAST_DUE') AND due_date <= $2`, policyID, asOf).Scan(&bal)
	return bal, errs.Wrap("billingdb.OutstandingForPolicy", err)
}

// PaidForPolicy totals settled payments on a policy.
func (r *Repo) PaidForPolicy(ctx context.Context, policyID int64) (money.Money, error) {
	var t money.Money
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT COALESCE(sum(amount), 0) FROM payments
		WHERE policy_id = $1 AND status = 'SETTLED'`, policyID).Scan(&t)
	return t, errs.Wrap("billingdb.PaidForPolicy", err)
}
