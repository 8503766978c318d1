// Package payments collects rent and fees from tenants through the gateway.
package payments

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/payments/gateway"
	"github.com/keystoneprop/platform/internal/tenants"
)

// NSFFee is charged when an ACH payment is returned.
const NSFFee money.Cents = 3500

type Service struct {
	conn    *sql.DB
	gw      *gateway.Client
	ledger  *ledger.Service
	tenants *tenants.Service
	notify  *notify.Service
}

func NewService(conn *sql.DB, gw *gateway.Client, l *ledger.Service, t *tenants.Service, n *notify.Service) *Service {
	return &Service{conn: conn, gw: gw, ledger: l, tenants: t, notify: n}
}

type PayRequest struct {
	LeaseID    string
	PropertyID string
	TenantID   string
	MethodID   string
	Amount     money.Cents
	Autopay    bool
}

// Pay initiates a payment. The ledger is credited only once the gateway
// reports settlement (see Settle).
func (s *Service) Pay(ctx context.Context, r PayRequest) (models.Payment, error) {
	if r.Amount <= 0 {
		return models.Payment{}, errs.E(errs.Invalid, "amount must be positive")
	}
	m, err := s.Method(ctx, r.MethodID)
	if err != nil {
		return models.Payment{}, err
	}
	if m.TenantID != r.TenantID {
		return models.Payment{}, errs.E(errs.Forbidden, "payment method does not belong to tenant")
	}
	bal, err := s.ledger.Balance(ctx, r.LeaseID)
	if err != nil {
		return models.Payment{}, err
	}
	// we accept prepayment of up to one extra month but not arbitrary amounts
	if r.Amount > bal.Balance+bal.Charges/12+100000 {
		return models.Payment{}, errs.E(errs.Invalid, "payment exceeds balance plus allowed prepayment")
	}
	var blocked bool
	_ = s.conn.QueryRowContext(ctx, `SELECT cash_only FROM payment_restrictions WHERE lease_id = $1`, r.LeaseID).Scan(&blocked)
	if blocked {
		return models.Payment{}, errs.E(errs.Forbidden, "lease is restricted to certified funds after returned payments")
	}
	p := models.Payment{ID: ids.New(ids.Payment), LeaseID: r.LeaseID, TenantID: r.TenantID, MethodID: r.MethodID,
		Amount: r.Amount, Status: models.PayPending, Autopay: r.Autopay, CreatedAt: time.Now().UTC()}
	if _, err := s.conn.ExecContext(ctx, `INSERT INTO payments (id, lease_id, property_id, tenant_id, method_id, amount_cents, status, autopay, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, p.ID, p.LeaseID, r.PropertyID, p.TenantID, p.MethodID, p.Amount, p.Status, p.Autopay, p.CreatedAt); err != nil {
		return p, err
	}
	res, err := s.gw.Charge(ctx, m.GatewayRef, p.Amount, p.ID, "KEYSTONE RENT")
	if err != nil {
		return p, errs.Wrap(err, errs.Unavailable, "payment processor unavailable")
	}
	p.GatewayRef, p.Fee = res.Ref, money.Cents(res.Fee)
	if res.Status == "failed" {
		p.Status, p.FailureCode = models.PayFailed, res.Code
	}
	_, err = s.conn.ExecContext(ctx, `UPDATE payments SET gateway_ref = $2, fee_cents = $3, status = $4, failure_code = $5 WHERE id = $1`,
		p.ID, p.GatewayRef, p.Fee, p.Status, db.NullString(p.FailureCode))
	return p, err
}

// ChargeApplicationFee collects a non-refundable application fee with a
// one-time token from the applicant's browser.
func (s *Service) ChargeApplicationFee(ctx context.Context, applicationID, token string, amt money.Cents) (string, error) {
	id := ids.New(ids.Payment)
	res, err := s.gw.Charge(ctx, token, amt, "appfee:"+applicationID, "KEYSTONE APP FEE")
	if err != nil {
		return "", errs.Wrap(err, errs.Unavailable, "payment processor unavailable")
	}
	if res.Status == "failed" {
		return "", errs.E(errs.Invalid, "application fee declined: %s", res.Code)
	}
	_, err = s.conn.ExecContext(ctx, `INSERT INTO payments (id, application_id, amount_cents, fee_cents, status, gateway_ref, created_at)
		VALUES ($1,$2,$3,$4,'settled',$5, now())`, id, applicationID, amt, res.Fee, res.Ref)
	return id, err
}

func (s *Service) byGatewayRef(ctx context.Context, ref string) (models.Payment, string, error) {
	var p models.Payment
	var propertyID string
	err := s.conn.QueryRowContext(ctx, `SELECT id, lease_id, property_id, tenant_id, amount_cents, status FROM payments WHERE gateway_ref = $1`, ref).
		Scan(&p.ID, &p.LeaseID, &propertyID, &p.TenantID, &p.Amount, &p.Status)
	return p, propertyID, db.Check(err, "payment")
}

// Settle is called from the gateway webhook when a charge clears.
func (s *Service) Settle(ctx context.Context, gatewayRef string) error {
	p, propertyID, err := s.byGatewayRef(ctx, gatewayRef)
	if err != nil {
		return err
	}
	if p.Status == models.PaySettled {
		return nil
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET status = 'settled', settled_at = now() WHERE id = $1`, p.ID); err != nil {
			return err
		}
		if err := s.ledger.PostPayment(ctx, tx, p, propertyID); err != nil {
			return err
		}
		return events.Publish(ctx, tx, models.EvtPaymentSettled, models.PaymentEvent{PaymentID: p.ID, LeaseID: p.LeaseID, TenantID: p.TenantID, Amount: p.Amount})
	})
	if err != nil {
		return err
	}
	if t, err := s.tenants.Get(ctx, p.TenantID); err == nil {
		_ = s.notify.Tenant(ctx, t, "payment.received", map[string]string{"amount": p.Amount.String()})
	}
	return nil
}

