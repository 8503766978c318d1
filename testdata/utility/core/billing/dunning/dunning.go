// Package dunning chases overdue bills: reminder, final notice, then a debt
// case for the collections team. It was written inside core/billing when the
// collections team sat with billing; it now belongs to collections, whose
// newer code lives in services/collections.
package dunning

import (
	"context"
	"log/slog"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	colstore "gridline.energy/platform/services/collections/store"
)

// Days past due at which each stage triggers.
const (
	ReminderDays    = 7
	FinalNoticeDays = 14
	DebtCaseDays    = 28
	WarrantDays     = 60
	MinDebt         = money.Pence(1000) // do not chase under £10
)

type Job struct {
	invoices *invoice.Store
	store    *colstore.Store
	accounts *accounts.Service
	psr      *priority.Register
	notify   *notify.Sender
	log      *slog.Logger
}

func New(inv *invoice.Store, s *colstore.Store, acc *accounts.Service, psr *priority.Register, n *notify.Sender, log *slog.Logger) *Job {
	return &Job{invoices: inv, store: s, accounts: acc, psr: psr, notify: n, log: log}
}

type Summary struct {
	Reminders    int `json:"reminders"`
	FinalNotices int `json:"final_notices"`
	CasesOpened  int `json:"cases_opened"`
	Warrants     int `json:"warrant_reviews"`
	Protected    int `json:"protected"`
	OnPlan       int `json:"on_plan"`
}

// ladder is the escalation order with the days past due each step needs.
var ladder = []struct {
	stage string
	days  int
}{
	{colstore.StageReminder, ReminderDays},
	{colstore.StageFinalNotice, FinalNoticeDays},
	{colstore.StageDebtCase, DebtCaseDays},
	{colstore.StageWarrant, WarrantDays},
}

func rank(stage string) int {
	for i, l := range ladder {
		if l.stage == stage {
			return i + 1
		}
	}
	if stage == colstore.StageProtected {
		return len(ladder)
	}
	return 0
}

// Run escalates each overdue bill by at most one stage per day.
func (j *Job) Run(ctx context.Context, asOf time.Time) (Summary, error) {
	var s Summary
	bills, err := j.invoices.Overdue(ctx, asOf, ReminderDays)
	if err != nil {
		return s, err
	}
	skip := map[string]bool{}
	for _, b := range bills {
		if skip[b.AccountID] || b.Outstanding() < MinDebt || b.DueDate == nil {
			continue
		}
		plan, err := j.store.ActivePlan(ctx, b.AccountID)
		if err != nil {
			return s, err
		}
		if plan != nil {
			skip[b.AccountID] = true
			s.OnPlan++
			continue
		}
		last, err := j.store.LastStage(ctx, b.ID)
		if err != nil {
			return s, err
		}
		r := rank(last)
		if r >= len(ladder) || asOf.Sub(*b.DueDate) < time.Duration(ladder[r].days)*24*time.Hour {
			continue
		}
		if err := j.escalate(ctx, b, ladder[r].stage, &s); err != nil {
			j.log.Error("dunning: escalate", "bill", b.ID, "stage", ladder[r].stage, "err", err)
		}
	}
	return s, nil
}

func (j *Job) escalate(ctx context.Context, b models.Bill, stage string, s *Summary) error {
	cust, err := j.accounts.Holder(ctx, b.AccountID)
	if err != nil {
		return err
	}
	data := map[string]string{"Amount": b.Outstanding().String(), "Invoice": b.InvoiceNumber}
	switch stage {
	case colstore.StageReminder:
		err = j.notify.Email(ctx, b.AccountID, cust.Email, "reminder", data)
		s.Reminders++
	case colstore.StageFinalNotice:
		err = j.notify.Email(ctx, b.AccountID, cust.Email, "final_notice", data)
		s.FinalNotices++
	case colstore.StageDebtCase:
		err = j.openCase(ctx, b.AccountID)
		s.CasesOpened++
	case colstore.StageWarrant:
		protected, perr := j.psr.Protected(ctx, b.AccountID)
		if perr != nil {
			return perr
		}
		if protected {
			stage = colstore.StageProtected
			s.Protected++
		} else {
			s.Warrants++
		}
		if c, cerr := j.store.OpenCase(ctx, b.AccountID); cerr == nil && c != nil {
			err = j.store.SetCaseStage(ctx, j.store.DB(), c.ID, stage, c.Amount)
		}
	}
	if err != nil {
		return err
	}
	return j.store.RecordAction(ctx, b.ID, b.AccountID, stage)
}

func (j *Job) openCase(ctx context.Context, accountID string) error {
	c, err := j.store.OpenCase(ctx, accountID)
	if err != nil || c != nil {
		return err
	}
	acc, err := j.accounts.Get(ctx, accountID)
	if err != nil {
		return err
	}
	return j.store.CreateCase(ctx, models.DebtCase{ID: ids.New(ids.PrefixDebtCase), AccountID: accountID,
		Amount: acc.Balance, Stage: colstore.StageDebtCase, OpenedAt: time.Now().UTC()})
}

// OnPaymentReceived closes the debt case once the account is clear.
func (j *Job) OnPaymentReceived(ctx context.Context, e events.Event) error {
	var p models.PaymentPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	c, err := j.store.OpenCase(ctx, p.AccountID)
	if err != nil || c == nil {
		return err
	}
	acc, err := j.accounts.Get(ctx, p.AccountID)
	if err != nil {
		return err
	}
	if acc.Balance <= 0 {
		return j.store.CloseCase(ctx, c.ID)
	}
	return j.store.SetCaseStage(ctx, j.store.DB(), c.ID, c.Stage, acc.Balance)
}
