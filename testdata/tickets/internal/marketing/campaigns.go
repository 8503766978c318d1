package marketing

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
)

// Campaign is a newsletter issue aimed at a segment.
type Campaign struct {
	ID          string        `json:"id"`
	Subject     string        `json:"subject"`
	Body        template.HTML `json:"body"`
	Segment     Segment       `json:"segment"`
	Status      string        `json:"status"` // draft, scheduled, sending, sent
	ScheduledAt time.Time     `json:"scheduled_at"`
	EventID     string        `json:"event_id,omitempty"`
}

// Segment selects subscribers.
type Segment struct {
	Country        string `json:"country,omitempty"`
	BoughtPromoter string `json:"bought_promoter,omitempty"`
	BoughtWithin   int    `json:"bought_within_days,omitempty"`
}

// DraftAnnouncement creates a draft "just announced" campaign for a newly
// published event, targeted at past buyers from the same promoter.
func (s *Service) DraftAnnouncement(ctx context.Context, ev model.EventSummary) (*Campaign, error) {
	c := &Campaign{
		ID:      ids.New(ids.PrefixCampaign),
		Subject: fmt.Sprintf("Just announced: %s in %s", ev.Title, ev.City),
		Body: template.HTML(fmt.Sprintf(`<h1>%s</h1><p>%s, %s – %s</p><p><a href="%s/events/%s">Get tickets</a></p>`,
			template.HTMLEscapeString(ev.Title), template.HTMLEscapeString(ev.VenueName), template.HTMLEscapeString(ev.City),
			ev.StartsAt.Format("Mon 2 Jan"), s.baseURL, url.PathEscape(ev.ID))),
		Segment: Segment{BoughtPromoter: ev.PromoterID, BoughtWithin: 365},
		Status:  "draft",
		EventID: ev.ID,
	}
	return c, s.save(ctx, c)
}

func (s *Service) save(ctx context.Context, c *Campaign) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO campaigns (id, subject, body, seg_country, seg_promoter, seg_within_days, status, scheduled_at, event_id)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
		ON CONFLICT (id) DO UPDATE SET subject=EXCLUDED.subject, body=EXCLUDED.body, status=EXCLUDED.status, scheduled_at=EXCLUDED.scheduled_at`,
		c.ID, c.Subject, string(c.Body), c.Segment.Country, c.Segment.BoughtPromoter, c.Segment.BoughtWithin, c.Status, c.ScheduledAt, c.EventID)
	return errs.Wrap(err, "marketing.saveCampaign")
}

// Schedule approves a draft for sending at a time.
func (s *Service) Schedule(ctx context.Context, id string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE campaigns SET status='scheduled', scheduled_at=$2 WHERE id=$1 AND status='draft'`, id, at)
	if err != nil {
		return errs.Wrap(err, "marketing.Schedule")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("marketing.Schedule", "campaign is not a draft")
	}
	return nil
}

// audience resolves a segment. Promoter segments join the purchase
// history with marketing's own copy of event->promoter from campaigns.
func (s *Service) audience(ctx context.Context, seg Segment) ([]Subscriber, error) {
	q := `SELECT DISTINCT ns.fan_id, ns.email, ns.name, ns.country FROM newsletter_subscribers ns`
	args := []any{}
	where := ` WHERE ns.unsubscribed_at IS NULL`
	if seg.BoughtPromoter != "" {
		q += ` JOIN marketing_purchase_history h ON h.fan_id = ns.fan_id JOIN campaigns c ON c.event_id = h.event_id`
		args = append(args, seg.BoughtPromoter, s.clock.Now().AddDate(0, 0, -seg.BoughtWithin))
		where += ` AND c.seg_promoter = $1 AND h.purchased_at >= $2`
	}
	if seg.Country != "" {
		args = append(args, seg.Country)
		where += fmt.Sprintf(` AND ns.country = $%d`, len(args))
	}
	rows, err := s.db.QueryContext(ctx, q+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "marketing.audience")
	}
	defer rows.Close()
	var out []Subscriber
	for rows.Next() {
		var sub Subscriber
		if err := rows.Scan(&sub.FanID, &sub.Email, &sub.Name, &sub.Country); err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// SendDue sends every scheduled campaign whose time has come.
func (s *Service) SendDue(ctx context.Context) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, subject, body, seg_country, seg_promoter, seg_within_days
		FROM campaigns WHERE status='scheduled' AND scheduled_at <= $1`, s.clock.Now())
	if err != nil {
		return 0, errs.Wrap(err, "marketing.SendDue")
	}
	var due []Campaign
	for rows.Next() {
		var c Campaign
		var body string
		if err := rows.Scan(&c.ID, &c.Subject, &body, &c.Segment.Country, &c.Segment.BoughtPromoter, &c.Segment.BoughtWithin); err != nil {
			rows.Close()
			return 0, err
		}
		c.Body = template.HTML(body)
		due = append(due, c)
	}
	rows.Close()
	sent := 0
	for _, c := range due {
		if _, err := s.db.ExecContext(ctx, `UPDATE campaigns SET status='sending' WHERE id=$1`, c.ID); err != nil {
			return sent, err
		}
		aud, err := s.audience(ctx, c.Segment)
		if err != nil {
			return sent, err
		}
		for _, sub := range aud {
			unsub := fmt.Sprintf("%s/newsletter/unsubscribe?email=%s&token=%s", s.baseURL, url.QueryEscape(sub.Email), s.UnsubscribeToken(sub.Email))
			if err := s.mail.SendCampaign(ctx, sub.Email, c.Subject, c.Body, unsub, "news"); err != nil {
				s.log.Warn("campaign send failed", "campaign", c.ID, "err", err)
				continue
			}
			_, _ = s.db.ExecContext(ctx, `INSERT INTO campaign_sends (campaign_id, email, sent_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`, c.ID, sub.Email, s.clock.Now())
			sent++
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE campaigns SET status='sent' WHERE id=$1`, c.ID); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// RunSender polls for due campaigns until ctx ends.
func (s *Service) RunSender(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if n, err := s.SendDue(ctx); err != nil {
				s.log.Error("campaign sender", "err", err)
			} else if n > 0 {
				s.log.Info("campaign emails sent", "count", n)
			}
		}
	}
}
