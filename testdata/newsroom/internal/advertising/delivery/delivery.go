// Package delivery picks an ad for a slot request and records impressions
// and clicks. It runs in the adserver process on the hot path.
package delivery

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/internal/advertising/slot"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type Request struct {
	SlotCode  string
	SectionID string
	ArticleID string
	ReaderID  string
	DeviceID  string
}

type Ad struct {
	ImpressionID string `json:"impression_id"`
	CampaignID   string `json:"campaign_id"`
	CreativeID   string `json:"creative_id"`
	ImageURL     string `json:"image_url"`
	ClickURL     string `json:"click_url"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

type candidate struct {
	campaignID, creativeID, imageURL, clickURL, sections string
	cpmCents, budgetCents, spentCents                    int64
	freqCap                                              int
	startsAt, endsAt                                     time.Time
}

type Decider struct {
	DB           *sql.DB
	Slots        *slot.Service
	Entitlements *entitlement.Service
	Clock        clock.Clock
}

// Decide returns nil (and no error) when no ad should be shown.
func (d *Decider) Decide(ctx context.Context, req Request) (*Ad, error) {
	if req.ReaderID != "" && d.Entitlements.AdFree(ctx, req.ReaderID) {
		return nil, nil
	}
	sl, err := d.Slots.ByCode(ctx, req.SlotCode)
	if err != nil {
		return nil, err
	}
	if !sl.Active {
		return nil, nil
	}
	now := d.Clock.Now()
	rows, err := d.DB.QueryContext(ctx, `
		SELECT c.id, cr.id, cr.image_url, cr.click_url, coalesce(c.section_ids, ''),
		       c.cpm_cents, c.budget_cents, c.spent_cents, c.frequency_cap, c.starts_at, c.ends_at
		FROM campaigns c
		JOIN campaign_slots cs ON cs.campaign_id = c.id AND cs.slot_id = $1
		JOIN creatives cr ON cr.campaign_id = c.id AND cr.approved AND cr.slot_size = $2
		WHERE c.status = 'active' AND c.starts_at <= $3 AND c.ends_at > $3
		  AND c.spent_cents < c.budget_cents AND c.cpm_cents >= $4
		ORDER BY c.cpm_cents DESC, c.spent_cents::float / c.budget_cents ASC`,
		sl.ID, slot.Size(sl), now, sl.FloorCPM.Cents)
	if err != nil {
		return nil, err
	}
	var cands []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.campaignID, &c.creativeID, &c.imageURL, &c.clickURL, &c.sections,
			&c.cpmCents, &c.budgetCents, &c.spentCents, &c.freqCap, &c.startsAt, &c.endsAt); err != nil {
			rows.Close()
			return nil, err
		}
		cands = append(cands, c)
	}
	rows.Close()
	for _, c := range cands {
		if !targets(c.sections, req.SectionID) || !onPace(c, now) {
			continue
		}
		if c.freqCap > 0 && req.DeviceID != "" {
			capped, err := d.capped(ctx, c.campaignID, req.DeviceID, c.freqCap, now)
			if err != nil {
				return nil, err
			}
			if capped {
				continue
			}
		}
		ad := &Ad{ImpressionID: ids.New("imp"), CampaignID: c.campaignID, CreativeID: c.creativeID,
			ImageURL: c.imageURL, ClickURL: c.clickURL, Width: sl.Width, Height: sl.Height}
		return ad, d.recordImpression(ctx, ad, sl.ID, req, c.cpmCents)
	}
	return nil, nil
}

func targets(sections, sectionID string) bool {
	if sections == "" {
		return true // run of site
	}
	for _, s := range strings.Split(sections, ",") {
		if s == sectionID {
			return true
		}
	}
	return false
}

// onPace holds back campaigns spending more than 10% ahead of an even schedule.
func onPace(c candidate, now time.Time) bool {
	total := c.endsAt.Sub(c.startsAt)
	if total <= 0 {
		return false
	}
	elapsed := float64(now.Sub(c.startsAt)) / float64(total)
	expected := elapsed * float64(c.budgetCents)
	return float64(c.spentCents) <= expected*1.1+float64(c.cpmCents)
}

func (d *Decider) capped(ctx context.Context, campaignID, deviceID string, limit int, now time.Time) (bool, error) {
	var n int
	err := d.DB.QueryRowContext(ctx, `
		SELECT count(*) FROM ad_impressions WHERE campaign_id = $1 AND device_id = $2 AND served_at >= $3`,
		campaignID, deviceID, clock.StartOfDay(now)).Scan(&n)
	return n >= limit, err
}

func (d *Decider) recordImpression(ctx context.Context, ad *Ad, slotID string, req Request, cpmCents int64) error {
	return db.WithTx(ctx, d.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO ad_impressions (id, campaign_id, creative_id, slot_id, section_id, article_id, device_id, cost_micros, served_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
			ad.ImpressionID, ad.CampaignID, ad.CreativeID, slotID, db.NullString(req.SectionID),
			db.NullString(req.ArticleID), db.NullString(req.DeviceID), cpmCents*1000); err != nil {
			return err
		}
		// spend is tracked in micros on impressions and rolled into cents here
		_, err := tx.ExecContext(ctx, `
			UPDATE campaigns SET spent_micros = spent_micros + $2, spent_cents = (spent_micros + $2) / 1000000
			WHERE id = $1`, ad.CampaignID, cpmCents*1000)
		return err
	})
}

// Click records a click and returns the advertiser URL to redirect to.
func (d *Decider) Click(ctx context.Context, impressionID string) (string, error) {
	var url string
	err := d.DB.QueryRowContext(ctx, `
		SELECT cr.click_url FROM ad_impressions i JOIN creatives cr ON cr.id = i.creative_id WHERE i.id = $1`,
		impressionID).Scan(&url)
	if db.IsNoRows(err) {
		return "", errs.NotFoundf("impression not found")
	}
	if err != nil {
		return "", err
	}
	_, err = d.DB.ExecContext(ctx, `
		INSERT INTO ad_clicks (impression_id, clicked_at) VALUES ($1, now()) ON CONFLICT (impression_id) DO NOTHING`, impressionID)
	return url, err
}
