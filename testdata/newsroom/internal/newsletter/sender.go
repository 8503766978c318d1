package newsletter

import (
	"context"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/pkg/mailer"
)

// SendJob delivers scheduled editions to confirmed subscribers, resuming
// where it left off if interrupted (sends are recorded per recipient).
type SendJob struct {
	S         *Service
	BatchSize int
}

func (j SendJob) Name() string { return "newsletter.send" }

type edition struct {
	id, newsletterID, subject, html string
}

func (j SendJob) Run(ctx context.Context) error {
	rows, err := j.S.DB.QueryContext(ctx, `
		SELECT id, newsletter_id, subject, html FROM newsletter_editions
		WHERE status IN ('scheduled', 'sending') AND send_at <= $1 ORDER BY send_at`, j.S.Clock.Now())
	if err != nil {
		return err
	}
	var due []edition
	for rows.Next() {
		var e edition
		if err := rows.Scan(&e.id, &e.newsletterID, &e.subject, &e.html); err != nil {
			rows.Close()
			return err
		}
		due = append(due, e)
	}
	rows.Close()
	for _, e := range due {
		if err := j.send(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

type recipient struct{ email, token string }

func (j SendJob) send(ctx context.Context, e edition) error {
	if _, err := j.S.DB.ExecContext(ctx, `UPDATE newsletter_editions SET status = 'sending' WHERE id = $1`, e.id); err != nil {
		return err
	}
	for {
		rows, err := j.S.DB.QueryContext(ctx, `
			SELECT ns.email, ns.token FROM newsletter_subscriptions ns
			WHERE ns.newsletter_id = $1 AND ns.confirmed_at IS NOT NULL AND ns.unsubscribed_at IS NULL
			  AND NOT EXISTS (SELECT 1 FROM newsletter_sends s WHERE s.edition_id = $2 AND s.email = ns.email)
			ORDER BY ns.email LIMIT $3`, e.newsletterID, e.id, j.BatchSize)
		if err != nil {
			return err
		}
		var batch []recipient
		for rows.Next() {
			var r recipient
			if err := rows.Scan(&r.email, &r.token); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if len(batch) == 0 {
			break
		}
		for _, r := range batch {
			status := "sent"
			body := strings.ReplaceAll(e.html, "{{token}}", r.token)
			if err := j.S.Mailer.Send(ctx, mailer.Message{
				To: r.email, Subject: e.subject, HTMLBody: body,
				Headers: map[string]string{"List-Unsubscribe": "<" + j.S.BaseURL + "/newsletters/unsubscribe?t=" + r.token + ">"},
			}); err != nil {
				j.S.Log.Warn("newsletter send failed", "edition", e.id, "err", err)
				status = "failed"
			}
			if _, err := j.S.DB.ExecContext(ctx, `
				INSERT INTO newsletter_sends (edition_id, email, status, sent_at) VALUES ($1, $2, $3, now())`,
				e.id, r.email, status); err != nil {
				return err
			}
		}
		time.Sleep(50 * time.Millisecond) // stay under the SMTP relay's rate limit
	}
	_, err := j.S.DB.ExecContext(ctx, `UPDATE newsletter_editions SET status = 'sent', sent_at = now() WHERE id = $1`, e.id)
	return err
}

// BuildJob prepares the morning briefing at 05:30 UTC for a 06:30 send.
type BuildJob struct{ S *Service }

func (j BuildJob) Name() string { return "newsletter.build_daily" }

func (j BuildJob) Run(ctx context.Context) error {
	now := j.S.Clock.Now()
	if now.Hour() != 5 || now.Minute() < 30 {
		return nil
	}
	sendAt := time.Date(now.Year(), now.Month(), now.Day(), 6, 30, 0, 0, time.UTC)
	var exists bool
	if err := j.S.DB.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM newsletter_editions e JOIN newsletters n ON n.id = e.newsletter_id
		               WHERE n.slug = $1 AND e.send_at = $2)`, defaultList, sendAt).Scan(&exists); err != nil || exists {
		return err
	}
	_, err := j.S.BuildEdition(ctx, defaultList, sendAt)
	return err
}
