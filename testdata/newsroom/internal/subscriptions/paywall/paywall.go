// Package paywall decides whether a reader may read a given article.
//
// Rules: free articles are always readable. Premium articles are readable by
// entitled subscribers; registered readers get a monthly meter of free
// premium reads; anonymous visitors hit the registration wall.
package paywall

import (
	"context"
	"database/sql"

	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/pkg/clock"
)

type Reason string

const (
	ReasonFree        Reason = "free_article"
	ReasonSubscriber  Reason = "subscriber"
	ReasonMetered     Reason = "metered"
	ReasonMeterSpent  Reason = "meter_exhausted"
	ReasonRegister    Reason = "registration_required"
	ReasonAlreadyRead Reason = "already_read"
)

type Decision struct {
	Allowed   bool   `json:"allowed"`
	Reason    Reason `json:"reason"`
	Remaining int    `json:"remaining"`
}

type Service struct {
	DB           *sql.DB
	Articles     *store.ArticleStore
	Entitlements *entitlement.Service
	Clock        clock.Clock
	FreeArticles int
}

func (s *Service) Decide(ctx context.Context, articleID, readerID string) (Decision, error) {
	premium, err := s.Articles.IsPremium(ctx, articleID)
	if err != nil {
		return Decision{}, err
	}
	if !premium {
		return Decision{Allowed: true, Reason: ReasonFree}, nil
	}
	if readerID == "" {
		return Decision{Reason: ReasonRegister}, nil
	}
	ent, err := s.Entitlements.For(ctx, readerID)
	if err != nil {
		return Decision{}, err
	}
	if ent.Premium {
		return Decision{Allowed: true, Reason: ReasonSubscriber}, nil
	}
	return s.meter(ctx, articleID, readerID)
}

// meter counts distinct premium articles read this calendar month. Rereading
// an article already counted does not use the meter.
func (s *Service) meter(ctx context.Context, articleID, readerID string) (Decision, error) {
	month := clock.StartOfMonth(s.Clock.Now())
	var used int
	var seen bool
	err := s.DB.QueryRowContext(ctx, `
		SELECT count(*), coalesce(bool_or(article_id = $3), false)
		FROM paywall_meter_reads WHERE reader_id = $1 AND month = $2`, readerID, month, articleID).Scan(&used, &seen)
	if err != nil {
		return Decision{}, err
	}
	remaining := s.FreeArticles - used
	if seen {
		return Decision{Allowed: true, Reason: ReasonAlreadyRead, Remaining: max(remaining, 0)}, nil
	}
	if remaining <= 0 {
		return Decision{Reason: ReasonMeterSpent}, nil
	}
	if _, err := s.DB.ExecContext(ctx, `
		INSERT INTO paywall_meter_reads (reader_id, month, article_id, read_at) VALUES ($1, $2, $3, now())
		ON CONFLICT DO NOTHING`, readerID, month, articleID); err != nil {
		return Decision{}, err
	}
	return Decision{Allowed: true, Reason: ReasonMetered, Remaining: remaining - 1}, nil
}

// Read returns the full article if the decision allows it.
func (s *Service) Read(ctx context.Context, articleID, readerID string) (*models.Article, Decision, error) {
	d, err := s.Decide(ctx, articleID, readerID)
	if err != nil || !d.Allowed {
		return nil, d, err
	}
	a, err := s.Articles.Get(ctx, articleID)
	return a, d, err
}
