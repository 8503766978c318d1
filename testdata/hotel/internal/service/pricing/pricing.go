// Package pricing produces quotes for stays and manages the rate grid.
package pricing

import (
	"context"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/service/pricing/rules"
	"github.com/staybright/platform/internal/store/promo"
	"github.com/staybright/platform/internal/store/rateplan"
)

// Catalog is the slice of the inventory service pricing needs.
type Catalog interface {
	Hotel(ctx context.Context, id int64) (*model.Hotel, error)
	BaseRate(ctx context.Context, roomTypeID int64) (money.Money, error)
}

// Occupancy reports how full a hotel is.
type Occupancy interface {
	Occupancy(ctx context.Context, hotelID int64, r clock.Range) (float64, error)
}

// vatBps is the accommodation VAT by country, in basis points.
var vatBps = map[string]int64{
	"PT": 600, "ES": 1000, "FR": 1000, "DE": 700, "IT": 1000, "NL": 900, "GB": 2000, "IE": 1350,
}

const defaultVAT = 1000

// Service prices stays.
type Service struct {
	plans   *rateplan.Store
	promos  *promo.Store
	catalog Catalog
	occ     Occupancy
	rules   []rules.Rule
	bus     events.Publisher
	clock   clock.Clock
	log     *log.Logger
}

// New builds the service.
func New(plans *rateplan.Store, promos *promo.Store, cat Catalog, occ Occupancy, bus events.Publisher, c clock.Clock, l *log.Logger) *Service {
	return &Service{plans: plans, promos: promos, catalog: cat, occ: occ, rules: rules.Default(),
		bus: bus, clock: c, log: l.Component("pricing")}
}

// QuoteRequest asks for the price of a stay.
type QuoteRequest struct {
	HotelID      int64
	RoomTypeID   int64
	RatePlanCode string
	Stay         clock.Range
	Tier         model.LoyaltyTier
	PromoCode    string
}

// Quote prices a stay under one rate plan.
func (s *Service) Quote(ctx context.Context, req QuoteRequest) (*model.Quote, error) {
	plan, err := s.plans.GetPlanByCode(ctx, req.HotelID, req.RatePlanCode)
	if err != nil {
		return nil, err
	}
	return s.quotePlan(ctx, plan, req)
}

// QuoteAll prices a stay under every plan the guest may book.
func (s *Service) QuoteAll(ctx context.Context, req QuoteRequest) ([]model.Quote, error) {
	plans, err := s.plans.ListPlans(ctx, req.HotelID)
	if err != nil {
		return nil, err
	}
	var out []model.Quote
	for i := range plans {
		if plans[i].MembersOnly && req.Tier == "" {
			continue
		}
		if plans[i].MinNights > req.Stay.Nights() {
			continue
		}
		q, err := s.quotePlan(ctx, &plans[i], req)
		if err != nil {
			return nil, err
		}
		out = append(out, *q)
	}
	return out, nil
}

