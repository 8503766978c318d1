// Package rollup aggregates raw page views into daily statistics tables.
package rollup

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
)

type Job struct {
	DB    *sql.DB
	Clock clock.Clock
	// Retention is how long raw page views are kept after being rolled up.
	Retention time.Duration
}

func (j *Job) Name() string { return "analytics.rollup" }

// Run re-aggregates today and yesterday (late beacons arrive for hours) and
// prunes raw rows past retention.
func (j *Job) Run(ctx context.Context) error {
	today := clock.StartOfDay(j.Clock.Now())
	for _, day := range []time.Time{today.AddDate(0, 0, -1), today} {
		if err := j.rollupDay(ctx, day); err != nil {
			return err
		}
	}
	if j.Retention > 0 {
		_, err := j.DB.ExecContext(ctx, `DELETE FROM page_views WHERE viewed_at < $1`, today.Add(-j.Retention))
		return err
	}
	return nil
}

func (j *Job) rollupDay(ctx context.Context, day time.Time) error {
	next := day.AddDate(0, 0, 1)
	return db.WithTx(ctx, j.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO article_daily_stats (article_id, day, views, unique_devices, logged_in_views, paywall_hits)
			SELECT article_id, $1::date, count(*), count(DISTINCT device_id),
			       count(*) FILTER (WHERE reader_id IS NOT NULL), count(*) FILTER (WHERE paywalled)
			FROM page_views
			WHERE viewed_at >= $1 AND viewed_at < $2 AND article_id <> ''
			GROUP BY article_id
			ON CONFLICT (article_id, day) DO UPDATE SET views = EXCLUDED.views,
				unique_devices = EXCLUDED.unique_devices, logged_in_views = EXCLUDED.logged_in_views,
				paywall_hits = EXCLUDED.paywall_hits`, day, next); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO referrer_daily_stats (referrer, day, views)
			SELECT referrer, $1::date, count(*) FROM page_views
			WHERE viewed_at >= $1 AND viewed_at < $2
			GROUP BY referrer
			ON CONFLICT (referrer, day) DO UPDATE SET views = EXCLUDED.views`, day, next)
		return err
	})
}
