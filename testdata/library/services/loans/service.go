// Package loans implements checkout, renewal, return and lost-item rules.
package loans

import (
	"context"
	"fmt"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/circulation/duedate"
	"citylib.org/ils/internal/circulation/holdqueue"
	"citylib.org/ils/internal/circulation/policy"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	transfers "citylib.org/ils/internal/transfers/service"
	"citylib.org/ils/logging"
	"citylib.org/ils/models"
	"citylib.org/ils/repositories/copies"
	"citylib.org/ils/repositories/holds"
	loanrepo "citylib.org/ils/repositories/loans"
	catalogsvc "citylib.org/ils/services/catalog"
	finesvc "citylib.org/ils/services/fines"
	membersvc "citylib.org/ils/services/members"
)

type Service struct {
	loans     *loanrepo.Repo
	holds     *holds.Repo
	copies    *copies.Repo
	catalog   *catalogsvc.Service
	members   *membersvc.Service
	fines     *finesvc.Service
	policy    *policy.Resolver
	due       *duedate.Calculator
	queue     *holdqueue.Allocator
	transfers *transfers.Service
	bus       *eventbus.Bus
	clock     clock.Clock
}

type Deps struct {
	Loans     *loanrepo.Repo
	Holds     *holds.Repo
	Copies    *copies.Repo
	Catalog   *catalogsvc.Service
	Members   *membersvc.Service
	Fines     *finesvc.Service
	Policy    *policy.Resolver
	DueDates  *duedate.Calculator
	HoldQueue *holdqueue.Allocator
	Transfers *transfers.Service
	Bus       *eventbus.Bus
	Clock     clock.Clock
}

func NewService(d Deps) *Service {
	s := &Service{loans: d.Loans, holds: d.Holds, copies: d.Copies, catalog: d.Catalog, members: d.Members,
		fines: d.Fines, policy: d.Policy, due: d.DueDates, queue: d.HoldQueue, transfers: d.Transfers, bus: d.Bus, clock: d.Clock}
	d.Bus.Subscribe(models.TopicBranchClosed, s.onBranchClosed)
	return s
}

// Checkout lends the item with barcode to the card holder.
func (s *Service) Checkout(ctx context.Context, req models.CheckoutRequest) (*models.CheckoutResult, error) {
	now := s.clock.Now()
	m, err := s.members.ByCard(ctx, req.CardNumber)
	if err != nil {
		return nil, err
	}
	var warnings []string
	if err := s.members.RequireEligible(ctx, m); err != nil {
		if !req.Override {
			return nil, err
		}
		warnings = append(warnings, "override: "+err.Error())
	}
	c, err := s.copies.GetByBarcode(ctx, req.Barcode)
	if err != nil {
		return nil, err
	}
	t, err := s.catalog.Title(ctx, c.TitleID)
	if err != nil {
		return nil, err
	}
	switch c.Status {
	case models.CopyAvailable:
	case models.CopyOnHoldShelf:
		h, err := s.holds.ReadyForCopy(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if h != nil && h.MemberID != m.ID {
			return nil, apperr.Conflict("held_for_other", "item is on hold for another member")
		}
		if h != nil {
			if err := s.holds.SetStatus(ctx, h.ID, models.HoldFulfilled); err != nil {
				return nil, err
			}
		}
	case models.CopyOnLoan:
		return nil, apperr.Conflict("already_on_loan", "item is checked out; check it in first")
	default:
		return nil, apperr.Conflict("not_loanable", fmt.Sprintf("item status is %s", c.Status))
	}
	p, err := s.policy.Resolve(ctx, t.Format, m.Category)
	if err != nil {
		return nil, err
	}
	total, err := s.loans.CountActive(ctx, m.ID, "")
	if err != nil {
		return nil, err
	}
	ofFormat, err := s.loans.CountActive(ctx, m.ID, t.Format)
	if err != nil {
		return nil, err
	}
	if total >= policy.MaxItemsPerMember || ofFormat >= p.MaxOfFormat {
		return nil, apperr.Blocked("limit_reached", fmt.Sprintf("loan limit reached (%d %s)", ofFormat, t.Format))
	}
	due, err := s.due.Due(ctx, req.BranchID, now, p.LoanDays)
	if err != nil {
		return nil, err
	}
	// Memberships expiring mid-loan shorten the loan.
	if m.ExpiresAt.Before(due) && m.ExpiresAt.After(now) {
		due = clock.EndOfDay(m.ExpiresAt)
		warnings = append(warnings, "due date shortened to membership expiry")
	}
	l := &models.Loan{CopyID: c.ID, MemberID: m.ID, BranchID: req.BranchID, CheckedOutAt: now, DueAt: due,
		Barcode: c.Barcode, Title: t.Title, TitleID: t.ID}
	if err := s.loans.Create(ctx, l); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicLoanCheckedOut, models.LoanEvent{LoanID: l.ID, MemberID: m.ID, CopyID: c.ID,
		TitleID: t.ID, Title: t.Title, DueAt: due, Format: t.Format})
	return &models.CheckoutResult{Loan: *l, Member: *m, Warnings: warnings}, nil
}

