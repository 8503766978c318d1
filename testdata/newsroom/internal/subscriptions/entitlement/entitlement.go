// Package entitlement answers "what may this reader access?" for the paywall,
// the ad server and the apps. Answers are cached briefly because the ad
// server asks on every impression.
package entitlement

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/dailyherald/newsroom/pkg/clock"
)

type Entitlements struct {
	ReaderID string    `json:"reader_id"`
	Premium  bool      `json:"premium"`
	AdFree   bool      `json:"ad_free"`
	PlanCode string    `json:"plan_code,omitempty"`
	Until    time.Time `json:"until,omitempty"`
}

type cached struct {
	e   Entitlements
	exp time.Time
}

type Service struct {
	DB    *sql.DB
	Clock clock.Clock
	TTL   time.Duration

	mu    sync.Mutex
	cache map[string]cached
}

// For returns the reader's entitlements; anonymous readers get none.
func (s *Service) For(ctx context.Context, readerID string) (Entitlements, error) {
	if readerID == "" {
		return Entitlements{}, nil
	}
	now := s.Clock.Now()
	s.mu.Lock()
	if c, ok := s.cache[readerID]; ok && now.Before(c.exp) {
		s.mu.Unlock()
		return c.e, nil
	}
	s.mu.Unlock()

	e := Entitlements{ReaderID: readerID}
	var until sql.NullTime
	var code sql.NullString
	// past_due keeps access during dunning; the grace ends when billing cancels.
	err := s.DB.QueryRowContext(ctx, `
		SELECT bool_or(p.premium), bool_or(p.ad_free), max(p.code), max(s.current_period_end)
		FROM subscriptions s JOIN plans p ON p.id = s.plan_id
		WHERE s.reader_id = $1 AND s.status IN ('trialing', 'active', 'past_due') AND s.current_period_end > $2`,
		readerID, now).Scan(nullBool{&e.Premium}, nullBool{&e.AdFree}, &code, &until)
	if err != nil {
		return Entitlements{}, err
	}
	e.PlanCode, e.Until = code.String, until.Time

	s.mu.Lock()
	if s.cache == nil {
		s.cache = map[string]cached{}
	}
	ttl := s.TTL
	if ttl == 0 {
		ttl = time.Minute
	}
	s.cache[readerID] = cached{e: e, exp: now.Add(ttl)}
	s.mu.Unlock()
	return e, nil
}

func (s *Service) AdFree(ctx context.Context, readerID string) bool {
	e, err := s.For(ctx, readerID)
	return err == nil && e.AdFree
}

// Invalidate drops the cached answer, e.g. after a subscription event.
func (s *Service) Invalidate(readerID string) {
	s.mu.Lock()
	delete(s.cache, readerID)
	s.mu.Unlock()
}

type nullBool struct{ dst *bool }

func (n nullBool) Scan(v any) error {
	var b sql.NullBool
	if err := b.Scan(v); err != nil {
		return err
	}
	*n.dst = b.Valid && b.Bool
	return nil
}
