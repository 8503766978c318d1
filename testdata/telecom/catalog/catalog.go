// Package catalog is the product catalog: plans, add-ons and out-of-bundle tariffs.
package catalog

import (
	"context"
	"regexp"

	"mvno.telco/core/catalog/store"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
)

var codeRe = regexp.MustCompile(`^[A-Z0-9_]{3,24}$`)

type Service struct {
	store *store.Store
}

func New(s *store.Store) *Service { return &Service{store: s} }

func (s *Service) Plan(ctx context.Context, code string) (models.Plan, error) {
	return s.store.Plan(ctx, code)
}

func (s *Service) Plans(ctx context.Context, paymentMode string) ([]models.Plan, error) {
	return s.store.Plans(ctx, paymentMode, true)
}

func (s *Service) AddOn(ctx context.Context, code string) (models.AddOn, error) {
	return s.store.AddOn(ctx, code)
}

func (s *Service) AddOnsForPlan(ctx context.Context, planCode string) ([]models.AddOn, error) {
	return s.store.AddOnsForPlan(ctx, planCode)
}

// CanAttach reports whether an add-on may be bought on a plan.
func (s *Service) CanAttach(ctx context.Context, planCode, addOnCode string) (models.AddOn, error) {
	addons, err := s.store.AddOnsForPlan(ctx, planCode)
	if err != nil {
		return models.AddOn{}, err
	}
	for _, a := range addons {
		if a.Code == addOnCode {
			return a, nil
		}
	}
	return models.AddOn{}, errs.E(errs.Invalid, "catalog.CanAttach", addOnCode+" is not available on "+planCode)
}

// CreatePlan validates and stores a new plan. Plans are created inactive
// and switched on by product once tariffs are loaded.
func (s *Service) CreatePlan(ctx context.Context, p models.Plan) error {
	const op = "catalog.CreatePlan"
	if !codeRe.MatchString(p.Code) {
		return errs.E(errs.Invalid, op, "code must be 3-24 upper-case letters, digits or _")
	}
	if p.PaymentMode != models.PaymentModePrepaid && p.PaymentMode != models.PaymentModePostpaid {
		return errs.E(errs.Invalid, op, "payment_mode must be prepaid or postpaid")
	}
	if p.MonthlyFee.IsNegative() {
		return errs.E(errs.Invalid, op, "monthly fee cannot be negative")
	}
	if p.DataMB < 0 || p.VoiceMin < 0 || p.SMS < 0 {
		return errs.E(errs.Invalid, op, "allowances cannot be negative")
	}
	if p.RoamingZone == "" {
		p.RoamingZone = "home"
	}
	p.Active = false
	return s.store.InsertPlan(ctx, p)
}

func (s *Service) ActivatePlan(ctx context.Context, code string) error {
	return s.store.SetPlanActive(ctx, code, true)
}

// RetirePlan stops selling a plan. Plans with live subscriptions cannot be
// retired; they must be migrated first.
func (s *Service) RetirePlan(ctx context.Context, code string) error {
	n, err := s.store.ActiveSubscriptionCount(ctx, code)
	if err != nil {
		return err
	}
	if n > 0 {
		return errs.E(errs.Conflict, "catalog.RetirePlan", "plan still has active subscriptions")
	}
	return s.store.SetPlanActive(ctx, code, false)
}
