// Package dunning retries failed subscription payments on a fixed schedule
// and gives up after the configured number of attempts.
package dunning

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/dailyherald/newsroom/internal/billing/invoice"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/mailer"
)

// retryAfter[n] is the delay before attempt n+2 (attempt 1 is the original charge).
var retryAfter = []time.Duration{24 * time.Hour, 3 * 24 * time.Hour, 7 * 24 * time.Hour}

type Service struct {
	DB          *sql.DB
	Invoices    *invoice.Service
	Mailer      mailer.Mailer
	Clock       clock.Clock
	MaxAttempts int
	Log         *slog.Logger
}

func nextDelay(attempt int) time.Duration {
	if attempt-1 < len(retryAfter) {
		return retryAfter[attempt-1]
	}
	return retryAfter[len(retryAfter)-1]
}

// OnPaymentFailed is subscribed to billing.payment_failed.
func (s *Service) OnPaymentFailed(ctx context.Context, e events.Event) error {
	var ev models.InvoiceEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	if ev.Attempt > 1 {
		return nil // retries are rescheduled by Run itself
	}
	if _, err := s.DB.ExecContext(ctx, `
		INSERT INTO dunning_cases (invoice_id, subscription_id, reader_id, attempts, next_attempt_at, last_failure, status, created_at)
		VALUES ($1, $2, $3, 1, $4, $5, 'open', now())
		ON CONFLICT (invoice_id) DO NOTHING`,
		ev.InvoiceID, ev.SubscriptionID, ev.ReaderID, s.Clock.Now().Add(nextDelay(1)), ev.FailureCode); err != nil {
		return err
	}
	// Readers keep access while we retry, but the account shows as past due.
	if ev.SubscriptionID != "" {
		if _, err := s.DB.ExecContext(ctx,
			`UPDATE subscriptions SET status = 'past_due', updated_at = now() WHERE id = $1 AND status = 'active'`,
			ev.SubscriptionID); err != nil {
			return err
		}
	}
	return s.notify(ctx, ev.ReaderID, "We couldn't take your Daily Herald payment",
		"<p>Your latest payment failed. Please update your card to keep reading.</p>")
}

func (s *Service) Name() string { return "billing.dunning" }

type dueCase struct {
	invoiceID, subscriptionID, readerID string
	attempts                            int
}

func (s *Service) Run(ctx context.Context) error {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT invoice_id, coalesce(subscription_id, ''), reader_id, attempts FROM dunning_cases
		WHERE status = 'open' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 100`, s.Clock.Now())
	if err != nil {
		return err
	}
	var due []dueCase
	for rows.Next() {
		var c dueCase
		if err := rows.Scan(&c.invoiceID, &c.subscriptionID, &c.readerID, &c.attempts); err != nil {
			rows.Close()
			return err
		}
		due = append(due, c)
	}
	rows.Close()
	for _, c := range due {
		if err := s.retry(ctx, c); err != nil {
			s.Log.Error("dunning retry failed", "invoice", c.invoiceID, "err", err)
		}
	}
	return nil
}

func (s *Service) retry(ctx context.Context, c dueCase) error {
	attempt := c.attempts + 1
	out, err := s.Invoices.Collect(ctx, c.invoiceID, attempt)
	if err != nil {
		return err
	}
	if out.Paid {
		_, err := s.DB.ExecContext(ctx, `UPDATE dunning_cases SET status = 'recovered', attempts = $2, updated_at = now() WHERE invoice_id = $1`, c.invoiceID, attempt)
		if err == nil && c.subscriptionID != "" {
			_, err = s.DB.ExecContext(ctx, `UPDATE subscriptions SET status = 'active', updated_at = now() WHERE id = $1 AND status = 'past_due'`, c.subscriptionID)
		}
		return err
	}
	if out.Retryable && attempt < s.MaxAttempts {
		_, err := s.DB.ExecContext(ctx, `
			UPDATE dunning_cases SET attempts = $2, next_attempt_at = $3, last_failure = $4, updated_at = now()
			WHERE invoice_id = $1`, c.invoiceID, attempt, s.Clock.Now().Add(nextDelay(attempt)), out.FailureCode)
		return err
	}
	return s.giveUp(ctx, c, attempt, out.FailureCode)
}

func (s *Service) giveUp(ctx context.Context, c dueCase, attempt int, code string) error {
	if err := s.Invoices.MarkUncollectible(ctx, c.invoiceID); err != nil {
		return err
	}
	if _, err := s.DB.ExecContext(ctx, `
		UPDATE dunning_cases SET status = 'failed', attempts = $2, last_failure = $3, updated_at = now()
		WHERE invoice_id = $1`, c.invoiceID, attempt, code); err != nil {
		return err
	}
	if c.subscriptionID != "" {
		// Cancel the subscription directly; subscriptions has no "involuntary churn" API yet.
		if _, err := s.DB.ExecContext(ctx, `
			UPDATE subscriptions SET status = 'cancelled', cancel_reason = 'payment_failed',
				cancelled_at = now(), updated_at = now()
			WHERE id = $1 AND status IN ('active', 'past_due')`, c.subscriptionID); err != nil {
			return err
		}
	}
	return s.notify(ctx, c.readerID, "Your Daily Herald subscription has ended",
		"<p>We were unable to collect payment and your subscription has been cancelled.</p>")
}

func (s *Service) notify(ctx context.Context, readerID, subject, body string) error {
	var email string
	if err := s.DB.QueryRowContext(ctx, `SELECT email FROM readers WHERE id = $1`, readerID).Scan(&email); err != nil {
		return err
	}
	return s.Mailer.Send(ctx, mailer.Message{To: email, Subject: subject, HTMLBody: body})
}
