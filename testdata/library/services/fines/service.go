// Package fines implements charging, payment and waiver of fines.
package fines

import (
	"context"
	"errors"
	"fmt"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/fines/payments"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/platform/money"
	"citylib.org/ils/models"
	repo "citylib.org/ils/repositories/fines"
)

// LostProcessingFeeCents is added to the replacement price of a lost item.
const LostProcessingFeeCents = 500

// MaxWaiveCentsWithoutSupervisor limits what front-line staff can waive.
const MaxWaiveCentsWithoutSupervisor = 2000

type Service struct {
	repo    *repo.Repo
	gateway *payments.Gateway
	bus     *eventbus.Bus
}

func NewService(r *repo.Repo, g *payments.Gateway, bus *eventbus.Bus) *Service {
	return &Service{repo: r, gateway: g, bus: bus}
}

// Charge creates a one-off fine.
func (s *Service) Charge(ctx context.Context, memberID int64, loanID *int64, kind models.FineKind, cents int64, note string) (*models.Fine, error) {
	if cents <= 0 {
		return nil, apperr.Invalid("bad_amount", "fine amount must be positive")
	}
	f := &models.Fine{MemberID: memberID, LoanID: loanID, Kind: kind, AmountCents: cents, Note: note}
	if err := s.repo.Create(ctx, f); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicFineAssessed, models.FineEvent{FineID: f.ID, MemberID: memberID, Kind: kind, AmountCents: cents})
	return f, nil
}

// AssessOverdue sets the overdue fine for a loan to daysLate*daily, capped.
// Safe to call repeatedly (nightly accrual and again on return).
func (s *Service) AssessOverdue(ctx context.Context, memberID, loanID int64, daysLate int, dailyCents, capCents int64) (*models.Fine, error) {
	if daysLate <= 0 || dailyCents == 0 {
		return nil, nil
	}
	amount := int64(money.Min(money.Cents(int64(daysLate)*dailyCents), money.Cents(capCents)))
	f, created, err := s.repo.UpsertOverdue(ctx, memberID, loanID, amount)
	if err != nil {
		return nil, err
	}
	if created {
		s.bus.Publish(ctx, models.TopicFineAssessed, models.FineEvent{FineID: f.ID, MemberID: memberID, Kind: models.FineOverdue, AmountCents: amount})
	}
	return f, nil
}

// AssessLost bills replacement cost plus processing fee for a lost item.
func (s *Service) AssessLost(ctx context.Context, memberID, loanID, priceCents int64) (*models.Fine, error) {
	if priceCents <= 0 {
		priceCents = 2500 // default replacement price when acquisition price is unknown
	}
	return s.Charge(ctx, memberID, &loanID, models.FineLost, priceCents+LostProcessingFeeCents, "lost item")
}

type Account struct {
	Fines        []models.Fine `json:"fines"`
	BalanceCents int64         `json:"balance_cents"`
	Balance      string        `json:"balance"`
}

func (s *Service) Outstanding(ctx context.Context, memberID int64) (*Account, error) {
	fs, err := s.repo.OpenByMember(ctx, memberID)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, f := range fs {
		total += f.Balance()
	}
	return &Account{Fines: fs, BalanceCents: total, Balance: money.Cents(total).String()}, nil
}

// Pay takes a payment. Card payments are captured first, and any amount
// exceeding the balance is refunded rather than kept as credit.
func (s *Service) Pay(ctx context.Context, memberID int64, req models.PaymentRequest, staffID int64) (*models.Payment, error) {
	if req.AmountCents <= 0 {
		return nil, apperr.Invalid("bad_amount", "payment must be positive")
	}
	balance, err := s.repo.Balance(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if balance == 0 {
		return nil, apperr.Conflict("nothing_owed", "member has no outstanding fines")
	}
	p := &models.Payment{MemberID: memberID, AmountCents: req.AmountCents, Method: req.Method, StaffID: staffID}
	switch req.Method {
	case "cash":
		if staffID == 0 {
			return nil, apperr.Forbidden("cash payments must be taken by staff")
		}
	case "card", "online":
		if req.CardToken == "" {
			return nil, apperr.Invalid("token_required", "card token is required")
		}
		idem := fmt.Sprintf("fine-%d-%d-%d", memberID, balance, req.AmountCents)
		ref, err := s.gateway.Charge(ctx, req.CardToken, req.AmountCents, "Library fines", idem)
		if err != nil {
			var d *payments.DeclinedError
			if errors.As(err, &d) {
				return nil, apperr.Invalid("card_declined", d.Error())
			}
			return nil, apperr.Internal("payment gateway", err)
		}
		p.ExternalRef = ref
	default:
		return nil, apperr.Invalid("bad_method", "method must be cash, card or online")
	}
	change, err := s.repo.RecordPayment(ctx, p)
	if err != nil {
		return nil, err
	}
	if change > 0 && p.ExternalRef != "" {
		if err := s.gateway.Refund(ctx, p.ExternalRef, change); err != nil {
			return nil, apperr.Internal("refund overpayment", err)
		}
	}
	s.bus.Publish(ctx, models.TopicPaymentReceived, models.PaymentEvent{PaymentID: p.ID, MemberID: memberID, AmountCents: p.AmountCents - change})
	return p, nil
}

func (s *Service) Waive(ctx context.Context, fineID, staffID int64, supervisor bool, reason string) error {
	f, err := s.repo.Get(ctx, fineID)
	if err != nil {
		return err
	}
	if reason == "" {
		return apperr.Invalid("reason_required", "a waiver reason is required")
	}
	if f.Balance() > MaxWaiveCentsWithoutSupervisor && !supervisor {
		return apperr.Forbidden("waivers over " + money.Cents(MaxWaiveCentsWithoutSupervisor).String() + " need a supervisor")
	}
	return s.repo.Waive(ctx, fineID, staffID, reason)
}
