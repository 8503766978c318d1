// Package service is the billing context's public API used by other contexts.
package service

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/billing/dunning"
	"github.com/pulsefit/clubs/internal/billing/invoices"
	"github.com/pulsefit/clubs/internal/billing/payments"
	"github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

type Service struct {
	db       *sql.DB
	store    *store.Store
	mandates *directdebit.Mandates
	gateway  *payments.Gateway
	dunning  *dunning.Store
	bus      *events.Bus
	now      func() time.Time
}

func New(conn *sql.DB, st *store.Store, md *directdebit.Mandates, gw *payments.Gateway, dn *dunning.Store, bus *events.Bus) *Service {
	return &Service{db: conn, store: st, mandates: md, gateway: gw, dunning: dn, bus: bus, now: time.Now}
}

// OpenAccount sets up a new member's direct debit and first invoice.
func (s *Service) OpenAccount(ctx context.Context, memberID, sortCode, accountNo string, first models.InvoiceLine) (string, error) {
	seq, err := s.store.NextNumber(ctx)
	if err != nil {
		return "", err
	}
	inv, err := invoices.Build(memberID, seq, []models.InvoiceLine{first}, s.now().UTC())
	if err != nil {
		return "", err
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := s.mandates.Create(ctx, tx, memberID, sortCode, accountNo); err != nil {
			return err
		}
		return s.store.InsertInvoice(ctx, tx, inv)
	})
	if err != nil {
		return "", err
	}
	_ = s.bus.Publish(ctx, events.InvoiceIssued, inv.ID, map[string]any{"member_id": memberID, "total": inv.Total})
	return inv.ID, nil
}

// AddCharge puts a line on the member's draft invoice; it is billed with the next monthly run.
func (s *Service) AddCharge(ctx context.Context, memberID string, line models.InvoiceLine) error {
	if line.UnitPrice.IsNegative() && line.Source != "credit" {
		return errs.Invalid("only credits may be negative")
	}
	seq, err := s.store.NextNumber(ctx)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		id, n, err := s.store.OpenDraft(ctx, tx, memberID, ids.New(ids.Invoice), invoices.Number(s.now().Year(), seq))
		if err != nil {
			return err
		}
		return s.store.InsertLine(ctx, tx, id, n+1, line)
	})
}

// Credit gives a member account credit (referral rewards, goodwill).
func (s *Service) Credit(ctx context.Context, memberID string, amt money.Money, reason string) error {
	return s.AddCharge(ctx, memberID, models.InvoiceLine{
		Description: reason, Quantity: 1, UnitPrice: money.New(-amt.Amount, amt.Currency), Source: "credit",
	})
}

// PayByCard creates and immediately settles an invoice with a card token.
func (s *Service) PayByCard(ctx context.Context, memberID, token string, lines []models.InvoiceLine) (models.Invoice, error) {
	seq, err := s.store.NextNumber(ctx)
	if err != nil {
		return models.Invoice{}, err
	}
	inv, err := invoices.Build(memberID, seq, lines, s.now().UTC())
	if err != nil {
		return inv, err
	}
	ref, err := s.gateway.Charge(ctx, token, inv.Number, inv.Total)
	if err != nil {
		return inv, err
	}
	inv.Status = models.InvoicePaid
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.InsertInvoice(ctx, tx, inv); err != nil {
			return err
		}
		return s.store.RecordPayment(ctx, tx, inv.ID, "card", ref, inv.Total)
	})
	return inv, err
}

// Balance returns what the member owes.
func (s *Service) Balance(ctx context.Context, memberID string) (money.Money, error) {
	return s.store.Balance(ctx, memberID)
}

// HasArrears is used by access control and bookings.
func (s *Service) HasArrears(ctx context.Context, memberID string) (bool, error) {
	b, err := s.store.Balance(ctx, memberID)
	return b.Amount > 0, err
}

// HandleReturn processes an ARUDD return line from the bank.
func (s *Service) HandleReturn(ctx context.Context, r directdebit.ARUDDReturn) error {
	if err := s.mandates.MarkReturned(ctx, r); err != nil {
		return err
	}
	if err := s.store.SetStatus(ctx, s.db, r.InvoiceID, models.InvoiceFailed); err != nil {
		return err
	}
	inv, err := s.store.GetInvoice(ctx, r.InvoiceID)
	if err != nil {
		return err
	}
	return s.bus.Publish(ctx, events.PaymentFailed, inv.MemberID, map[string]any{
		"member_id": inv.MemberID, "invoice_id": inv.ID, "amount": inv.Total.String(), "code": r.Code,
	})
}

// SettleCollected marks collected invoices paid.
func (s *Service) SettleCollected(ctx context.Context) (int, error) {
	paid, err := s.mandates.MarkCollected(ctx, s.now().AddDate(0, 0, -3))
	if err != nil {
		return 0, err
	}
	for _, id := range paid {
		inv, err := s.store.GetInvoice(ctx, id)
		if err != nil {
			return 0, err
		}
		err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
			if err := s.store.SetStatus(ctx, tx, id, models.InvoicePaid); err != nil {
				return err
			}
			return s.store.RecordPayment(ctx, tx, id, "direct_debit", "bacs", inv.Total)
		})
		if err != nil {
			return 0, err
		}
		_ = s.bus.Publish(ctx, events.PaymentSucceeded, inv.MemberID, map[string]any{"invoice_id": id})
	}
	return len(paid), nil
}

// RunDunning walks failed invoices through the dunning policy.
func (s *Service) RunDunning(ctx context.Context) error {
	cases, err := s.dunning.OpenCases(ctx)
	if err != nil {
		return err
	}
	for _, c := range cases {
		a := dunning.Default.Next(c.FailedAt, s.now(), c.Attempts, c.LastAction)
		switch a {
		case dunning.ActionNone:
			continue
		case dunning.ActionRetry:
			if err := s.store.SetStatus(ctx, s.db, c.InvoiceID, models.InvoiceOpen); err != nil {
				return err
			}
		case dunning.ActionSuspend:
			// Finance wanted suspension to be immediate, so billing flips the membership itself
			// instead of waiting for the membership team's event consumer (PF-1187).
			if _, err := s.db.ExecContext(ctx, `UPDATE memberships SET status = 'suspended'
				WHERE member_id = $1 AND status = 'active'`, c.MemberID); err != nil {
				return err
			}
			if _, err := s.db.ExecContext(ctx, `UPDATE members SET status = 'suspended' WHERE id = $1`, c.MemberID); err != nil {
				return err
			}
		case dunning.ActionDebtCo:
			if err := s.mandates.Cancel(ctx, c.MemberID); err != nil {
				return err
			}
		}
		if err := s.dunning.Record(ctx, c.InvoiceID, a); err != nil {
			return fmt.Errorf("dunning %s: %w", c.InvoiceID, err)
		}
	}
	return nil
}
