// Package billing is the application service for quoting, charging and
// invoicing merchants.
package billing

import (
	"context"
	"log/slog"
	"time"

	appmerchant "parcelgo.com/platform/application/merchant"
	db_ "parcelgo.com/platform/domain/billing"
	"parcelgo.com/platform/domain/pricing"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

type Service struct {
	repo      db_.Repository
	merchants *appmerchant.Service
	bus       events.Publisher
	log       *slog.Logger
	taxBps    int
	currency  string
	now       func() time.Time
}

func NewService(repo db_.Repository, merchants *appmerchant.Service, bus events.Publisher, log *slog.Logger, taxBps int, currency string) *Service {
	return &Service{repo: repo, merchants: merchants, bus: bus, log: log, taxBps: taxBps, currency: currency, now: time.Now}
}

// Quote prices a shipment using the merchant's active contract.
func (s *Service) Quote(ctx context.Context, merchantID string, req pricing.QuoteRequest) (pricing.Quote, error) {
	c, err := s.merchants.ActiveContract(ctx, merchantID)
	if err != nil {
		return pricing.Quote{}, err
	}
	rc, err := s.repo.RateCard(ctx, c.RateCardID)
	if err != nil {
		return pricing.Quote{}, err
	}
	if req.IsReturn && c.ReturnsIncluded {
		return pricing.Quote{Total: money.Zero(rc.Currency)}, nil
	}
	return rc.Price(req, c.DiscountBps)
}

// OnShipmentDelivered records the delivery charge at the price quoted at booking.
func (s *Service) OnShipmentDelivered(ctx context.Context, e events.Event) error {
	var p events.ShipmentDeliveredPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	kind := db_.ChargeDelivery
	if p.IsReturn {
		kind = db_.ChargeReturn
	}
	if p.Price.IsZero() {
		return nil
	}
	return s.repo.AddCharge(ctx, db_.Charge{
		MerchantID: p.MerchantID, ShipmentID: p.ShipmentID, TrackingNumber: p.TrackingNumber,
		Kind: kind, Amount: p.Price, OccurredAt: p.DeliveredAt,
	})
}

// RunInvoicing issues invoices for all charges before periodEnd (monthly job).
func (s *Service) RunInvoicing(ctx context.Context, periodEnd time.Time) (int, error) {
	periodStart := periodEnd.AddDate(0, -1, 0)
	merchantIDs, err := s.repo.MerchantsWithUnbilled(ctx, periodEnd)
	if err != nil {
		return 0, err
	}
	issued := 0
	for _, mid := range merchantIDs {
		charges, err := s.repo.UnbilledCharges(ctx, mid, periodEnd)
		if err != nil {
			return issued, err
		}
		terms := 30
		if c, err := s.merchants.ActiveContract(ctx, mid); err == nil {
			terms = c.PaymentTermsDays
		}
		inv, err := db_.BuildInvoice(ids.New("inv"), mid, s.currency, periodStart, periodEnd, charges, s.taxBps, terms)
		if err != nil {
			s.log.Warn("skipping invoice", "merchant", mid, "err", err)
			continue
		}
		if err := s.repo.SaveInvoice(ctx, &inv); err != nil {
			return issued, err
		}
		issued++
		ref, err := s.merchants.Ref(ctx, mid)
		if err != nil {
			return issued, err
		}
		if err := s.bus.Publish(ctx, events.InvoiceIssued, inv.ID, map[string]any{
			"merchant": ref, "number": inv.Number, "total": inv.Total, "due_at": inv.DueAt,
		}); err != nil {
			return issued, err
		}
	}
	return issued, nil
}

// SweepUncharged backfills delivery charges missed by the event pipeline.
func (s *Service) SweepUncharged(ctx context.Context) (int, error) {
	missing, err := s.repo.DeliveredWithoutCharge(ctx, s.now().AddDate(0, 0, -40))
	if err != nil {
		return 0, err
	}
	for _, c := range missing {
		c.ID = ids.New("chg")
		if err := s.repo.AddCharge(ctx, c); err != nil {
			return 0, err
		}
	}
	if len(missing) > 0 {
		s.log.Warn("backfilled delivery charges", "count", len(missing))
	}
	return len(missing), nil
}

func (s *Service) Invoice(ctx context.Context, merchantID, id string) (db_.Invoice, error) {
	inv, err := s.repo.Invoice(ctx, id)
	if err != nil {
		return inv, err
	}
	if merchantID != "" && inv.MerchantID != merchantID {
		return db_.Invoice{}, errs.NotFound("invoice not found")
	}
	return inv, nil
}
