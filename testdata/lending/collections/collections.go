// Package collections works delinquent loans: case management by DPD bucket,
// agent actions under Reg F contact limits, and promises to pay.
package collections

import (
	"context"
	"time"

	"lendwise.io/platform/collections/store"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/notifications"
)

const (
	maxCallsPer7Days = 7
	maxPromiseDays   = 30
)

// Bucket maps days past due to a collections bucket.
func Bucket(dpd int) string {
	switch {
	case dpd >= 90:
		return "90+"
	case dpd >= 60:
		return "60-89"
	case dpd >= 30:
		return "30-59"
	default:
		return "1-29"
	}
}

type Service struct {
	store  *store.Store
	notify *notifications.Service
	now    func() time.Time
}

func NewService(s *store.Store, n *notifications.Service) *Service {
	return &Service{store: s, notify: n, now: time.Now}
}

// Sync opens, updates and cures cases from the current delinquency picture.
func (s *Service) Sync(ctx context.Context) (opened, cured int, err error) {
	now := s.now().UTC()
	delinquent, err := s.store.DelinquentLoans(ctx, now)
	if err != nil {
		return 0, 0, err
	}
	open, err := s.store.OpenCases(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, d := range delinquent {
		bucket := Bucket(d.DaysPastDue)
		c, ok := open[d.LoanID]
		delete(open, d.LoanID)
		if !ok {
			c = &models.CollectionCase{ID: ids.New("case"), LoanID: d.LoanID, BorrowerID: d.BorrowerID, Bucket: bucket,
				DaysPastDue: d.DaysPastDue, AmountDue: d.AmountDue, Status: "open", OpenedAt: now}
			if err := s.store.OpenCase(ctx, c); err != nil {
				return opened, cured, err
			}
			opened++
			s.noticeFor(ctx, c)
			continue
		}
		moved := c.Bucket != bucket
		c.Bucket, c.DaysPastDue, c.AmountDue = bucket, d.DaysPastDue, d.AmountDue
		if moved {
			c.AssignedTo = "" // re-queue for the next team
		}
		if err := s.store.UpdateCase(ctx, c); err != nil {
			return opened, cured, err
		}
		if moved {
			s.noticeFor(ctx, c)
		}
	}
	for _, c := range open { // no longer delinquent
		if err := s.store.CloseCase(ctx, c.ID, "cured", now); err != nil {
			return opened, cured, err
		}
		cured++
	}
	return opened, cured, nil
}

func (s *Service) noticeFor(ctx context.Context, c *models.CollectionCase) {
	data := map[string]any{"LoanID": c.LoanID, "DaysPastDue": c.DaysPastDue, "AmountDue": c.AmountDue}
	key := "collections_notice"
	if c.Bucket == "1-29" {
		key = "past_due_reminder"
	}
	_ = s.notify.Send(ctx, c.BorrowerID, key, data)
}

// LogAction records an agent contact, enforcing the 7-calls-in-7-days limit.
func (s *Service) LogAction(ctx context.Context, caseID, kind, outcome, note, agent string) error {
	c, err := s.store.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	if c.Status != "open" {
		return errs.Conflict("case %s is closed", caseID)
	}
	switch kind {
	case "call":
		n, err := s.store.CallAttempts(ctx, caseID, s.now().Add(-7*24*time.Hour))
		if err != nil {
			return err
		}
		if n >= maxCallsPer7Days {
			return errs.Forbidden("call frequency limit reached for case %s", caseID)
		}
	case "email", "letter", "sms", "note":
	default:
		return errs.Invalid("unknown action kind %q", kind)
	}
	return s.store.LogAction(ctx, caseID, kind, outcome, note, agent)
}

// Promise records a promise to pay.
func (s *Service) Promise(ctx context.Context, caseID string, amount money.Cents, due time.Time, agent string) (*models.PromiseToPay, error) {
	c, err := s.store.GetCase(ctx, caseID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if due.Before(now) || due.After(now.AddDate(0, 0, maxPromiseDays)) {
		return nil, errs.Invalid("promise date must be within %d days", maxPromiseDays)
	}
	if amount < c.AmountDue/4 {
		return nil, errs.Invalid("promise must cover at least 25%% of the amount due (%s)", c.AmountDue)
	}
	p := &models.PromiseToPay{ID: ids.New("ptp"), CaseID: caseID, Amount: amount, DueDate: due, Status: "open", CreatedBy: agent}
	if err := s.store.AddPromise(ctx, p); err != nil {
		return nil, err
	}
	return p, s.store.LogAction(ctx, caseID, "note", "promise", "promise to pay "+amount.String(), agent)
}

// CheckPromises marks due promises kept or broken.
func (s *Service) CheckPromises(ctx context.Context) (kept, broken int, err error) {
	ps, loans, err := s.store.DuePromises(ctx, s.now().UTC())
	if err != nil {
		return 0, 0, err
	}
	for i, p := range ps {
		paid, err := s.store.PaidSince(ctx, loans[i], p.DueDate.AddDate(0, 0, -maxPromiseDays))
		if err != nil {
			return kept, broken, err
		}
		status := "broken"
		if paid >= p.Amount {
			status = "kept"
			kept++
		} else {
			broken++
		}
		if err := s.store.SetPromiseStatus(ctx, p.ID, status); err != nil {
			return kept, broken, err
		}
	}
	return kept, broken, nil
}

// Queue returns an agent work queue.
func (s *Service) Queue(ctx context.Context, bucket string, limit int) ([]*models.CollectionCase, error) {
	return s.store.Queue(ctx, bucket, limit)
}

// Assign gives a case to an agent.
func (s *Service) Assign(ctx context.Context, caseID, agent string) error {
	c, err := s.store.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	c.AssignedTo = agent
	return s.store.UpdateCase(ctx, c)
}

// Subscribe closes cases when loans are charged off or paid off.
func (s *Service) Subscribe(bus *events.Bus) {
	closeOn := func(resolution string) events.Handler {
		return func(ctx context.Context, e events.Event) error {
			open, err := s.store.OpenCases(ctx)
			if err != nil {
				return err
			}
			if c, ok := open[e.Key]; ok {
				return s.store.CloseCase(ctx, c.ID, resolution, s.now().UTC())
			}
			return nil
		}
	}
	bus.Subscribe(events.LoanChargedOff, closeOn("charged_off"))
	bus.Subscribe(events.LoanPaidOff, closeOn("paid_off"))
}
