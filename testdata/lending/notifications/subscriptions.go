package notifications

import (
	"context"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/events"
)

// Subscribe wires customer notices to platform events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.ApplicationDecided, func(ctx context.Context, e events.Event) error {
		var p struct {
			ApplicationID string                 `json:"application_id"`
			BorrowerID    string                 `json:"borrower_id"`
			Outcome       models.DecisionOutcome `json:"outcome"`
			Reasons       []string               `json:"reasons"`
		}
		if err := e.Decode(&p); err != nil {
			return err
		}
		data := map[string]any{"ApplicationID": p.ApplicationID, "Reasons": p.Reasons}
		switch p.Outcome {
		case models.OutcomeApprove:
			return s.Send(ctx, p.BorrowerID, "application_approved", data)
		case models.OutcomeDecline:
			return s.Send(ctx, p.BorrowerID, "application_declined", data)
		}
		return nil
	})
	bus.Subscribe(events.LoanFunded, func(ctx context.Context, e events.Event) error {
		var d models.Disbursement
		if err := e.Decode(&d); err != nil {
			return err
		}
		return s.Send(ctx, d.BorrowerID, "loan_funded", map[string]any{"Amount": d.Amount, "FirstDue": "per your schedule"})
	})
	bus.Subscribe(events.PaymentPosted, func(ctx context.Context, e events.Event) error {
		var p models.Payment
		if err := e.Decode(&p); err != nil {
			return err
		}
		return s.SendForLoan(ctx, p.LoanID, "payment_receipt", map[string]any{"Amount": p.Amount})
	})
	bus.Subscribe(events.PaymentReturned, func(ctx context.Context, e events.Event) error {
		var p struct {
			Code string `json:"code"`
		}
		if err := e.Decode(&p); err != nil {
			return err
		}
		return s.SendForLoan(ctx, e.Key, "payment_returned", map[string]any{"Code": p.Code})
	})
	bus.Subscribe(events.LoanPaidOff, func(ctx context.Context, e events.Event) error {
		var p struct {
			BorrowerID string `json:"borrower_id"`
		}
		if err := e.Decode(&p); err != nil {
			return err
		}
		return s.Send(ctx, p.BorrowerID, "paid_off", map[string]any{"LoanID": e.Key})
	})
}
