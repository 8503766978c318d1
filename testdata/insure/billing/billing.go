// Package billing turns policy premium into invoices, collects payments and
// returns unearned premium.
package billing

import (
	"context"
	"time"

	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/billing/payments"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/policy/policydb"
)

// InstallmentFee is charged on every installment after the first.
var InstallmentFee = money.Dollars(5)

type Service struct {
	db       *db.DB
	repo     *billingdb.Repo
	gateway  payments.Gateway
	policies *policydb.Repo // statements and endorsement billing read the policy directly
	bus      events.Publisher
	clock    dates.Clock
	log      *log.Logger
}

func NewService(pool *db.DB, repo *billingdb.Repo, gw payments.Gateway, policies *policydb.Repo,
	bus events.Publisher, clock dates.Clock) *Service {
	return &Service{db: pool, repo: repo, gateway: gw, policies: policies, bus: bus, clock: clock, log: log.New("billing")}
}

// Schedule builds the installment invoices for a term.
func Schedule(policyID, customerID int64, premium money.Money, plan domain.BillingPlan, effective time.Time, termMonths int) []*domain.Invoice {
	n := plan.Installments(termMonths)
	if n < 1 {
		n = 1
	}
	step := termMonths / n
	parts := premium.Allocate(n)
	out := make([]*domain.Invoice, n)
	for i := range n {
		amt := parts[i]
		if i > 0 {
			amt += InstallmentFee
		}
		due := dates.AddMonths(effective, i*step)
		if i == 0 {
			due = effective.AddDate(0, 0, -1) // down payment due before inception
		}
		out[i] = &domain.Invoice{Number: ids.InvoiceNumber(policyID, i+1), PolicyID: policyID, CustomerID: customerID,
			Installment: i + 1, Amount: amt, DueDate: due, Status: domain.InvoiceOpen}
	}
	return out
}

func (s *Service) createSchedule(ctx context.Context, policyID, customerID int64, premium money.Money,
	plan domain.BillingPlan, eff time.Time, term int) error {
	invs := Schedule(policyID, customerID, premium, plan, eff, term)
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		for _, inv := range invs {
			if err := s.repo.InsertInvoice(ctx, inv); err != nil {
				return err
			}
		}
		return nil
	})
}

// OnPolicyIssued creates the billing schedule for new business.
func (s *Service) OnPolicyIssued(ctx context.Context, e events.Event) error {
	ev := e.(events.PolicyIssuedEvent)
	p, err := s.policies.Get(ctx, ev.PolicyID)
	if err != nil {
		return err
	}
	return s.createSchedule(ctx, p.ID, p.CustomerID, p.Premium, p.BillingPlan, p.Effective, p.TermMonths)
}

// OnPolicyRenewed bills the renewal term.
func (s *Service) OnPolicyRenewed(ctx context.Context, e events.Event) error {
	ev := e.(events.PolicyRenewedEvent)
	p, err := s.policies.Get(ctx, ev.PolicyID)
	if err != nil {
		return err
	}
	return s.createSchedule(ctx, p.ID, p.CustomerID, p.Premium, p.BillingPlan, p.Effective, p.TermMonths)
}

// OnPolicyEndorsed spreads an additional premium over the open installments,
// or credits them for a return premium.
func (s *Service) OnPolicyEndorsed(ctx context.Context, e events.Event) error {
	ev := e.(events.PolicyEndorsedEvent)
	if ev.PremiumDelta.IsZero() {
		return nil
	}
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		open, err := s.repo.OpenByPolicy(ctx, ev.PolicyID)
		if err != nil {
			return err
		}
		if len(open) == 0 {
			if ev.PremiumDelta.IsNeg() {
				return s.refund(ctx, ev.PolicyID, ev.PremiumDelta.Neg())
			}
			// paid in full: bill the additional premium separately
			inv := &domain.Invoice{Number: ids.InvoiceNumber(ev.PolicyID, 90+ev.Version), PolicyID: ev.PolicyID,
				CustomerID: ev.CustomerID, Installment: 90 + ev.Version, Amount: ev.PremiumDelta,
				DueDate: dates.Today(s.clock).AddDate(0, 0, 20), Status: domain.InvoiceOpen}
			return s.repo.InsertInvoice(ctx, inv)
		}
		for i, part := range ev.PremiumDelta.Allocate(len(open)) {
			if err := s.repo.AdjustAmount(ctx, open[i].ID, part); err != nil {
				return err
			}
		}
		return nil
	})
}

// OnPolicyCancelled voids open invoices and refunds any overpayment.
func (s *Service) OnPolicyCancelled(ctx context.Context, e events.Event) error {
	ev := e.(events.PolicyCancelledEvent)
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		p, err := s.policies.Get(ctx, ev.PolicyID)
		if err != nil {
			return err
		}
		if _, err := s.repo.VoidOpen(ctx, ev.PolicyID); err != nil {
			return err
		}
		paid, err := s.repo.PaidForPolicy(ctx, ev.PolicyID)
		if err != nil {
			return err
		}
		earned := p.Premium - ev.ReturnPremium
		if due := paid - earned; due > 0 {
			return s.refund(ctx, ev.PolicyID, due)
		}
		return nil
	})
}

