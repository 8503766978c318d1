// Package ledger keeps tenant ledgers: charges, payments, credits and balances.
package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

type Service struct {
	store *Store
	now   func() time.Time
}

func NewService(store *Store) *Service { return &Service{store: store, now: time.Now} }

func (s *Service) Post(ctx context.Context, q db.Querier, e models.LedgerEntry) (models.LedgerEntry, error) {
	if e.LeaseID == "" || e.Type == "" {
		return e, errs.E(errs.Invalid, "lease and type are required")
	}
	if e.Amount == 0 {
		return e, errs.E(errs.Invalid, "zero-amount ledger entry")
	}
	if e.ID == "" {
		e.ID = ids.New(ids.Entry)
	}
	if e.PostedOn.IsZero() {
		e.PostedOn = s.now().UTC()
	}
	if e.DueOn.IsZero() {
		e.DueOn = e.PostedOn
	}
	if q == nil {
		q = s.store.conn
	}
	return e, s.store.Insert(ctx, q, e)
}

func (s *Service) Charge(ctx context.Context, leaseID, propertyID string, typ models.EntryType, amt money.Cents, memo, sourceRef string) (models.LedgerEntry, error) {
	if amt <= 0 {
		return models.LedgerEntry{}, errs.E(errs.Invalid, "charges must be positive")
	}
	return s.Post(ctx, nil, models.LedgerEntry{LeaseID: leaseID, PropertyID: propertyID, Type: typ, Amount: amt, Memo: memo, SourceRef: sourceRef})
}

func (s *Service) Credit(ctx context.Context, leaseID, propertyID string, amt money.Cents, memo string) (models.LedgerEntry, error) {
	if amt <= 0 {
		return models.LedgerEntry{}, errs.E(errs.Invalid, "credit amount must be positive")
	}
	return s.Post(ctx, nil, models.LedgerEntry{LeaseID: leaseID, PropertyID: propertyID, Type: models.EntryCredit, Amount: -amt, Memo: memo})
}

func (s *Service) PostPayment(ctx context.Context, q db.Querier, p models.Payment, propertyID string) error {
	_, err := s.Post(ctx, q, models.LedgerEntry{LeaseID: p.LeaseID, PropertyID: propertyID, Type: models.EntryPayment,
		Amount: -p.Amount, Memo: "Payment " + p.ID, PaymentID: p.ID})
	return err
}

func (s *Service) Balance(ctx context.Context, leaseID string) (models.Balance, error) {
	return s.store.Balance(ctx, leaseID, s.now().UTC())
}

func (s *Service) Entries(ctx context.Context, leaseID string, from, to time.Time) ([]models.LedgerEntry, error) {
	return s.store.ListByLease(ctx, leaseID, from, to)
}

func (s *Service) Void(ctx context.Context, entryID string) error { return s.store.Void(ctx, entryID) }

func (s *Service) AlreadyPosted(ctx context.Context, leaseID string, typ models.EntryType, ref string) (bool, error) {
	return s.store.ExistsForSource(ctx, leaseID, typ, ref)
}

// OnLeaseActivated creates the rent schedule and posts the deposit and the
// prorated first month.
func (s *Service) OnLeaseActivated(ctx context.Context, e events.Event) error {
	ev, err := events.Decode[models.LeaseActivated](e)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.store.conn, func(tx *sql.Tx) error {
		if err := s.store.UpsertSchedule(ctx, tx, Schedule{LeaseID: ev.LeaseID, PropertyID: ev.PropertyID,
			Amount: ev.MonthlyRent, DueDay: ev.RentDueDay, StartsOn: ev.StartDate}); err != nil {
			return err
		}
		if ev.Deposit > 0 {
			if _, err := s.Post(ctx, tx, models.LedgerEntry{LeaseID: ev.LeaseID, PropertyID: ev.PropertyID,
				Type: models.EntryDeposit, Amount: ev.Deposit, Memo: "Security deposit", DueOn: ev.StartDate, SourceRef: "deposit"}); err != nil {
				return err
			}
		}
		first := ev.StartDate
		daysInMonth := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		amt := ev.MonthlyRent
		if first.Day() != 1 {
			amt = ev.MonthlyRent.Prorate(daysInMonth-first.Day()+1, daysInMonth)
		}
		_, err := s.Post(ctx, tx, models.LedgerEntry{LeaseID: ev.LeaseID, PropertyID: ev.PropertyID, Type: models.EntryRent,
			Amount: amt, Memo: "Rent " + first.Format("Jan 2006") + " (prorated)", DueOn: first, SourceRef: "rent:" + first.Format("2006-01")})
		return err
	})
}

func (s *Service) OnLeaseEnded(ctx context.Context, e events.Event) error {
	ev, err := events.Decode[models.LeaseEndedEvent](e)
	if err != nil {
		return err
	}
	return s.store.EndSchedule(ctx, ev.LeaseID, ev.EndedOn)
}

// RentPoster posts monthly rent charges from rent_schedules (jobs.Job).
type RentPoster struct{ svc *Service }

func NewRentPoster(svc *Service) *RentPoster { return &RentPoster{svc: svc} }

func (r *RentPoster) Name() string { return "ledger.post_rent" }

func (r *RentPoster) Run(ctx context.Context) error {
	now := r.svc.now().UTC()
	// charges are posted five days before the first of the month
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	if now.Day() > 25 {
		month = month.AddDate(0, 1, 0)
	}
	scheds, err := r.svc.store.DueSchedules(ctx, month)
	if err != nil {
		return err
	}
	log := logging.From(ctx)
	posted := 0
	for _, sc := range scheds {
		ref := "rent:" + month.Format("2006-01")
		if done, err := r.svc.AlreadyPosted(ctx, sc.LeaseID, models.EntryRent, ref); err != nil || done {
			continue
		}
		due := time.Date(month.Year(), month.Month(), min(sc.DueDay, 28), 0, 0, 0, 0, time.UTC)
		amt := sc.Amount
		if sc.EndsOn.Valid && sc.EndsOn.Time.Before(month.AddDate(0, 1, -1)) {
			days := month.AddDate(0, 1, -1).Day()
			amt = sc.Amount.Prorate(sc.EndsOn.Time.Day(), days)
		}
		if _, err := r.svc.Post(ctx, nil, models.LedgerEntry{LeaseID: sc.LeaseID, PropertyID: sc.PropertyID, Type: models.EntryRent,
			Amount: amt, Memo: fmt.Sprintf("Rent %s", month.Format("Jan 2006")), DueOn: due, SourceRef: ref}); err != nil {
			log.Error("post rent", "lease", sc.LeaseID, "err", err)
			continue
		}
		posted++
	}
	log.Info("rent posted", "month", month.Format("2006-01"), "count", posted)
	return nil
}
