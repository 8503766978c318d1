// Package service implements charging riders and booking driver earnings.
package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/payment/model"
	"github.com/zipcab/backend/app/payment/repository"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/modules/wallet"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/pkg/money"
)

// PaymentService charges riders via card, wallet or cash.
type PaymentService struct {
	repo    *repository.PaymentRepository
	gateway *paygateway.Client
	wallet  *wallet.Service
	pub     events.Publisher
}

// New returns a payment service.
func New(repo *repository.PaymentRepository, gw *paygateway.Client, w *wallet.Service, pub events.Publisher) *PaymentService {
	return &PaymentService{repo: repo, gateway: gw, wallet: w, pub: pub}
}

// Authorize places a hold for an upfront trip price. Called synchronously by
// the trip service before a trip is dispatched.
func (s *PaymentService) Authorize(ctx context.Context, riderID, methodID, tripID int64, amount money.Money) error {
	m, err := s.repo.Method(ctx, methodID)
	if err != nil {
		return err
	}
	if m.RiderID != riderID {
		return errs.Forbidden("payment.authorize")
	}
	p := model.Payment{RiderID: riderID, Source: model.SourceTrip, SourceID: tripID, MethodID: methodID,
		Method: m.Kind, Amount: amount, Status: model.StatusAuthorized}
	switch m.Kind {
	case "cash":
	case "wallet":
		bal, err := s.wallet.Balance(ctx, riderID)
		if err != nil {
			return err
		}
		if bal.Amount < amount.Amount {
			return wallet.ErrInsufficientFunds
		}
	case "card":
		// authorize 20% over the quote to cover route deviations
		hold := amount.Percent(120)
		in, err := s.gateway.Authorize(ctx, riderRef(riderID), m.GatewayRef, hold.Amount, hold.Currency, fmt.Sprintf("auth-trip-%d", tripID))
		if err != nil {
			if errors.Is(err, paygateway.ErrDeclined) {
				return errs.E(errs.KindPaymentRequired, "payment.authorize", "card declined")
			}
			return errs.Unavailable("payment.authorize", "payment provider unavailable")
		}
		p.IntentRef = in.ID
	default:
		return errs.Invalid("payment.authorize", "unsupported payment method")
	}
	_, err = s.repo.Create(ctx, p)
	return err
}

// ChargeTrip captures the final fare of a completed trip and books the driver's earning.
func (s *PaymentService) ChargeTrip(ctx context.Context, ev entity.TripCompletedEvent) error {
	total := ev.Fare.Total
	p, err := s.repo.BySource(ctx, model.SourceTrip, ev.TripID)
	if errs.Is(err, errs.KindNotFound) {
		// courier legs of food orders are paid by the order, not the trip
		if ev.FoodOrderID == 0 {
			return err
		}
	} else if err != nil {
		return err
	} else if p.Status == model.StatusAuthorized {
		if err := s.capture(ctx, p, total, fmt.Sprintf("trip-%d", ev.TripID)); err != nil {
			return err
		}
	}
	pct := model.CommissionPct
	if ev.FoodOrderID != 0 {
		pct = model.CourierCommissionPct
	}
	gross := total.Add(ev.Fare.Discount) // drivers are paid on the pre-promo fare
	comm := gross.Sub(ev.Fare.BookingFee).Percent(pct).Add(ev.Fare.BookingFee)
	return s.repo.RecordEarning(ctx, model.Earning{
		DriverID: ev.DriverID, TripID: ev.TripID, Gross: gross, Commission: comm,
		Tip: money.Zero(gross.Currency), Net: gross.Sub(comm),
	})
}

