// Package fraud screens checkouts for bots, scalpers and stolen cards. It
// keeps its own signal store (fraud_signals, fraud_blocklist) and produces
// a 0-100 risk score per checkout.
package fraud

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
)

// Checkout is what gets scored.
type Checkout struct {
	FanID   string
	EventID string
	Units   int
	Amount  money.Money
	IP      string
	CardBIN string
}

// Assessment is the scoring result.
type Assessment struct {
	Score   int
	Allow   bool
	Reasons []string
}

// Scorer computes risk scores.
type Scorer struct {
	db        *sql.DB
	threshold int
	clock     clock.Clock
	log       *slog.Logger
}

// NewScorer builds a scorer; checkouts scoring >= threshold are blocked.
func NewScorer(d *sql.DB, threshold int, c clock.Clock, log *slog.Logger) *Scorer {
	return &Scorer{db: d, threshold: threshold, clock: c, log: log}
}

// Score evaluates the rules and records the attempt.
func (s *Scorer) Score(ctx context.Context, c Checkout) (Assessment, error) {
	var a Assessment
	add := func(points int, reason string) {
		a.Score += points
		a.Reasons = append(a.Reasons, reason)
	}
	now := s.clock.Now()

	blocked, err := s.isBlocked(ctx, c)
	if err != nil {
		return a, err
	}
	if blocked {
		add(100, "blocklisted")
	}

	// Account age and verification. The fan_accounts table belongs to the
	// accounts team; we read it directly because the profile API does not
	// expose created_at.
	var created time.Time
	var verified bool
	err = s.db.QueryRowContext(ctx, `SELECT created_at, email_verified FROM fan_accounts WHERE id=$1`, c.FanID).Scan(&created, &verified)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		add(40, "unknown account")
	case err != nil:
		return a, errs.Wrap(err, "fraud.Score")
	default:
		if now.Sub(created) < 24*time.Hour {
			add(20, "new account")
		}
		if !verified {
			add(15, "email not verified")
		}
	}

	var attempts, declines int
	if err := s.db.QueryRowContext(ctx, `
		SELECT count(*) FILTER (WHERE kind='checkout'), count(*) FILTER (WHERE kind='decline')
		FROM fraud_signals WHERE (fan_id=$1 OR ip=$2) AND at > $3`,
		c.FanID, c.IP, now.Add(-time.Hour)).Scan(&attempts, &declines); err != nil {
		return a, errs.Wrap(err, "fraud.Score")
	}
	if attempts > 5 {
		add(25, "checkout velocity")
	}
	if declines >= 3 {
		add(30, "repeated declines")
	}
	if c.Units >= 8 {
		add(10, "large quantity")
	}
	a.Allow = a.Score < s.threshold
	if err := s.Record(ctx, Signal{Kind: "checkout", FanID: c.FanID, EventID: c.EventID, IP: c.IP, Score: a.Score}); err != nil {
		s.log.Warn("record fraud signal", "err", err)
	}
	return a, nil
}

func (s *Scorer) isBlocked(ctx context.Context, c Checkout) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `
		SELECT count(*) FROM fraud_blocklist
		WHERE (kind='fan' AND value=$1) OR (kind='ip' AND value=$2) OR (kind='bin' AND value=$3)`,
		c.FanID, c.IP, c.CardBIN).Scan(&n)
	return n > 0, errs.Wrap(err, "fraud.isBlocked")
}
