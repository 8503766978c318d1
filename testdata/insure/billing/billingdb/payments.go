package billingdb

import (
	"context"
	"database/sql"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
)

func (r *Repo) InsertPayment(ctx context.Context, p *domain.Payment) error {
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO payments (invoice_id, policy_id, amount, method,
		gateway_ref, status, received_at) VALUES ($1,$2,$3,$4,$5,$6,now()) RETURNING id, received_at`,
		p.InvoiceID, p.PolicyID, p.Amount, p.Method, p.GatewayRef, p.Status).Scan(&p.ID, &p.ReceivedAt)
	return errs.Wrap("billingdb.InsertPayment", err)
}

func (r *Repo) PaymentByGatewayRef(ctx context.Context, ref string) (*domain.Payment, error) {
	var p domain.Payment
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, invoice_id, policy_id, amount, method, gateway_ref,
		status, received_at FROM payments WHERE gateway_ref = $1`, ref).
		Scan(&p.ID, &p.InvoiceID, &p.PolicyID, &p.Amount, &p.Method, &p.GatewayRef, &p.Status, &p.ReceivedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("billingdb.PaymentByGatewayRef", "payment %s", ref)
	}
	return &p, errs.Wrap("billingdb.PaymentByGatewayRef", err)
}

// LastSettled returns the most recent settled payment on a policy, for refunds.
func (r *Repo) LastSettled(ctx context.Context, policyID int64) (*domain.Payment, error) {
	var p domain.Payment
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, invoice_id, policy_id, amount, method, gateway_ref,
		status, received_at FROM payments WHERE policy_id = $1 AND status = 'SETTLED'
		ORDER BY received_at DESC LIMIT 1`, policyID).
		Scan(&p.ID, &p.InvoiceID, &p.PolicyID, &p.Amount, &p.Method, &p.GatewayRef, &p.Status, &p.ReceivedAt)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return &p, errs.Wrap("billingdb.LastSettled", err)
}

func (r *Repo) SetPaymentStatus(ctx context.Context, id int64, status domain.PaymentStatus) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE payments SET status = $2 WHERE id = $1`, id, status)
	return errs.Wrap("billingdb.SetPaymentStatus", err)
}

// Method is a tokenised card or bank account.
type Method struct {
	ID         int64
	CustomerID int64
	Kind       string // CARD, ACH
	Token      string
	Last4      string
	IsDefault  bool
}

func (r *Repo) DefaultMethod(ctx context.Context, customerID int64) (*Method, error) {
	var m Method
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, customer_id, kind, token, last4, is_default
		FROM payment_methods WHERE customer_id = $1 AND is_default AND removed_at IS NULL`, customerID).
		Scan(&m.ID, &m.CustomerID, &m.Kind, &m.Token, &m.Last4, &m.IsDefault)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return &m, errs.Wrap("billingdb.DefaultMethod", err)
}

func (r *Repo) SaveMethod(ctx context.Context, m *Method) error {
	q := db.Q(ctx, r.db)
	if m.IsDefault {
		if _, err := q.ExecContext(ctx, `UPDATE payment_methods SET is_default = false WHERE customer_id = $1`, m.CustomerID); err != nil {
			return errs.Wrap("billingdb.SaveMethod", err)
		}
	}
	var id sql.NullInt64
	err := q.QueryRowContext(ctx, `INSERT INTO payment_methods (customer_id, kind, token, last4, is_default, created_at)
		VALUES ($1,$2,$3,$4,$5,now()) RETURNING id`, m.CustomerID, m.Kind, m.Token, m.Last4, m.IsDefault).Scan(&id)
	m.ID = id.Int64
	return errs.Wrap("billingdb.SaveMethod", err)
}