// Return handles an ACH return (NSF, closed account...) after settlement:
// reverse the payment on the ledger, charge the NSF fee, and after two
// returns in 12 months restrict the lease to certified funds.
func (s *Service) Return(ctx context.Context, gatewayRef, code string) error {
	p, propertyID, err := s.byGatewayRef(ctx, gatewayRef)
	if err != nil {
		return err
	}
	if p.Status == models.PayReturned {
		return nil
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET status = 'returned', failure_code = $2 WHERE id = $1`, p.ID, code); err != nil {
			return err
		}
		if p.Status == models.PaySettled {
			if _, err := s.ledger.Post(ctx, tx, models.LedgerEntry{LeaseID: p.LeaseID, PropertyID: propertyID, Type: models.EntryNSF,
				Amount: p.Amount, Memo: "Returned payment " + p.ID + " (" + code + ")", PaymentID: p.ID}); err != nil {
				return err
			}
			if _, err := s.ledger.Post(ctx, tx, models.LedgerEntry{LeaseID: p.LeaseID, PropertyID: propertyID, Type: models.EntryLateFee,
				Amount: NSFFee, Memo: "NSF fee", SourceRef: "nsf:" + p.ID}); err != nil {
				return err
			}
		}
		var returns int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE lease_id = $1 AND status = 'returned'
			AND created_at > now() - interval '12 months'`, p.LeaseID).Scan(&returns); err != nil {
			return err
		}
		if returns >= 2 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO payment_restrictions (lease_id, cash_only, since) VALUES ($1, true, now())
				ON CONFLICT (lease_id) DO UPDATE SET cash_only = true`, p.LeaseID); err != nil {
				return err
			}
		}
		return events.Publish(ctx, tx, models.EvtPaymentReturned, models.PaymentEvent{PaymentID: p.ID, LeaseID: p.LeaseID, TenantID: p.TenantID, Amount: p.Amount, Reason: code})
	})
	if err != nil {
		return err
	}
	if t, err := s.tenants.Get(ctx, p.TenantID); err == nil {
		_ = s.notify.Tenant(ctx, t, "payment.returned", map[string]string{"amount": p.Amount.String(), "reason": code})
	}
	return nil
}

func (s *Service) Fail(ctx context.Context, gatewayRef, code string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE payments SET status = 'failed', failure_code = $2 WHERE gateway_ref = $1 AND status = 'pending'`, gatewayRef, code)
	return db.MustAffect(res, err, "pending payment")
}

func (s *Service) ListForLease(ctx context.Context, leaseID string, limit, offset int) ([]models.Payment, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, lease_id, tenant_id, method_id, amount_cents, fee_cents, status,
		COALESCE(gateway_ref, ''), COALESCE(failure_code, ''), autopay, created_at, settled_at
		FROM payments WHERE lease_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3`, leaseID, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		var p models.Payment
		var settled sql.NullTime
		if err := rows.Scan(&p.ID, &p.LeaseID, &p.TenantID, &p.MethodID, &p.Amount, &p.Fee, &p.Status,
			&p.GatewayRef, &p.FailureCode, &p.Autopay, &p.CreatedAt, &settled); err != nil {
			return nil, err
		}
		if settled.Valid {
			p.SettledAt = &settled.Time
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
