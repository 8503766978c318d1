// Package service implements billing use cases: checkout, Stripe webhooks,
// entitlement checks, cancellation and renewals.
package service

import (
	"context"
	"database/sql"
	"errors"

	"quill.dev/academy/integrations/stripe"
	"quill.dev/academy/legacy/coupons"
	"quill.dev/academy/pkg/billing/domain"
	"quill.dev/academy/pkg/billing/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/ids"
)

// Service is billing's application service.
type Service struct {
	Pool    *sql.DB
	Repo    *repo.Repo
	Stripe  *stripe.Client
	Clock   clock.Clock
	BaseURL string
	Webhook string // webhook signing secret
}

// Plans lists purchasable plans.
func (s *Service) Plans(ctx context.Context) ([]domain.Plan, error) { return s.Repo.Plans(ctx) }

// CurrentSubscription returns the user's live subscription, if any.
func (s *Service) CurrentSubscription(ctx context.Context, uid types.UserID) (*domain.Subscription, error) {
	sub, err := s.Repo.CurrentSubscription(ctx, uid)
	if errs.Is(err, errs.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &sub, nil
}

// Tier returns the plan tier the user currently has access to.
func (s *Service) Tier(ctx context.Context, uid types.UserID) (types.PlanTier, error) {
	sub, err := s.CurrentSubscription(ctx, uid)
	if err != nil || sub == nil || !sub.Live(s.Clock.Now()) {
		return types.TierFree, err
	}
	return sub.Tier, nil
}

// Entitlement says whether a user may access a course and why. Enrollment
// calls this before creating an enrollment.
func (s *Service) Entitlement(ctx context.Context, uid types.UserID, c types.CourseSummary) (types.EnrollmentSource, bool, error) {
	if c.Price.IsZero() && c.IncludedIn == "" {
		return types.SourceFree, true, nil
	}
	paid, err := s.Repo.HasPaidForCourse(ctx, uid, c.ID)
	if err != nil {
		return "", false, err
	}
	if paid {
		return types.SourcePurchase, true, nil
	}
	tier, err := s.Tier(ctx, uid)
	if err != nil {
		return "", false, err
	}
	if c.IncludedIn != "" && tier.Includes(c.IncludedIn) {
		return types.SourceSubscription, true, nil
	}
	return "", false, nil
}

// Checkout is the result of starting a checkout.
type Checkout struct {
	InvoiceID string `json:"invoice_id"`
	URL       string `json:"url"`
}

// SubscribeCheckout starts a Stripe checkout for a plan.
func (s *Service) SubscribeCheckout(ctx context.Context, u types.User, planID types.PlanID, couponCode string) (Checkout, error) {
	plan, err := s.Repo.Plan(ctx, planID)
	if err != nil {
		return Checkout{}, err
	}
	if cur, _ := s.CurrentSubscription(ctx, u.ID); cur != nil && cur.Live(s.Clock.Now()) {
		return Checkout{}, errs.E(errs.Conflict, "subscribe", "already subscribed to %s", cur.PlanID)
	}
	inv := domain.Invoice{ID: ids.New("inv"), UserID: u.ID, Amount: plan.Price, Status: domain.InvoiceOpen, CreatedAt: s.Clock.Now()}
	params := stripe.CheckoutParams{CustomerEmail: u.Email, PriceID: plan.StripePriceID, Mode: "subscription", Reference: inv.ID,
		SuccessURL: s.BaseURL + "/billing/success", CancelURL: s.BaseURL + "/pricing"}
	if couponCode != "" {
		c, err := s.coupon(ctx, couponCode, "")
		if err != nil {
			return Checkout{}, err
		}
		params.CouponID = c.StripeCouponID
		inv.CouponCode = c.Code
		inv.Discount = types.Money{Amount: plan.Price.Amount - c.Apply(plan.Price.Amount), Currency: plan.Price.Currency}
	}
	return s.startCheckout(ctx, inv, params)
}

// CourseCheckout starts a one-off purchase of a course.
func (s *Service) CourseCheckout(ctx context.Context, u types.User, c types.CourseSummary, couponCode string) (Checkout, error) {
	if !c.Published || c.Price.IsZero() {
		return Checkout{}, errs.E(errs.Invalid, "course_checkout", "course is not for sale")
	}
	amount := c.Price.Amount
	inv := domain.Invoice{ID: ids.New("inv"), UserID: u.ID, CourseID: c.ID, Status: domain.InvoiceOpen, CreatedAt: s.Clock.Now()}
	if couponCode != "" {
		cp, err := s.coupon(ctx, couponCode, string(c.ID))
		if err != nil {
			return Checkout{}, err
		}
		inv.CouponCode = cp.Code
		amount = cp.Apply(amount)
	}
	inv.Amount = types.Money{Amount: amount, Currency: c.Price.Currency}
	inv.Discount = types.Money{Amount: c.Price.Amount - amount, Currency: c.Price.Currency}
	return s.startCheckout(ctx, inv, stripe.CheckoutParams{CustomerEmail: u.Email, Mode: "payment", AmountCents: amount,
		Currency: c.Price.Currency, Description: c.Title, Reference: inv.ID,
		SuccessURL: s.BaseURL + "/courses/" + c.Slug + "?purchased=1", CancelURL: s.BaseURL + "/courses/" + c.Slug})
}

func (s *Service) startCheckout(ctx context.Context, inv domain.Invoice, p stripe.CheckoutParams) (Checkout, error) {
	if err := s.Repo.CreateInvoice(ctx, inv); err != nil {
		return Checkout{}, err
	}
	sess, err := s.Stripe.CreateCheckoutSession(ctx, p)
	if err != nil {
		_ = s.Repo.SetInvoiceStatus(ctx, inv.ID, domain.InvoiceVoid, nil)
		return Checkout{}, errs.Wrap(errs.Unavailable, "stripe.checkout", err)
	}
	return Checkout{InvoiceID: inv.ID, URL: sess.URL}, nil
}

func (s *Service) coupon(ctx context.Context, code, courseID string) (*coupons.Coupon, error) {
	c, err := coupons.Lookup(ctx, s.Pool, code)
	if errors.Is(err, coupons.ErrUnknown) {
		return nil, errs.E(errs.Invalid, "coupon", "unknown coupon code")
	}
	if err != nil {
		return nil, err
	}
	if err := c.Check(courseID, s.Clock.Now()); err != nil {
		return nil, errs.Wrap(errs.Invalid, "coupon", err)
	}
	return c, nil
}

// Cancel schedules cancellation at period end.
func (s *Service) Cancel(ctx context.Context, uid types.UserID) (*domain.Subscription, error) {
	sub, err := s.Repo.CurrentSubscription(ctx, uid)
	if err != nil {
		return nil, err
	}
	if sub.CancelAtPeriodEnd {
		return &sub, nil
	}
	if sub.StripeSubID != "" {
		if err := s.Stripe.CancelSubscription(ctx, sub.StripeSubID); err != nil {
			return nil, errs.Wrap(errs.Unavailable, "stripe.cancel", err)
		}
	}
	sub.CancelAtPeriodEnd = true
	return &sub, s.Repo.UpdateSubscription(ctx, sub)
}
