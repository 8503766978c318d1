package repo

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/billing/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/page"
)

const invCols = `id, user_id, COALESCE(subscription_id,''), COALESCE(course_id,''), amount_cents, discount_cents, currency,
	COALESCE(coupon_code,''), status, stripe_ref, created_at, paid_at`

func scanInvoice(row interface{ Scan(...any) error }) (domain.Invoice, error) {
	var in domain.Invoice
	var paid sql.NullTime
	err := row.Scan(&in.ID, &in.UserID, &in.SubscriptionID, &in.CourseID, &in.Amount.Amount, &in.Discount.Amount,
		&in.Amount.Currency, &in.CouponCode, &in.Status, &in.StripeRef, &in.CreatedAt, &paid)
	in.Discount.Currency = in.Amount.Currency
	in.PaidAt = db.TimePtr(paid)
	return in, err
}

func (r *Repo) CreateInvoice(ctx context.Context, in domain.Invoice) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO billing_invoices (id, user_id, subscription_id, course_id, amount_cents, discount_cents,
		currency, coupon_code, status, stripe_ref, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
		in.ID, in.UserID, db.NullString(in.SubscriptionID), db.NullString(string(in.CourseID)), in.Amount.Amount, in.Discount.Amount,
		in.Amount.Currency, db.NullString(in.CouponCode), in.Status, in.StripeRef, in.CreatedAt)
	return err
}

func (r *Repo) Invoice(ctx context.Context, id string) (domain.Invoice, error) {
	in, err := scanInvoice(r.q.QueryRowContext(ctx, `SELECT `+invCols+` FROM billing_invoices WHERE id = $1`, id))
	if err != nil {
		return in, db.NotFound("billing.invoice", err)
	}
	return in, nil
}

func (r *Repo) InvoiceByStripeRef(ctx context.Context, ref string) (domain.Invoice, error) {
	in, err := scanInvoice(r.q.QueryRowContext(ctx, `SELECT `+invCols+` FROM billing_invoices WHERE stripe_ref = $1`, ref))
	if err != nil {
		return in, db.NotFound("billing.invoice_by_ref", err)
	}
	return in, nil
}

func (r *Repo) SetInvoiceStatus(ctx context.Context, id string, st domain.InvoiceStatus, paidAt *time.Time) error {
	_, err := r.q.ExecContext(ctx, `UPDATE billing_invoices SET status = $2, paid_at = COALESCE($3, paid_at) WHERE id = $1`,
		id, st, db.NullTime(paidAt))
	return err
}

func (r *Repo) InvoicesForUser(ctx context.Context, uid types.UserID, req page.Request) ([]domain.Invoice, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+invCols+` FROM billing_invoices WHERE user_id = $1
		ORDER BY created_at DESC LIMIT $2 OFFSET $3`, uid, req.Limit, req.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Invoice
	for rows.Next() {
		in, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// HasPaidForCourse reports whether the user bought the course outright.
func (r *Repo) HasPaidForCourse(ctx context.Context, uid types.UserID, cid types.CourseID) (bool, error) {
	var ok bool
	err := r.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM billing_invoices
		WHERE user_id = $1 AND course_id = $2 AND status = 'paid')`, uid, cid).Scan(&ok)
	return ok, err
}
