// Package report answers audience questions from the rolled-up statistics.
package report

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
)

type Service struct{ DB *sql.DB }

// MostRead returns the top articles by views over the window, with headlines
// joined straight from the editorial tables for the newsroom dashboard.
func (s *Service) MostRead(ctx context.Context, since time.Time, sectionID string, limit int) ([]models.ArticleStats, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT st.article_id, a.headline, sum(st.views), sum(st.unique_devices), sum(st.paywall_hits)
		FROM article_daily_stats st
		JOIN articles a ON a.id = st.article_id
		WHERE st.day >= $1::date AND a.status = 'published' AND ($2 = '' OR a.section_id = $2)
		GROUP BY st.article_id, a.headline
		ORDER BY sum(st.views) DESC
		LIMIT $3`, since, sectionID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.ArticleStats
	for rows.Next() {
		var st models.ArticleStats
		if err := rows.Scan(&st.ArticleID, &st.Headline, &st.Views, &st.UniqueReaders, &st.PaywallHits); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

type ReferrerShare struct {
	Referrer string  `json:"referrer"`
	Views    int64   `json:"views"`
	Share    float64 `json:"share"`
}

func (s *Service) Referrers(ctx context.Context, since time.Time) ([]ReferrerShare, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT referrer, sum(views) FROM referrer_daily_stats
		WHERE day >= $1::date GROUP BY referrer ORDER BY sum(views) DESC LIMIT 25`, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReferrerShare
	var total int64
	for rows.Next() {
		var r ReferrerShare
		if err := rows.Scan(&r.Referrer, &r.Views); err != nil {
			return nil, err
		}
		total += r.Views
		out = append(out, r)
	}
	for i := range out {
		if total > 0 {
			out[i].Share = float64(out[i].Views) / float64(total)
		}
	}
	return out, rows.Err()
}

// PaywallConversion is the share of paywall hits followed by a subscription
// within the window — a figure the subscriptions team asks for weekly.
func (s *Service) PaywallConversion(ctx context.Context, since time.Time) (hits, conversions int64, err error) {
	err = s.DB.QueryRowContext(ctx, `
		SELECT count(DISTINCT pv.device_id),
		       count(DISTINCT pv.reader_id) FILTER (WHERE EXISTS (
		           SELECT 1 FROM subscriptions sub WHERE sub.reader_id = pv.reader_id AND sub.created_at >= pv.viewed_at))
		FROM page_views pv WHERE pv.paywalled AND pv.viewed_at >= $1`, since).Scan(&hits, &conversions)
	return hits, conversions, err
}
