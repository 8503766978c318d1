// Package payouts accrues freelance commissions when articles are published
// and pays them out in monthly bank-transfer batches.
package payouts

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/dailyherald/newsroom/internal/contributors/profile"
	"github.com/dailyherald/newsroom/internal/contributors/rates"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/money"
)

type Commission struct {
	ID            string      `json:"id"`
	ContributorID string      `json:"contributor_id"`
	ArticleID     string      `json:"article_id"`
	Fee           money.Money `json:"fee"`
	Status        string      `json:"status"` // accrued, approved, disputed, paid
	PayoutID      string      `json:"payout_id,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
}

type Service struct {
	DB       *sql.DB
	Profiles *profile.Service
	Rates    *rates.Service
	Log      *slog.Logger
}

// OnArticlePublished is subscribed to editorial.article_published.
func (s *Service) OnArticlePublished(ctx context.Context, e events.Event) error {
	var ev models.ArticlePublishedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	paid := 0
	var paidContributors []*models.Contributor
	for _, cid := range ev.ContributorIDs {
		c, err := s.Profiles.Get(ctx, cid)
		if err != nil {
			return err
		}
		if c.Kind == models.ContributorStaff {
			continue
		}
		paid++
		paidContributors = append(paidContributors, c)
	}
	for _, c := range paidContributors {
		card, err := s.Rates.Current(ctx, c.ID, ev.PublishedAt)
		if errs.Is(err, errs.NotFound) {
			s.Log.Warn("freelancer has no rate card; commission needs manual entry", "contributor", c.ID, "article", ev.ArticleID)
			continue
		}
		if err != nil {
			return err
		}
		fee := rates.Fee(card, ev.WordCount, ev.Premium, paid)
		// Republishing must not pay twice: (article_id, contributor_id) is unique.
		if _, err := s.DB.ExecContext(ctx, `
			INSERT INTO commissions (id, contributor_id, article_id, fee_cents, currency, status, created_at)
			VALUES ($1, $2, $3, $4, $5, 'accrued', now())
			ON CONFLICT (article_id, contributor_id) DO NOTHING`,
			ids.New("com"), c.ID, ev.ArticleID, fee.Cents, fee.Currency); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) List(ctx context.Context, contributorID, status string) ([]Commission, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id, contributor_id, article_id, fee_cents, currency, status, coalesce(payout_id, ''), created_at
		FROM commissions WHERE ($1 = '' OR contributor_id = $1) AND ($2 = '' OR status = $2)
		ORDER BY created_at DESC LIMIT 500`, contributorID, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Commission
	for rows.Next() {
		var c Commission
		if err := rows.Scan(&c.ID, &c.ContributorID, &c.ArticleID, &c.Fee.Cents, &c.Fee.Currency, &c.Status, &c.PayoutID, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetStatus lets the desk approve, dispute or adjust an accrued commission.
func (s *Service) SetStatus(ctx context.Context, id, status string, adjustedFee *money.Money) error {
	if status != "approved" && status != "disputed" {
		return errs.Invalidf("status must be approved or disputed")
	}
	var cur string
	err := s.DB.QueryRowContext(ctx, `SELECT status FROM commissions WHERE id = $1`, id).Scan(&cur)
	if db.IsNoRows(err) {
		return errs.NotFoundf("commission %s not found", id)
	}
	if err != nil {
		return err
	}
	if cur == "paid" {
		return errs.Conflictf("commission already paid")
	}
	if adjustedFee != nil {
		_, err = s.DB.ExecContext(ctx, `UPDATE commissions SET status = $2, fee_cents = $3, updated_at = now() WHERE id = $1`,
			id, status, adjustedFee.Cents)
	} else {
		_, err = s.DB.ExecContext(ctx, `UPDATE commissions SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	}
	return err
}
