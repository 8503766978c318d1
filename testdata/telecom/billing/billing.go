// Package billing owns postpaid invoices: querying, payment allocation,
// voiding. Invoice production lives in billing/cycle.
package billing

import (
	"context"

	"mvno.telco/core/billing/store"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Service struct {
	store    *store.Store
	currency string
}

func New(s *store.Store, currency string) *Service { return &Service{store: s, currency: currency} }

func (s *Service) Invoice(ctx context.Context, id string) (models.Invoice, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) Invoices(ctx context.Context, subscriberID string, limit int) ([]models.Invoice, error) {
	return s.store.ForSubscriber(ctx, subscriberID, limit)
}

func (s *Service) Outstanding(ctx context.Context, subscriberID string) (money.Money, error) {
	return s.store.Outstanding(ctx, subscriberID, s.currency)
}

// ApplyPayment allocates a successful payment to an invoice. Overpayment is
// rejected here; the payments side must split or refund it.
func (s *Service) ApplyPayment(ctx context.Context, invoiceID, paymentID string, amount money.Money) (models.Invoice, error) {
	const op = "billing.ApplyPayment"
	inv, err := s.store.Get(ctx, invoiceID)
	if err != nil {
		return inv, err
	}
	if inv.Status != models.InvoiceIssued {
		return inv, errs.E(errs.Conflict, op, "invoice is "+inv.Status)
	}
	if amount.Currency != inv.Total.Currency {
		return inv, errs.E(errs.Invalid, op, "currency mismatch")
	}
	if amount.Cmp(inv.Balance()) > 0 {
		return inv, errs.E(errs.Invalid, op, "payment exceeds invoice balance")
	}
	return s.store.ApplyPayment(ctx, invoiceID, paymentID, amount)
}

// Void cancels an invoice issued in error; its usage is released for rebilling.
func (s *Service) Void(ctx context.Context, id, reason string) error {
	const op = "billing.Void"
	inv, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if inv.Status != models.InvoiceIssued {
		return errs.E(errs.Conflict, op, "only issued invoices can be voided")
	}
	if !inv.AmountPaid.IsZero() {
		return errs.E(errs.Conflict, op, "invoice has payments; issue a credit note instead")
	}
	if reason == "" {
		return errs.E(errs.Invalid, op, "reason required")
	}
	if err := s.store.ReleaseUsage(ctx, id); err != nil {
		return err
	}
	return s.store.SetStatus(ctx, id, models.InvoiceVoid)
}