func (s *Service) quotePlan(ctx context.Context, plan *model.RatePlan, req QuoteRequest) (*model.Quote, error) {
	const op = "pricing.Quote"
	if !plan.Active {
		return nil, errs.E(errs.Invalid, op, "rate plan is not bookable")
	}
	if plan.MembersOnly && req.Tier == "" {
		return nil, errs.E(errs.Forbidden, op, "rate plan is for Staybright Rewards members")
	}
	if req.Stay.Nights() < plan.MinNights {
		return nil, errs.E(errs.Invalid, op, "stay is shorter than the plan's minimum")
	}
	hotel, err := s.catalog.Hotel(ctx, req.HotelID)
	if err != nil {
		return nil, err
	}
	base, err := s.catalog.BaseRate(ctx, req.RoomTypeID)
	if err != nil {
		return nil, err
	}
	loaded, err := s.plans.Rates(ctx, req.RoomTypeID, plan.ID, req.Stay)
	if err != nil {
		return nil, err
	}
	byDay := make(map[time.Time]int64, len(loaded))
	for _, r := range loaded {
		byDay[clock.Day(r.Day)] = r.AmountCents
	}
	now := s.clock.Now()
	q := &model.Quote{
		HotelID: req.HotelID, RoomTypeID: req.RoomTypeID, RatePlanCode: plan.Code, Refundable: plan.Refundable,
		Subtotal: money.Zero(hotel.Currency), Discount: money.Zero(hotel.Currency),
	}
	for _, night := range req.Stay.Days() {
		price := base
		if cents, ok := byDay[night]; ok {
			price = money.New(cents, hotel.Currency)
		}
		occ, err := s.occ.Occupancy(ctx, req.HotelID, clock.Range{From: night, To: night.AddDate(0, 0, 1)})
		if err != nil {
			s.log.Warn("occupancy unavailable, pricing without it", "hotel_id", req.HotelID, "err", err)
		}
		rc := rules.Context{
			Night: night, LeadDays: int(night.Sub(clock.Day(now)).Hours() / 24),
			Nights: req.Stay.Nights(), Occupancy: occ, Tier: req.Tier,
		}
		adjusted, _ := rules.Apply(s.rules, rc, price)
		q.Nights = append(q.Nights, model.NightPrice{Date: night, Amount: adjusted})
		q.Subtotal = q.Subtotal.Add(adjusted)
	}
	if plan.DiscountBps > 0 {
		q.Discount = q.Discount.Add(q.Subtotal.Percent(plan.DiscountBps))
	}
	if req.PromoCode != "" {
		p, err := s.promos.Get(ctx, req.PromoCode)
		if err != nil {
			return nil, err
		}
		if !p.ValidAt(now, req.HotelID, req.Stay.Nights()) {
			return nil, errs.E(errs.Invalid, op, "promo code is not valid for this stay")
		}
		q.Discount = q.Discount.Add(q.Subtotal.Percent(p.DiscountBps))
		q.PromoApplied = p.Code
	}
	net := q.Subtotal.Sub(q.Discount)
	vat, ok := vatBps[hotel.Country]
	if !ok {
		vat = defaultVAT
	}
	q.Taxes = net.Percent(vat)
	q.Total = net.Add(q.Taxes)
	return q, nil
}

// RedeemPromo consumes one use of a promo code after a booking succeeds.
func (s *Service) RedeemPromo(ctx context.Context, code string) error {
	return s.promos.Redeem(ctx, code)
}

// Plans lists a hotel's rate plans.
func (s *Service) Plans(ctx context.Context, hotelID int64) ([]model.RatePlan, error) {
	return s.plans.ListPlans(ctx, hotelID)
}

// Plan returns a hotel's plan by code.
func (s *Service) Plan(ctx context.Context, hotelID int64, code string) (*model.RatePlan, error) {
	return s.plans.GetPlanByCode(ctx, hotelID, code)
}

// CreatePlan adds a rate plan.
func (s *Service) CreatePlan(ctx context.Context, p *model.RatePlan) error {
	if p.Code == "" || p.Name == "" {
		return errs.E(errs.Invalid, "pricing.CreatePlan", "code and name are required")
	}
	if p.DiscountBps < 0 || p.DiscountBps > 5000 {
		return errs.E(errs.Invalid, "pricing.CreatePlan", "discount must be between 0 and 50%")
	}
	if !p.Refundable {
		p.FreeCancelHours = 0
	}
	return s.plans.CreatePlan(ctx, p)
}

// SetRates loads a flat nightly price for a range and notifies listeners.
func (s *Service) SetRates(ctx context.Context, hotelID, roomTypeID, planID int64, r clock.Range, amount money.Money) error {
	plan, err := s.plans.GetPlan(ctx, planID)
	if err != nil {
		return err
	}
	if plan.HotelID != hotelID {
		return errs.E(errs.Invalid, "pricing.SetRates", "rate plan belongs to another hotel")
	}
	if amount.Cents <= 0 {
		return errs.E(errs.Invalid, "pricing.SetRates", "amount must be positive")
	}
	batch := make([]rateplan.DailyRate, 0, r.Nights())
	for _, d := range r.Days() {
		batch = append(batch, rateplan.DailyRate{HotelID: hotelID, RoomTypeID: roomTypeID, RatePlanID: planID,
			Day: d, AmountCents: amount.Cents, Currency: amount.Currency})
	}
	if err := s.plans.UpsertRates(ctx, batch); err != nil {
		return err
	}
	s.bus.Publish(ctx, model.RatesChanged{HotelID: hotelID, RoomTypeID: roomTypeID, RatePlanID: planID, From: r.From, To: r.To})
	return nil
}
