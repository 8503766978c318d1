// Package plans agrees and monitors debt repayment plans. Ofgem's rules
// require plans to be affordable; we cap length and floor the instalment.
package plans

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	colstore "gridline.energy/platform/services/collections/store"
	paystore "gridline.energy/platform/services/payments/store"
)

const (
	MaxMonths         = 24
	MinInstalment     = money.Pence(500)
	MissedBeforeBreak = 2
	GraceDays         = 3
	FrequencyWeekly   = "weekly"
	FrequencyMonthly  = "monthly"
)

type Service struct {
	store    *colstore.Store
	payments *paystore.Store
	accounts *accounts.Service
	bus      *events.Bus
	notify   *notify.Sender
	log      *slog.Logger
	now      func() time.Time
}

func New(s *colstore.Store, ps *paystore.Store, acc *accounts.Service, bus *events.Bus, n *notify.Sender, log *slog.Logger) *Service {
	return &Service{store: s, payments: ps, accounts: acc, bus: bus, notify: n, log: log, now: time.Now}
}

type Proposal struct {
	Count     int       `json:"count"`
	Frequency string    `json:"frequency"`
	Start     time.Time `json:"start"`
}

// Build turns a proposal into a schedule for the account's current debt.
func (s *Service) Build(ctx context.Context, accountID string, p Proposal) (colstore.Plan, error) {
	const op = "plans.Build"
	acc, err := s.accounts.Get(ctx, accountID)
	if err != nil {
		return colstore.Plan{}, err
	}
	debt := acc.Balance
	if debt <= 0 {
		return colstore.Plan{}, errs.Conflict(op, "account is not in debt")
	}
	months := p.Count
	if p.Frequency == FrequencyWeekly {
		months = (p.Count*7 + 29) / 30
	} else if p.Frequency != FrequencyMonthly {
		return colstore.Plan{}, errs.Invalid(op, "frequency must be weekly or monthly")
	}
	if p.Count < 1 || months > MaxMonths {
		return colstore.Plan{}, errs.Invalid(op, "plans run for at most %d months", MaxMonths)
	}
	amounts := debt.Split(p.Count)
	if amounts[len(amounts)-1] < MinInstalment && p.Count > 1 {
		return colstore.Plan{}, errs.Invalid(op, "instalments would fall below %s; use fewer", MinInstalment)
	}
	if p.Start.Before(s.now()) {
		p.Start = s.now().AddDate(0, 0, 7)
	}
	plan := colstore.Plan{ID: ids.New(ids.PrefixPlan), AccountID: accountID, Debt: debt, Frequency: p.Frequency, Status: "active"}
	// Instalments are collected by Direct Debit when the customer has a mandate.
	if _, ok, err := s.payments.ActiveMandate(ctx, accountID); err != nil {
		return plan, err
	} else {
		plan.ByDD = ok
	}
	for i, amt := range amounts {
		due := p.Start.AddDate(0, i, 0)
		if p.Frequency == FrequencyWeekly {
			due = p.Start.AddDate(0, 0, 7*i)
		}
		plan.Instalments = append(plan.Instalments, colstore.Instalment{Due: due, Amount: amt, Status: "due"})
	}
	return plan, nil
}

// Agree stores the plan and moves any open debt case to the plan stage.
func (s *Service) Agree(ctx context.Context, accountID string, p Proposal) (colstore.Plan, error) {
	if existing, err := s.store.ActivePlan(ctx, accountID); err != nil {
		return colstore.Plan{}, err
	} else if existing != nil {
		return colstore.Plan{}, errs.Conflict("plans.Agree", "account already has an active plan")
	}
	plan, err := s.Build(ctx, accountID, p)
	if err != nil {
		return plan, err
	}
	err = db.WithTx(ctx, s.store.DB(), func(tx *sql.Tx) error {
		if err := s.store.InsertPlan(ctx, tx, plan); err != nil {
			return err
		}
		c, err := s.store.OpenCase(ctx, accountID)
		if err != nil || c == nil {
			return err
		}
		return s.store.SetCaseStage(ctx, tx, c.ID, colstore.StagePlan, plan.Debt)
	})
	if err != nil {
		return plan, err
	}
	if cust, err := s.accounts.Holder(ctx, accountID); err == nil {
		_ = s.notify.Email(ctx, accountID, cust.Email, "plan_agreed", map[string]any{
			"Count": len(plan.Instalments), "Instalment": plan.Instalments[0].Amount.String(),
			"Start": plan.Instalments[0].Due.Format("2 January 2006")})
	}
	return plan, nil
}

// CheckInstalments marks instalments paid or missed by comparing payments
// received since the plan began against the cumulative amount due. A plan
// with two missed instalments is broken and the debt case resumes.
func (s *Service) CheckInstalments(ctx context.Context, asOf time.Time) (broken int, err error) {
	accs, err := s.store.DuePlans(ctx, asOf.AddDate(0, 0, -GraceDays))
	if err != nil {
		return 0, err
	}
	for _, accID := range accs {
		p, err := s.store.ActivePlan(ctx, accID)
		if err != nil || p == nil {
			return broken, err
		}
		paid, err := s.payments.SettledSince(ctx, accID, p.Instalments[0].Due.AddDate(0, 0, -7))
		if err != nil {
			return broken, err
		}
		var cumulative money.Pence
		missed, remaining := 0, 0
		for _, in := range p.Instalments {
			cumulative += in.Amount
			if in.Due.After(asOf.AddDate(0, 0, -GraceDays)) {
				if in.Status == "due" {
					remaining++
				}
				continue
			}
			status := "paid"
			if paid < cumulative {
				status = "missed"
				missed++
			}
			if status != in.Status {
				if err := s.store.SetInstalment(ctx, in.ID, status); err != nil {
					return broken, err
				}
			}
		}
		switch {
		case missed >= MissedBeforeBreak:
			if err := s.breakPlan(ctx, p); err != nil {
				return broken, err
			}
			broken++
		case remaining == 0 && missed == 0:
			if err := s.store.SetPlanStatus(ctx, p.ID, "completed"); err != nil {
				return broken, err
			}
		}
	}
	return broken, nil
}

func (s *Service) breakPlan(ctx context.Context, p *colstore.Plan) error {
	if err := s.store.SetPlanStatus(ctx, p.ID, "broken"); err != nil {
		return err
	}
	c, err := s.store.OpenCase(ctx, p.AccountID)
	if err != nil {
		return err
	}
	if c != nil {
		acc, err := s.accounts.Get(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if err := s.store.SetCaseStage(ctx, s.store.DB(), c.ID, colstore.StageDebtCase, acc.Balance); err != nil {
			return err
		}
	}
	s.log.Info("payment plan broken", "plan", p.ID, "account", p.AccountID)
	return s.bus.Publish(ctx, models.EventPlanBroken, p.AccountID, map[string]string{"plan_id": p.ID})
}

func (s *Service) Active(ctx context.Context, accountID string) (*colstore.Plan, error) {
	return s.store.ActivePlan(ctx, accountID)
}
