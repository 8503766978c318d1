// Package store persists ad campaigns, creatives and impressions.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Campaign is an ad campaign with its eligible creatives.
type Campaign struct {
	ID            string                `json:"id"`
	Advertiser    string                `json:"advertiser"`
	StartsAt      time.Time             `json:"starts_at"`
	EndsAt        time.Time             `json:"ends_at"`
	BudgetCents   int64                 `json:"budget_cents"`
	SpentCents    int64                 `json:"spent_cents"`
	CPMCents      int64                 `json:"cpm_cents"`
	MaxRating     models.MaturityRating `json:"max_rating"`
	KidSafe       bool                  `json:"kid_safe"`
	FreqCapPerDay int                   `json:"freq_cap_per_day"`
	Genres        []string              `json:"genres,omitempty"`
	Creatives     []Creative            `json:"creatives"`
}

// Creative is one ad asset.
type Creative struct {
	ID          string `json:"id"`
	DurationSec int    `json:"duration_sec"`
	MediaURI    string `json:"media_uri"`
}

// Store is the Postgres-backed ads store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// Eligible returns running, under-budget campaigns targeting any of genres (or untargeted).
func (s *Store) Eligible(ctx context.Context, now time.Time, genres []string) ([]Campaign, error) {
	args := []any{now}
	genreClause := "NOT EXISTS (SELECT 1 FROM ad_campaign_genres g WHERE g.campaign_id = c.id)"
	if len(genres) > 0 {
		for _, g := range genres {
			args = append(args, g)
		}
		genreClause += " OR EXISTS (SELECT 1 FROM ad_campaign_genres g WHERE g.campaign_id = c.id AND g.genre_slug IN (" +
			dbx.Placeholders(2, len(genres)) + "))"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.advertiser, c.starts_at, c.ends_at, c.budget_cents, c.spent_cents,
			c.cpm_cents, c.max_rating, c.kid_safe, c.freq_cap_per_day, cr.id, cr.duration_sec, cr.media_uri
		FROM ad_campaigns c
		JOIN ad_creatives cr ON cr.campaign_id = c.id AND cr.active = TRUE
		WHERE c.status = 'running' AND c.starts_at <= $1 AND c.ends_at > $1 AND c.spent_cents < c.budget_cents
		  AND (`+genreClause+`)
		ORDER BY c.cpm_cents DESC, c.id, cr.id`, args...)
	if err != nil {
		return nil, errs.Wrap("ads.store.Eligible", err)
	}
	defer rows.Close()
	var out []Campaign
	for rows.Next() {
		var c Campaign
		var cr Creative
		var rating string
		if err := rows.Scan(&c.ID, &c.Advertiser, &c.StartsAt, &c.EndsAt, &c.BudgetCents, &c.SpentCents, &c.CPMCents,
			&rating, &c.KidSafe, &c.FreqCapPerDay, &cr.ID, &cr.DurationSec, &cr.MediaURI); err != nil {
			return nil, err
		}
		c.MaxRating = models.MaturityRating(rating)
		if n := len(out); n > 0 && out[n-1].ID == c.ID {
			out[n-1].Creatives = append(out[n-1].Creatives, cr)
			continue
		}
		c.Creatives = []Creative{cr}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ImpressionsSince counts a profile's impressions per campaign since t.
func (s *Store) ImpressionsSince(ctx context.Context, profileID string, since time.Time) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT campaign_id, count(*) FROM ad_impressions
		WHERE profile_id = $1 AND at >= $2 GROUP BY campaign_id`, profileID, since)
	if err != nil {
		return nil, errs.Wrap("ads.store.ImpressionsSince", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// RecordImpression stores an impression and charges the campaign one impression at its CPM.
func (s *Store) RecordImpression(ctx context.Context, id, campaignID, creativeID, profileID, sessionID string, at time.Time) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO ad_impressions (id, campaign_id, creative_id, profile_id, session_id, at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id, creative_id, at) DO NOTHING`,
			id, campaignID, creativeID, profileID, sessionID, at)
		if err != nil {
			return errs.Wrap("ads.store.RecordImpression", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // duplicate beacon
		}
		// spend is tracked in millicents to avoid rounding every impression to zero
		_, err = tx.ExecContext(ctx, `UPDATE ad_campaigns SET spent_millicents = spent_millicents + cpm_cents,
			spent_cents = (spent_millicents + cpm_cents) / 1000 WHERE id = $1`, campaignID)
		return errs.Wrap("ads.store.RecordImpression", err)
	})
}

// CreateCampaign inserts a campaign with creatives and genre targeting.
func (s *Store) CreateCampaign(ctx context.Context, c Campaign) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ad_campaigns (id, advertiser, status, starts_at, ends_at, budget_cents,
			spent_cents, spent_millicents, cpm_cents, max_rating, kid_safe, freq_cap_per_day)
			VALUES ($1, $2, 'running', $3, $4, $5, 0, 0, $6, $7, $8, $9)`,
			c.ID, c.Advertiser, c.StartsAt, c.EndsAt, c.BudgetCents, c.CPMCents, string(c.MaxRating), c.KidSafe, c.FreqCapPerDay); err != nil {
			return errs.Wrap("ads.store.CreateCampaign", err)
		}
		for _, cr := range c.Creatives {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ad_creatives (id, campaign_id, duration_sec, media_uri, active)
				VALUES ($1, $2, $3, $4, TRUE)`, cr.ID, c.ID, cr.DurationSec, cr.MediaURI); err != nil {
				return errs.Wrap("ads.store.CreateCampaign", err)
			}
		}
		for _, g := range c.Genres {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ad_campaign_genres (campaign_id, genre_slug) VALUES ($1, $2)`, c.ID, g); err != nil {
				return errs.Wrap("ads.store.CreateCampaign", err)
			}
		}
		return nil
	})
}
