package fraud

import (
	"context"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/shared/model"
)

// Signal is one observation fed into scoring.
type Signal struct {
	Kind    string // checkout, decline, chargeback, manual
	FanID   string
	EventID string
	IP      string
	Score   int
}

// Record stores a signal.
func (s *Scorer) Record(ctx context.Context, sig Signal) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO fraud_signals (kind, fan_id, event_id, ip, score, at) VALUES ($1,$2,$3,$4,$5,$6)`,
		sig.Kind, sig.FanID, sig.EventID, sig.IP, sig.Score, s.clock.Now())
	return errs.Wrap(err, "fraud.Record")
}

// Subscribe records payment declines as signals.
func (s *Scorer) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicPaymentFailed, "fraud.declines", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.PaymentFailed)
		if !ok {
			return nil
		}
		return s.Record(ctx, Signal{Kind: "decline", FanID: p.FanID})
	})
}