func (s *Service) refund(ctx context.Context, policyID int64, amount money.Money) error {
	last, err := s.repo.LastSettled(ctx, policyID)
	if err != nil {
		return err
	}
	if last == nil {
		s.log.Warn("refund due but no payment to refund against; check issued manually", "policy", policyID, "amount", amount.String())
		return nil
	}
	ref, err := s.gateway.Refund(ctx, last.GatewayRef, money.Min(amount, last.Amount))
	if err != nil {
		return err
	}
	s.log.Info("refund issued", "policy", policyID, "amount", amount.String(), "gateway_ref", ref)
	return s.repo.InsertPayment(ctx, &domain.Payment{InvoiceID: last.InvoiceID, PolicyID: policyID,
		Amount: amount.Neg(), Method: last.Method, GatewayRef: ref, Status: domain.PaymentRefunded})
}

// Pay charges a stored method for an invoice balance.
func (s *Service) Pay(ctx context.Context, invoiceID int64, method *billingdb.Method) (*domain.Payment, error) {
	inv, err := s.repo.GetInvoice(ctx, invoiceID)
	if err != nil {
		return nil, err
	}
	if inv.Status != domain.InvoiceOpen && inv.Status != domain.InvoicePastDue {
		return nil, errs.Conflictf("billing.Pay", "invoice %s is %s", inv.Number, inv.Status)
	}
	if method == nil {
		if method, err = s.repo.DefaultMethod(ctx, inv.CustomerID); err != nil {
			return nil, err
		}
		if method == nil {
			return nil, errs.Invalidf("billing.Pay", "no payment method on file")
		}
	}
	bal := inv.Balance()
	res, err := s.gateway.Charge(ctx, payments.ChargeRequest{Token: method.Token, Amount: bal,
		Reference: inv.Number, IdempotencyKey: ids.New("chg")})
	if err != nil {
		return nil, err
	}
	pay := &domain.Payment{InvoiceID: inv.ID, PolicyID: inv.PolicyID, Amount: bal, Method: method.Kind, GatewayRef: res.GatewayRef}
	switch res.Status {
	case "APPROVED":
		pay.Status = domain.PaymentSettled
	case "PENDING":
		// ACH: settled later by the paygw-sync worker, which updates
		// payments directly (it lives in the integrations repo).
		pay.Status = domain.PaymentPending
	default:
		pay.Status = domain.PaymentDeclined
	}
	err = s.db.WithTx(ctx, func(ctx context.Context) error {
		if err := s.repo.InsertPayment(ctx, pay); err != nil {
			return err
		}
		if pay.Status == domain.PaymentSettled {
			return s.repo.ApplyPayment(ctx, inv.ID, bal)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	switch pay.Status {
	case domain.PaymentSettled:
		err = s.bus.Publish(ctx, events.PaymentReceivedEvent{PaymentID: pay.ID, InvoiceID: inv.ID, PolicyID: inv.PolicyID,
			CustomerID: inv.CustomerID, Amount: bal})
	case domain.PaymentDeclined:
		err = s.bus.Publish(ctx, events.PaymentFailedEvent{InvoiceID: inv.ID, PolicyID: inv.PolicyID,
			CustomerID: inv.CustomerID, Reason: res.DeclineMsg, Attempt: inv.DunningStep + 1})
	}
	return pay, err
}

// RunAutopay charges default methods for invoices due on asOf.
func (s *Service) RunAutopay(ctx context.Context, asOf time.Time) (ok, failed int, err error) {
	due, err := s.repo.DueOn(ctx, asOf)
	if err != nil {
		return 0, 0, err
	}
	for _, inv := range due {
		m, err := s.repo.DefaultMethod(ctx, inv.CustomerID)
		if err != nil || m == nil {
			continue // not enrolled
		}
		if _, err := s.Pay(ctx, inv.ID, m); err != nil {
			failed++
			s.log.Error("autopay failed", err, "invoice", inv.Number)
			continue
		}
		ok++
	}
	return ok, failed, nil
}

// Statement is the billing summary shown on the portal.
type Statement struct {
	PolicyNumber string            `json:"policy_number"`
	PolicyStatus string            `json:"policy_status"`
	Premium      money.Money       `json:"premium"`
	Paid         money.Money       `json:"paid"`
	Outstanding  money.Money       `json:"outstanding"`
	Invoices     []*domain.Invoice `json:"invoices"`
}

func (s *Service) Statement(ctx context.Context, policyID int64) (*Statement, error) {
	p, err := s.policies.Get(ctx, policyID)
	if err != nil {
		return nil, err
	}
	invs, err := s.repo.ListByPolicy(ctx, policyID)
	if err != nil {
		return nil, err
	}
	st := &Statement{PolicyNumber: p.Number, PolicyStatus: string(p.Status), Premium: p.Premium, Invoices: invs}
	for _, i := range invs {
		if i.Status == domain.InvoiceVoid {
			continue
		}
		st.Paid += i.PaidAmount
		st.Outstanding += i.Balance()
	}
	return st, nil
}

func (s *Service) Repo() *billingdb.Repo { return s.repo }
