// Package campaign manages advertiser campaigns, creatives and slot bookings.
package campaign

import (
	"context"
	"database/sql"
	"strings"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type Service struct {
	DB    *sql.DB
	Clock clock.Clock
}

const cols = `id, advertiser_id, name, status, starts_at, ends_at, budget_cents, spent_cents, cpm_cents, currency,
	coalesce(section_ids, ''), frequency_cap, impressions_goal`

func scan(row interface{ Scan(...any) error }) (*models.Campaign, error) {
	var c models.Campaign
	var cur, sections string
	err := row.Scan(&c.ID, &c.AdvertiserID, &c.Name, &c.Status, &c.StartsAt, &c.EndsAt, &c.Budget.Cents, &c.Spent.Cents,
		&c.CPM.Cents, &cur, &sections, &c.FrequencyCap, &c.ImpressionsGoal)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("campaign not found")
	}
	c.Budget.Currency, c.Spent.Currency, c.CPM.Currency = cur, cur, cur
	if sections != "" {
		c.SectionIDs = strings.Split(sections, ",")
	}
	return &c, err
}

func (s *Service) Get(ctx context.Context, id string) (*models.Campaign, error) {
	return scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM campaigns WHERE id = $1`, id))
}

func (s *Service) List(ctx context.Context, status string) ([]models.Campaign, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM campaigns WHERE ($1 = '' OR status = $1) ORDER BY starts_at DESC`, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Campaign
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (s *Service) Create(ctx context.Context, c models.Campaign) (*models.Campaign, error) {
	if strings.TrimSpace(c.Name) == "" || c.AdvertiserID == "" {
		return nil, errs.Invalidf("name and advertiser required")
	}
	if !c.EndsAt.After(c.StartsAt) {
		return nil, errs.Invalidf("campaign must end after it starts")
	}
	if c.CPM.Cents <= 0 || c.Budget.Cents < c.CPM.Cents {
		return nil, errs.Invalidf("budget must cover at least a thousand impressions")
	}
	if c.FrequencyCap < 0 {
		return nil, errs.Invalidf("frequency cap cannot be negative")
	}
	c.ID, c.Status = ids.New("cmp"), models.CampaignDraft
	c.Spent.Cents, c.Spent.Currency = 0, c.Budget.Currency
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO campaigns (id, advertiser_id, name, status, starts_at, ends_at, budget_cents, spent_cents, cpm_cents,
			currency, section_ids, frequency_cap, impressions_goal, created_at)
		VALUES ($1, $2, $3, 'draft', $4, $5, $6, 0, $7, $8, $9, $10, $11, now())`,
		c.ID, c.AdvertiserID, c.Name, c.StartsAt, c.EndsAt, c.Budget.Cents, c.CPM.Cents, c.Budget.Currency,
		db.NullString(strings.Join(c.SectionIDs, ",")), c.FrequencyCap, c.ImpressionsGoal)
	return &c, err
}

func (s *Service) AddCreative(ctx context.Context, cr models.Creative) (*models.Creative, error) {
	if !strings.HasPrefix(cr.ImageURL, "https://") || !strings.HasPrefix(cr.ClickURL, "https://") {
		return nil, errs.Invalidf("creative urls must be https")
	}
	cr.ID, cr.Approved = ids.New("crv"), false
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO creatives (id, campaign_id, slot_size, image_url, click_url, approved, created_at)
		VALUES ($1, $2, $3, $4, $5, false, now())`, cr.ID, cr.CampaignID, cr.SlotSize, cr.ImageURL, cr.ClickURL)
	return &cr, err
}

func (s *Service) ApproveCreative(ctx context.Context, id, staffID string) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE creatives SET approved = true, approved_by = $2, approved_at = now() WHERE id = $1`, id, staffID)
	return err
}

func (s *Service) BookSlots(ctx context.Context, campaignID string, slotIDs []string) error {
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_slots WHERE campaign_id = $1`, campaignID); err != nil {
			return err
		}
		for _, sid := range slotIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_slots (campaign_id, slot_id) VALUES ($1, $2)`, campaignID, sid); err != nil {
				return err
			}
		}
		return nil
	})
}

// Activate requires at least one approved creative and one booked slot.
func (s *Service) Activate(ctx context.Context, id string) error {
	c, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if c.Status != models.CampaignDraft && c.Status != models.CampaignPaused {
		return errs.Conflictf("campaign is %s", c.Status)
	}
	if !c.EndsAt.After(s.Clock.Now()) {
		return errs.Conflictf("campaign has already ended")
	}
	var creatives, slots int
	err = s.DB.QueryRowContext(ctx, `
		SELECT (SELECT count(*) FROM creatives WHERE campaign_id = $1 AND approved),
		       (SELECT count(*) FROM campaign_slots WHERE campaign_id = $1)`, id).Scan(&creatives, &slots)
	if err != nil {
		return err
	}
	if creatives == 0 || slots == 0 {
		return errs.Conflictf("campaign needs an approved creative and at least one slot")
	}
	_, err = s.DB.ExecContext(ctx, `UPDATE campaigns SET status = 'active', updated_at = now() WHERE id = $1`, id)
	return err
}

// CompleteJob closes campaigns that ran out of time or budget.
type CompleteJob struct{ S *Service }

func (j CompleteJob) Name() string { return "advertising.complete_campaigns" }
func (j CompleteJob) Run(ctx context.Context) error {
	_, err := j.S.DB.ExecContext(ctx, `
		UPDATE campaigns SET status = 'completed', updated_at = now()
		WHERE status IN ('active', 'paused') AND (ends_at <= $1 OR spent_cents >= budget_cents)`, j.S.Clock.Now())
	return err
}
