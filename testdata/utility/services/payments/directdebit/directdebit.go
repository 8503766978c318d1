// Package directdebit runs the Direct Debit lifecycle: mandate lodgement,
// scheduling a collection for each issued bill, the daily BACS submission,
// settlement, and ARUDD returns.
package directdebit

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/payments/domain"
	"gridline.energy/platform/services/payments/reconcile"
	"gridline.energy/platform/services/payments/store"
)

// ClearingDays is how long after submission a collection is treated as paid
// if no ARUDD return has arrived.
const ClearingDays = 3

// MandateLodgeDays: a new mandate cannot be collected on for this many
// working days (AUDDIS advance notice).
const MandateLodgeDays = 10

type Service struct {
	store     *store.Store
	reconcile *reconcile.Reconciler
	accounts  *accounts.Service
	bus       *events.Bus
	notify    *notify.Sender
	log       *slog.Logger
	leadDays  int
	sun       string
	now       func() time.Time
}

func New(s *store.Store, rec *reconcile.Reconciler, acc *accounts.Service, bus *events.Bus, n *notify.Sender,
	log *slog.Logger, leadDays int, sun string) *Service {
	return &Service{store: s, reconcile: rec, accounts: acc, bus: bus, notify: n, log: log,
		leadDays: leadDays, sun: sun, now: time.Now}
}

func (s *Service) CreateMandate(ctx context.Context, accountID, holder, sortCode, accountNo string) (domain.Mandate, error) {
	const op = "directdebit.CreateMandate"
	acc, err := s.accounts.Get(ctx, accountID)
	if err != nil {
		return domain.Mandate{}, err
	}
	if acc.Status == models.AccountClosed {
		return domain.Mandate{}, errs.Conflict(op, "account is closed")
	}
	sc, an, err := domain.NormaliseBankDetails(sortCode, accountNo)
	if err != nil {
		return domain.Mandate{}, errs.Invalid(op, "%v", err)
	}
	if _, ok, err := s.store.ActiveMandate(ctx, accountID); err != nil {
		return domain.Mandate{}, err
	} else if ok {
		return domain.Mandate{}, errs.Conflict(op, "account already has a mandate; cancel it first")
	}
	m := domain.Mandate{ID: ids.New(ids.PrefixMandate), AccountID: accountID, HolderName: holder,
		SortCode: sc, AccountNumber: util.Mask(an, 4), Reference: domain.MandateReference(acc.Number),
		Status: domain.MandatePending, CreatedAt: s.now().UTC()}
	if err := s.store.InsertMandate(ctx, m); err != nil {
		return m, err
	}
	if err := s.accounts.SetPaymentMethod(ctx, accountID, models.PayDirectDebit); err != nil {
		return m, err
	}
	return m, nil
}

func (s *Service) CancelMandate(ctx context.Context, id string) error {
	m, err := s.store.MandateByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.store.SetMandateStatus(ctx, s.store.DB(), id, domain.MandateCancelled); err != nil {
		return err
	}
	return s.accounts.SetPaymentMethod(ctx, m.AccountID, models.PayOnReceipt)
}

// OnBillIssued schedules a collection for a bill on an account with a
// mandate. The collection date is the bill's due date or, if that is too
// soon for BACS, the first date the lead time allows.
func (s *Service) OnBillIssued(ctx context.Context, e events.Event) error {
	var p models.BillIssuedPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if p.Total <= 0 {
		return nil
	}
	m, ok, err := s.store.ActiveMandate(ctx, p.AccountID)
	if err != nil || !ok {
		return err
	}
	earliest := util.AddWorkingDays(s.now(), s.leadDays)
	if m.Status == domain.MandatePending {
		earliest = util.AddWorkingDays(m.CreatedAt, MandateLodgeDays)
	}
	due := util.Day(p.DueDate)
	if due.Before(earliest) {
		due = earliest
	}
	for !util.IsWorkingDay(due) {
		due = due.AddDate(0, 0, 1)
	}
	return s.store.InsertCollection(ctx, domain.Collection{ID: ids.New("col"), MandateID: m.ID, AccountID: p.AccountID,
		BillID: p.BillID, Amount: p.Total, DueDate: due, Status: domain.CollScheduled})
}

