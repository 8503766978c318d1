// Package campaigns sends email and SMS marketing campaigns to segments.
package campaigns

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/pulsefit/clubs/internal/legacy/common"
	"github.com/pulsefit/clubs/internal/legacy/segments"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/notify"
)

// QuietHoursStart / End: no SMS between 21:00 and 09:00.
const (
	QuietHoursStart = 21
	QuietHoursEnd   = 9
	BatchSize       = 500
)

type Engine struct {
	DB     *sql.DB
	Mail   notify.Sender
	SMS    notify.Sender
	Logger *slog.Logger
}

func (e *Engine) Create(ctx context.Context, c models.Campaign) (models.Campaign, error) {
	if c.Name == "" || c.Body == "" || c.SegmentID == "" {
		return c, errs.Invalid("name, body and segment are required")
	}
	if c.Channel != "email" && c.Channel != "sms" {
		return c, errs.Invalid("channel must be email or sms")
	}
	if c.Channel == "sms" && len(c.Body) > 306 {
		return c, errs.Invalid("sms body too long (max 2 parts)")
	}
	c.ID, c.Status = ids.New(ids.Campaign), "scheduled"
	_, err := e.DB.ExecContext(ctx, `INSERT INTO campaigns (id, name, channel, segment_id, body, status, send_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
		c.ID, c.Name, c.Channel, c.SegmentID, c.Body, c.Status, c.SendAt)
	return c, err
}

func (e *Engine) List(ctx context.Context) ([]models.Campaign, error) {
	rows, err := e.DB.QueryContext(ctx, `SELECT id, name, channel, segment_id, body, status, send_at FROM campaigns ORDER BY send_at DESC LIMIT 100`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Campaign
	for rows.Next() {
		var c models.Campaign
		if err := rows.Scan(&c.ID, &c.Name, &c.Channel, &c.SegmentID, &c.Body, &c.Status, &c.SendAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

type recipient struct{ id, email, name, phone string }

func (e *Engine) audience(ctx context.Context, segmentID, campaignID string) ([]recipient, error) {
	seg, err := segments.Load(ctx, e.DB, segmentID)
	if err != nil {
		return nil, err
	}
	q, args, err := seg.SQL()
	if err != nil {
		return nil, err
	}
	q += ` AND NOT EXISTS (SELECT 1 FROM campaign_recipients cr WHERE cr.campaign_id = '` + campaignID + `' AND cr.member_id = m.id)`
	rows, err := e.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.id, &r.email, &r.name, &r.phone); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SendDue sends every scheduled campaign whose time has come (worker job).
func (e *Engine) SendDue(ctx context.Context) error {
	now := time.Now().UTC()
	due, err := e.List(ctx)
	if err != nil {
		return err
	}
	for _, c := range due {
		if c.Status != "scheduled" || c.SendAt.After(now) {
			continue
		}
		if c.Channel == "sms" && (now.Hour() >= QuietHoursStart || now.Hour() < QuietHoursEnd) {
			continue
		}
		if err := e.send(ctx, c); err != nil {
			e.Logger.Error("campaign failed", "campaign", c.ID, "err", err)
			continue
		}
	}
	return nil
}

func (e *Engine) send(ctx context.Context, c models.Campaign) error {
	rs, err := e.audience(ctx, c.SegmentID, c.ID)
	if err != nil {
		return err
	}
	if _, err := e.DB.ExecContext(ctx, `UPDATE campaigns SET status = 'sending' WHERE id = $1`, c.ID); err != nil {
		return err
	}
	sent := 0
	for _, r := range rs {
		to, sender := r.email, e.Mail
		if c.Channel == "sms" {
			to, sender = common.NormaliseMobile(r.phone), e.SMS
			if to == "" {
				continue
			}
		}
		err := sender.Send(ctx, notify.Message{To: to, Subject: c.Name, Template: "campaign", Data: map[string]any{"Body": c.Body, "FirstName": r.name}})
		status := "sent"
		if err != nil {
			status = "failed"
		}
		if _, err := e.DB.ExecContext(ctx, `INSERT INTO campaign_recipients (campaign_id, member_id, status, sent_at) VALUES ($1,$2,$3,now())`,
			c.ID, r.id, status); err != nil {
			return err
		}
		if sent++; sent%BatchSize == 0 {
			time.Sleep(time.Second) // provider rate limit
		}
	}
	_, err = e.DB.ExecContext(ctx, `UPDATE campaigns SET status = 'sent', sent_count = $2 WHERE id = $1`, c.ID, sent)
	return err
}

// Unsubscribe handles the footer link: it flips the member's marketing flag.
func (e *Engine) Unsubscribe(ctx context.Context, memberID string) error {
	_, err := e.DB.ExecContext(ctx, `UPDATE members SET marketing_ok = false WHERE id = $1`, memberID)
	return err
}