// ChargeCancelFee charges a rider's cancellation fee and releases the hold.
func (s *PaymentService) ChargeCancelFee(ctx context.Context, ev entity.TripCancelledEvent) error {
	p, err := s.repo.BySource(ctx, model.SourceTrip, ev.TripID)
	if err != nil {
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		return err
	}
	if p.Status != model.StatusAuthorized {
		return nil
	}
	if ev.CancelFee.IsZero() {
		if p.IntentRef != "" {
			if err := s.gateway.Void(ctx, p.IntentRef); err != nil {
				return errs.Wrap("payment.void", err)
			}
		}
		return s.repo.SetStatus(ctx, p.ID, model.StatusVoided, 0, "")
	}
	return s.capture(ctx, p, ev.CancelFee, fmt.Sprintf("cancel-%d", ev.TripID))
}

// ChargeOrder charges a food order at checkout (immediate capture).
func (s *PaymentService) ChargeOrder(ctx context.Context, orderID, riderID, methodID int64, total money.Money) (int64, error) {
	m, err := s.repo.Method(ctx, methodID)
	if err != nil {
		return 0, err
	}
	p := model.Payment{RiderID: riderID, Source: model.SourceFoodOrder, SourceID: orderID, MethodID: methodID,
		Method: m.Kind, Amount: total, Status: model.StatusAuthorized}
	if m.Kind != "card" {
		return 0, errs.Invalid("payment.charge_order", "food orders require a card")
	}
	in, err := s.gateway.Authorize(ctx, riderRef(riderID), m.GatewayRef, total.Amount, total.Currency, fmt.Sprintf("auth-order-%d", orderID))
	if err != nil {
		return 0, errs.E(errs.KindPaymentRequired, "payment.charge_order", "card declined")
	}
	p.IntentRef = in.ID
	id, err := s.repo.Create(ctx, p)
	if err != nil {
		return 0, err
	}
	p.ID = id
	return id, s.capture(ctx, p, total, fmt.Sprintf("order-%d", orderID))
}

// RefundOrder refunds part of a food order payment (missing items etc).
func (s *PaymentService) RefundOrder(ctx context.Context, orderID int64, amt money.Money) error {
	p, err := s.repo.BySource(ctx, model.SourceFoodOrder, orderID)
	if err != nil {
		return err
	}
	if p.Refunded.Add(amt).Amount > p.Amount.Amount {
		return errs.Invalid("payment.refund", "refund exceeds captured amount")
	}
	if err := s.gateway.Refund(ctx, p.IntentRef, amt.Amount, fmt.Sprintf("refund-%d-%d", p.ID, p.Refunded.Amount)); err != nil {
		return errs.Wrap("payment.refund", err)
	}
	return s.repo.AddRefund(ctx, p.ID, amt.Amount)
}

func (s *PaymentService) capture(ctx context.Context, p model.Payment, amt money.Money, ref string) error {
	var err error
	switch p.Method {
	case "card":
		_, err = s.gateway.Capture(ctx, p.IntentRef, amt.Amount, "cap-"+ref)
	case "wallet":
		err = s.wallet.Debit(ctx, p.RiderID, amt, wallet.ReasonTripPayment, ref)
	case "cash":
		// collected by driver; commission is netted from earnings
	}
	ev := entity.PaymentEvent{PaymentID: p.ID, RiderID: p.RiderID, Amount: amt}
	if p.Source == model.SourceFoodOrder {
		ev.OrderID = p.SourceID
	} else {
		ev.TripID = p.SourceID
	}
	if err != nil {
		log.From(ctx).Warn("capture failed", "payment_id", p.ID, "err", err)
		ev.Reason = err.Error()
		_ = s.repo.SetStatus(ctx, p.ID, model.StatusFailed, 0, err.Error())
		_ = s.pub.Publish(ctx, events.PaymentFailed, ref, ev)
		return errs.E(errs.KindPaymentRequired, "payment.capture", "payment failed")
	}
	if err := s.repo.SetStatus(ctx, p.ID, model.StatusCaptured, amt.Amount, ""); err != nil {
		return err
	}
	return s.pub.Publish(ctx, events.PaymentCaptured, ref, ev)
}

func riderRef(id int64) string { return fmt.Sprintf("zc_rider_%d", id) }
