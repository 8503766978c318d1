// Package reporting produces campaign delivery reports and inventory forecasts
// for the ad sales team.
package reporting

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/pkg/money"
)

type DailyDelivery struct {
	Day         time.Time   `json:"day"`
	Impressions int64       `json:"impressions"`
	Clicks      int64       `json:"clicks"`
	CTR         float64     `json:"ctr"`
	Spend       money.Money `json:"spend"`
}

type Service struct{ DB *sql.DB }

func (s *Service) CampaignDelivery(ctx context.Context, campaignID string) ([]DailyDelivery, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT date_trunc('day', i.served_at) AS day, count(*), count(cl.impression_id),
		       sum(i.cost_micros) / 1000000, c.currency
		FROM ad_impressions i
		JOIN campaigns c ON c.id = i.campaign_id
		LEFT JOIN ad_clicks cl ON cl.impression_id = i.id
		WHERE i.campaign_id = $1
		GROUP BY day, c.currency ORDER BY day`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DailyDelivery
	for rows.Next() {
		var d DailyDelivery
		if err := rows.Scan(&d.Day, &d.Impressions, &d.Clicks, &d.Spend.Cents, &d.Spend.Currency); err != nil {
			return nil, err
		}
		if d.Impressions > 0 {
			d.CTR = float64(d.Clicks) / float64(d.Impressions)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

type Forecast struct {
	SectionID     string `json:"section_id"`
	AvgDailyViews int64  `json:"avg_daily_views"`
	AvailableImpr int64  `json:"available_impressions"`
	BookedImpr    int64  `json:"booked_impressions"`
	DaysAhead     int    `json:"days_ahead"`
}

// InventoryForecast estimates sellable impressions in a section from recent
// audience figures, minus what live campaigns have already booked. Audience
// numbers are read straight from the analytics rollup tables.
func (s *Service) InventoryForecast(ctx context.Context, sectionID string, daysAhead int, slotsPerPage int) (*Forecast, error) {
	f := &Forecast{SectionID: sectionID, DaysAhead: daysAhead}
	err := s.DB.QueryRowContext(ctx, `
		SELECT coalesce(sum(st.views) / 28, 0)
		FROM article_daily_stats st
		JOIN articles a ON a.id = st.article_id
		WHERE a.section_id = $1 AND st.day >= current_date - 28`, sectionID).Scan(&f.AvgDailyViews)
	if err != nil {
		return nil, err
	}
	// Subscribers on ad-free plans never see ads; discount their share of views.
	var adFreeShare float64
	err = s.DB.QueryRowContext(ctx, `
		SELECT coalesce(sum(st.logged_in_views)::float / nullif(sum(st.views), 0), 0) *
		       (SELECT count(*)::float / nullif((SELECT count(*) FROM readers), 0)
		        FROM subscriptions sub JOIN plans p ON p.id = sub.plan_id
		        WHERE sub.status = 'active' AND p.ad_free)
		FROM article_daily_stats st JOIN articles a ON a.id = st.article_id
		WHERE a.section_id = $1 AND st.day >= current_date - 28`, sectionID).Scan(&adFreeShare)
	if err != nil {
		return nil, err
	}
	gross := f.AvgDailyViews * int64(daysAhead) * int64(slotsPerPage)
	f.AvailableImpr = int64(float64(gross) * (1 - adFreeShare))
	err = s.DB.QueryRowContext(ctx, `
		SELECT coalesce(sum(greatest(impressions_goal - (spent_cents * 1000 / nullif(cpm_cents, 0)), 0)), 0)
		FROM campaigns WHERE status = 'active' AND (section_ids IS NULL OR section_ids LIKE '%' || $1 || '%')`,
		sectionID).Scan(&f.BookedImpr)
	return f, err
}