// Renew extends a loan unless someone is waiting for the title.
func (s *Service) Renew(ctx context.Context, loanID int64) (*models.Loan, error) {
	l, err := s.loans.Get(ctx, loanID)
	if err != nil {
		return nil, err
	}
	if l.Status != models.LoanActive {
		return nil, apperr.Conflict("not_active", "loan is not active")
	}
	m, err := s.members.Get(ctx, l.MemberID)
	if err != nil {
		return nil, err
	}
	if err := s.members.RequireEligible(ctx, m); err != nil {
		return nil, err
	}
	t, err := s.catalog.Title(ctx, l.TitleID)
	if err != nil {
		return nil, err
	}
	p, err := s.policy.Resolve(ctx, t.Format, m.Category)
	if err != nil {
		return nil, err
	}
	if l.Renewals >= p.MaxRenewals {
		return nil, apperr.Blocked("max_renewals", fmt.Sprintf("already renewed %d times", l.Renewals))
	}
	waiting, err := s.holds.CountWaiting(ctx, l.TitleID)
	if err != nil {
		return nil, err
	}
	if waiting > 0 {
		return nil, apperr.Blocked("on_hold", "another member is waiting for this title")
	}
	due, err := s.due.Renewal(ctx, l.BranchID, s.clock.Now(), l.DueAt, p.LoanDays)
	if err != nil {
		return nil, err
	}
	if err := s.loans.Renew(ctx, l.ID, due); err != nil {
		return nil, err
	}
	l.DueAt, l.Renewals = due, l.Renewals+1
	s.bus.Publish(ctx, models.TopicLoanRenewed, models.LoanEvent{LoanID: l.ID, MemberID: l.MemberID, CopyID: l.CopyID,
		TitleID: l.TitleID, Title: l.Title, DueAt: due})
	return l, nil
}

// Return checks an item in at branchID and tells the desk where it goes.
func (s *Service) Return(ctx context.Context, req models.ReturnRequest) (*models.ReturnResult, error) {
	now := s.clock.Now()
	c, err := s.copies.GetByBarcode(ctx, req.Barcode)
	if err != nil {
		return nil, err
	}
	l, err := s.loans.ActiveByCopy(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if err := s.loans.Return(ctx, l.ID, c.ID, req.BranchID, now); err != nil {
		return nil, err
	}
	l.Status, l.ReturnedAt = models.LoanReturned, &now
	// Book drops are emptied next morning: a return is never late on the
	// day after the due date before noon.
	late := clock.DaysBetween(l.DueAt, now)
	if late == 1 && now.Hour() < 12 {
		late = 0
	}
	t, err := s.catalog.Title(ctx, c.TitleID)
	if err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicLoanReturned, models.LoanEvent{LoanID: l.ID, MemberID: l.MemberID, CopyID: c.ID,
		TitleID: c.TitleID, Title: l.Title, DueAt: l.DueAt, DaysLate: max(late, 0), Format: t.Format})

	c.BranchID, c.Status = req.BranchID, models.CopyAvailable
	d, err := s.queue.Allocate(ctx, c)
	if err != nil {
		return nil, err
	}
	res := &models.ReturnResult{Loan: *l, DaysLate: max(late, 0), Routing: d.Routing, ToBranch: d.ToBranch}
	if d.Hold != nil {
		res.HoldForID = d.Hold.MemberID
	}
	if d.Routing == holdqueue.RouteShelve && c.HomeBranchID != req.BranchID {
		if _, err := s.transfers.Request(ctx, c.ID, req.BranchID, c.HomeBranchID, transfers.ReasonReturn, nil); err != nil {
			logging.From(ctx).Warn("return-home transfer failed", "copy", c.ID, "err", err)
		} else {
			res.Routing, res.ToBranch = holdqueue.RouteTransit, c.HomeBranchID
		}
	}
	return res, nil
}

// DeclareLost closes the loan as lost and bills the member.
func (s *Service) DeclareLost(ctx context.Context, loanID int64) error {
	l, err := s.loans.Get(ctx, loanID)
	if err != nil {
		return err
	}
	if l.Status != models.LoanActive {
		return apperr.Conflict("not_active", "loan is not active")
	}
	c, err := s.copies.Get(ctx, l.CopyID)
	if err != nil {
		return err
	}
	if err := s.loans.MarkLost(ctx, l.ID, c.ID); err != nil {
		return err
	}
	if _, err := s.fines.AssessLost(ctx, l.MemberID, l.ID, c.PriceCents); err != nil {
		return err
	}
	s.bus.Publish(ctx, models.TopicLoanLost, models.LoanEvent{LoanID: l.ID, MemberID: l.MemberID, CopyID: c.ID,
		TitleID: l.TitleID, Title: l.Title, DueAt: l.DueAt})
	return nil
}

func (s *Service) ForMember(ctx context.Context, memberID int64) ([]models.Loan, error) {
	return s.loans.ActiveByMember(ctx, memberID)
}

// onBranchClosed pushes loans due on an unplanned closure day to the next
// open day so that nobody is fined for a snow day.
func (s *Service) onBranchClosed(ctx context.Context, e eventbus.Event) error {
	ev, ok := e.Payload.(models.BranchClosedEvent)
	if !ok {
		return nil
	}
	day := clock.Day(ev.Day)
	ls, err := s.loans.DueBetween(ctx, ev.BranchID, day, day.Add(24*time.Hour-time.Second))
	if err != nil {
		return err
	}
	for _, l := range ls {
		due, err := s.due.NextOpen(ctx, ev.BranchID, day.AddDate(0, 0, 1))
		if err != nil {
			return err
		}
		if err := s.loans.SetDue(ctx, l.ID, due); err != nil {
			return err
		}
	}
	return nil
}
