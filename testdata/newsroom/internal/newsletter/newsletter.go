// Package newsletter runs the email newsletters: sign-up with double opt-in,
// edition building from the day's journalism, and bulk sending.
//
// Written before the context layout existed; kept as a single package.
package newsletter

import (
	"context"
	"database/sql"
	"log/slog"
	"net/mail"
	"strings"

	"github.com/dailyherald/newsroom/internal/accounts"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/mailer"
)

const defaultList = "morning-briefing"

type Service struct {
	DB           *sql.DB
	Accounts     *accounts.Service
	Entitlements *entitlement.Service
	Mailer       mailer.Mailer
	Clock        clock.Clock
	Log          *slog.Logger
	BaseURL      string
}

func (s *Service) Lists(ctx context.Context) ([]models.Newsletter, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id, slug, name, coalesce(section_id, ''), cadence, premium FROM newsletters WHERE active ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Newsletter
	for rows.Next() {
		var n models.Newsletter
		if err := rows.Scan(&n.ID, &n.Slug, &n.Name, &n.SectionID, &n.Cadence, &n.Premium); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func (s *Service) bySlug(ctx context.Context, slug string) (*models.Newsletter, error) {
	var n models.Newsletter
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, slug, name, coalesce(section_id, ''), cadence, premium FROM newsletters WHERE slug = $1 AND active`, slug).
		Scan(&n.ID, &n.Slug, &n.Name, &n.SectionID, &n.Cadence, &n.Premium)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("newsletter %s not found", slug)
	}
	return &n, err
}

// Subscribe signs an address up. Logged-in readers with a verified account
// are confirmed immediately; anyone else gets a confirmation email.
func (s *Service) Subscribe(ctx context.Context, slug, email, readerID string) error {
	n, err := s.bySlug(ctx, slug)
	if err != nil {
		return err
	}
	confirmed := false
	if readerID != "" {
		r, err := s.Accounts.Reader(ctx, readerID)
		if err != nil {
			return err
		}
		email, confirmed = r.Email, true
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil {
		return errs.Invalidf("invalid email address")
	}
	if n.Premium {
		if readerID == "" {
			return errs.E(errs.PaymentRequired, "%s is for subscribers", n.Name)
		}
		ent, err := s.Entitlements.For(ctx, readerID)
		if err != nil {
			return err
		}
		if !ent.Premium {
			return errs.E(errs.PaymentRequired, "%s is for subscribers", n.Name)
		}
	}
	token := ids.Token(16)
	_, err = s.DB.ExecContext(ctx, `
		INSERT INTO newsletter_subscriptions (newsletter_id, email, reader_id, token, confirmed_at, created_at)
		VALUES ($1, lower($2), $3, $4, CASE WHEN $5 THEN now() END, now())
		ON CONFLICT (newsletter_id, email) DO UPDATE SET unsubscribed_at = NULL,
			reader_id = coalesce(EXCLUDED.reader_id, newsletter_subscriptions.reader_id)`,
		n.ID, addr.Address, db.NullString(readerID), token, confirmed)
	if err != nil || confirmed {
		return err
	}
	return s.Mailer.Send(ctx, mailer.Message{
		To: addr.Address, Subject: "Confirm your " + n.Name + " subscription",
		HTMLBody: `<p>Tap to confirm: <a href="` + s.BaseURL + `/newsletters/confirm?t=` + token + `">confirm</a></p>`,
	})
}

func (s *Service) Confirm(ctx context.Context, token string) error {
	res, err := s.DB.ExecContext(ctx, `
		UPDATE newsletter_subscriptions SET confirmed_at = now() WHERE token = $1 AND confirmed_at IS NULL`, token)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("confirmation link is invalid or already used")
	}
	return nil
}

func (s *Service) Unsubscribe(ctx context.Context, token string) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE newsletter_subscriptions SET unsubscribed_at = now() WHERE token = $1`, token)
	return err
}

// OnReaderRegistered subscribes new opted-in readers to the morning briefing.
func (s *Service) OnReaderRegistered(ctx context.Context, e events.Event) error {
	var ev models.ReaderRegisteredEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	if !ev.EmailOptIn {
		return nil
	}
	return s.Subscribe(ctx, defaultList, ev.Email, ev.ReaderID)
}
