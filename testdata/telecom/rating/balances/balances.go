// Package balances manages allowance buckets (data/voice/SMS) and prepaid
// monetary credit consumed by the rater.
package balances

import (
	"context"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/rating/store"
)

type Manager struct {
	store    *store.Store
	currency string
}

func New(s *store.Store, currency string) *Manager { return &Manager{store: s, currency: currency} }

// Draw takes up to units from buckets in expiry order. It returns the units
// covered and the buckets with their new remaining amounts.
func Draw(buckets []models.Bucket, units int64) (covered int64, changed []models.Bucket) {
	for _, b := range buckets {
		if units == 0 {
			break
		}
		take := min(b.Remaining, units)
		if take <= 0 {
			continue
		}
		b.Remaining -= take
		units -= take
		covered += take
		changed = append(changed, b)
	}
	return covered, changed
}

// Consume draws units from the subscriber's buckets for a service.
func (m *Manager) Consume(ctx context.Context, subscriberID, service string, units int64) (int64, error) {
	bs, err := m.store.Buckets(ctx, subscriberID, service)
	if err != nil {
		return 0, err
	}
	covered, changed := Draw(bs, units)
	for _, b := range changed {
		if err := m.store.SetBucketRemaining(ctx, b.ID, b.Remaining); err != nil {
			return 0, err
		}
	}
	return covered, nil
}

func (m *Manager) grant(ctx context.Context, subscriberID, source, service string, amount int64, expires time.Time) error {
	if amount <= 0 {
		return nil
	}
	return m.store.InsertBucket(ctx, models.Bucket{ID: ids.New("bkt"), SubscriberID: subscriberID, Service: service,
		Source: source, Granted: amount, Remaining: amount, ExpiresAt: expires})
}

// GrantPlan creates the monthly buckets of a plan. Unlimited is modelled as
// a very large bucket (-1 in the catalog).
func (m *Manager) GrantPlan(ctx context.Context, subscriberID string, p models.Plan, from time.Time) error {
	exp := from.AddDate(0, 1, 0)
	for svc, amt := range map[string]int64{models.ServiceData: p.DataMB, models.ServiceVoice: p.VoiceMin, models.ServiceSMS: p.SMS} {
		if amt < 0 {
			amt = 1 << 40
		}
		if err := m.grant(ctx, subscriberID, p.Code, svc, amt, exp); err != nil {
			return err
		}
	}
	return nil
}

func (m *Manager) GrantAddOn(ctx context.Context, subscriberID string, a models.AddOn, from time.Time) error {
	days := a.ValidityDays
	if days == 0 {
		days = 30
	}
	exp := from.AddDate(0, 0, days)
	for svc, amt := range map[string]int64{models.ServiceData: a.DataMB, models.ServiceVoice: a.VoiceMin, models.ServiceSMS: a.SMS} {
		if err := m.grant(ctx, subscriberID, a.Code, svc, amt, exp); err != nil {
			return err
		}
	}
	return nil
}

func (m *Manager) RevokeSource(ctx context.Context, subscriberID, source string) error {
	return m.store.ExpireSourceBuckets(ctx, subscriberID, source)
}

func (m *Manager) Credit(ctx context.Context, subscriberID string) (money.Money, error) {
	return m.store.Credit(ctx, subscriberID, m.currency)
}

// Debit takes amount from prepaid credit or fails with PaymentRequired.
func (m *Manager) Debit(ctx context.Context, subscriberID string, amount money.Money) error {
	ok, err := m.store.AdjustCredit(ctx, subscriberID, amount.Neg())
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.PaymentRequired, "balances.Debit", "insufficient credit")
	}
	return nil
}

func (m *Manager) TopUp(ctx context.Context, subscriberID string, amount money.Money) error {
	if amount.Amount <= 0 {
		return errs.E(errs.Invalid, "balances.TopUp", "amount must be positive")
	}
	_, err := m.store.AdjustCredit(ctx, subscriberID, amount)
	return err
}

func (m *Manager) Snapshot(ctx context.Context, subscriberID string) (models.Balance, error) {
	credit, err := m.Credit(ctx, subscriberID)
	if err != nil {
		return models.Balance{}, err
	}
	bs, err := m.store.Buckets(ctx, subscriberID, "")
	return models.Balance{SubscriberID: subscriberID, Credit: credit, Buckets: bs}, err
}
