// Package commissions calculates monthly broker commissions on booked loans.
package commissions

import (
	"context"
	"fmt"
	"time"

	"lendwise.io/platform/internal/models"
	origstore "lendwise.io/platform/internal/origination/store"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/ledger"
	"lendwise.io/platform/partners/store"
)

const (
	volumeBonusThreshold = 20
	volumeBonusBps       = 50
	maxCommissionBps     = 500
)

type Calculator struct {
	partners   *store.Store
	agreements *origstore.Store
	ledger     *ledger.Service
}

func NewCalculator(p *store.Store, a *origstore.Store, l *ledger.Service) *Calculator {
	return &Calculator{partners: p, agreements: a, ledger: l}
}

// Period returns the month containing t as "2006-01" with its bounds.
func Period(t time.Time) (string, time.Time, time.Time) {
	from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return from.Format("2006-01"), from, from.AddDate(0, 1, 0)
}

// Run computes commissions for every active partner for the month containing t.
func (c *Calculator) Run(ctx context.Context, t time.Time) (money.Cents, error) {
	period, from, to := Period(t)
	partners, err := c.partners.Active(ctx)
	if err != nil {
		return 0, err
	}
	var grand money.Cents
	for _, p := range partners {
		total, err := c.forPartner(ctx, p, period, from, to)
		if err != nil {
			return grand, fmt.Errorf("commissions for %s: %w", p.ID, err)
		}
		grand += total
	}
	return grand, nil
}

func (c *Calculator) forPartner(ctx context.Context, p models.Partner, period string, from, to time.Time) (money.Cents, error) {
	booked, err := c.agreements.BookedForPartner(ctx, p.ID, from, to)
	if err != nil {
		return 0, err
	}
	rate := p.CommissionBps
	if len(booked) >= volumeBonusThreshold {
		rate += volumeBonusBps
	}
	rate = min(rate, maxCommissionBps)
	var total money.Cents
	for _, a := range booked {
		offer, err := c.agreements.GetOffer(ctx, a.OfferID)
		if err != nil {
			return total, err
		}
		line := store.Commission{AgreementID: a.ID, LoanID: a.LoanID, Principal: offer.Amount, RateBps: rate,
			Amount: offer.Amount.ApplyBps(rate), Period: period}
		inserted, err := c.partners.InsertCommission(ctx, p.ID, line)
		if err != nil {
			return total, err
		}
		if inserted {
			total += line.Amount
		}
	}
	if total > 0 {
		e := ledger.Simple("commission_accrual", "", fmt.Sprintf("commissions %s %s", p.ID, period),
			ledger.CommissionExpense, ledger.CommissionsPayable, total)
		if err := c.ledger.Post(ctx, e); err != nil {
			return total, err
		}
	}
	return total, nil
}

// Statement returns a partner's commission lines for a period.
func (c *Calculator) Statement(ctx context.Context, partnerID, period string) ([]store.Commission, money.Cents, error) {
	lines, err := c.partners.Commissions(ctx, partnerID, period)
	var total money.Cents
	for _, l := range lines {
		total += l.Amount
	}
	return lines, total, err
}