// Submit writes the BACS Standard 18 detail records for collections due on
// or before the processing date and marks them submitted.
func (s *Service) Submit(ctx context.Context, processing time.Time, w io.Writer) (int, error) {
	if _, err := s.store.ActivatePending(ctx, processing.AddDate(0, 0, -14)); err != nil {
		return 0, err
	}
	cs, err := s.store.Collections(ctx, domain.CollScheduled, util.AddWorkingDays(processing, 2))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range cs {
		m, err := s.store.MandateByID(ctx, c.MandateID)
		if err != nil {
			return n, err
		}
		if m.Status != domain.MandateActive {
			continue
		}
		// dest sort code, dest account, tx code 17 (first/ongoing collection), amount in pence, reference
		if _, err := fmt.Fprintf(w, "%s%s017%s%011d%-18s%s\n", m.SortCode, m.AccountNumber, s.sun,
			int64(c.Amount), m.Reference, processing.Format("060102")); err != nil {
			return n, err
		}
		if err := s.store.SetCollectionStatus(ctx, s.store.DB(), c.ID, domain.CollSubmitted, ""); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Settle treats submitted collections past the clearing window as paid.
func (s *Service) Settle(ctx context.Context, asOf time.Time) (int, error) {
	cutoff := asOf
	for i := 0; i < ClearingDays; {
		cutoff = cutoff.AddDate(0, 0, -1)
		if util.IsWorkingDay(cutoff) {
			i++
		}
	}
	cs, err := s.store.Collections(ctx, domain.CollSubmitted, cutoff)
	if err != nil {
		return 0, err
	}
	for i, c := range cs {
		p := models.Payment{ID: ids.New(ids.PrefixPayment), AccountID: c.AccountID, Amount: c.Amount,
			Method: models.MethodDD, Reference: c.ID, ReceivedAt: c.DueDate}
		if err := s.reconcile.Receive(ctx, p); err != nil {
			return i, err
		}
		if err := s.store.SetCollectionStatus(ctx, s.store.DB(), c.ID, domain.CollPaid, ""); err != nil {
			return i, err
		}
	}
	return len(cs), nil
}

type Return struct {
	CollectionID string
	Reason       string
}

// ApplyReturns processes an ARUDD report: each returned collection is
// reversed out of "submitted", a cancelling reason ends the mandate, and
// collections hears about it through payment.failed.
func (s *Service) ApplyReturns(ctx context.Context, rs []Return) error {
	for _, r := range rs {
		reason, ok := domain.ReturnReasons[r.Reason]
		if !ok {
			reason = "unknown (" + r.Reason + ")"
		}
		c, err := s.store.Collection(ctx, r.CollectionID)
		if err != nil || c.Status != domain.CollSubmitted {
			s.log.Warn("dd: return for unknown or settled collection", "collection", r.CollectionID, "err", err)
			continue
		}
		if err := s.store.SetCollectionStatus(ctx, s.store.DB(), c.ID, domain.CollReturned, r.Reason); err != nil {
			return err
		}
		if domain.CancelsMandate(r.Reason) {
			if err := s.CancelMandate(ctx, c.MandateID); err != nil {
				return err
			}
		}
		if err := s.bus.Publish(ctx, models.EventPaymentFailed, c.AccountID, models.PaymentPayload{
			PaymentID: c.ID, AccountID: c.AccountID, Amount: c.Amount, Reason: reason}); err != nil {
			return err
		}
		if cust, err := s.accounts.Holder(ctx, c.AccountID); err == nil {
			_ = s.notify.Email(ctx, c.AccountID, cust.Email, "dd_failed",
				map[string]string{"Amount": c.Amount.String(), "Reason": reason})
		}
	}
	return nil
}
