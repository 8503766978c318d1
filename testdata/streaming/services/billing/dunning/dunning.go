// Package dunning retries failed invoice payments and suspends accounts that never pay.
package dunning

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/services/billing/gateway"
	"github.com/flickstream/api/services/billing/service"
	"github.com/flickstream/api/services/billing/store"
)

// retry schedule after the n-th failed attempt (index = attempts so far)
var schedule = []time.Duration{24 * time.Hour, 3 * 24 * time.Hour, 7 * 24 * time.Hour}

// Job runs one dunning pass.
type Job struct {
	store   *store.Store
	charger service.Charger
	pub     events.Publisher
	log     *slog.Logger
	now     func() time.Time
}

// New returns a Job.
func New(s *store.Store, c service.Charger, pub events.Publisher, log *slog.Logger) *Job {
	return &Job{store: s, charger: c, pub: pub, log: log, now: time.Now}
}

// Name identifies the job in logs.
func (j *Job) Name() string { return "billing-dunning" }

// RunOnce retries every due invoice.
func (j *Job) RunOnce(ctx context.Context) error {
	invs, err := j.store.RetryableInvoices(ctx, j.now().UTC(), 200)
	if err != nil {
		return err
	}
	for _, inv := range invs {
		if err := j.retry(ctx, inv); err != nil {
			j.log.Error("dunning retry failed", "invoice", inv.ID, "err", err)
		}
	}
	return nil
}

func (j *Job) retry(ctx context.Context, inv models.Invoice) error {
	now := j.now().UTC()
	customer, err := j.store.CustomerRef(ctx, inv.AccountID)
	var ch gateway.Charge
	if err == nil {
		ch, err = j.charger.Charge(ctx, gateway.ChargeRequest{
			CustomerRef: customer, Amount: inv.Amount, Description: "FlickStream (retry)", IdempotencyKey: inv.ID + "-" + itoa(inv.Attempts),
		})
	}
	db := j.store.DB()
	if err == nil {
		return db.WithTx(ctx, func(tx *sql.Tx) error {
			if err := j.store.MarkPaid(ctx, tx, inv.ID, ch.ID, inv.Amount, now); err != nil {
				return err
			}
			sub, err := j.store.GetSubscription(ctx, tx, inv.SubscriptionID)
			if err != nil {
				return err
			}
			sub.Status, sub.PastDueSince = models.SubActive, nil
			if err := j.store.UpdateSubscription(ctx, tx, sub); err != nil {
				return err
			}
			return j.pub.Publish(ctx, events.New(events.SubscriptionChanged, sub.ID,
				"account_id", sub.AccountID, "plan", sub.PlanCode, "status", sub.Status))
		})
	}
	code := "no_payment_method"
	var d *gateway.DeclineError
	retryable := true
	if errors.As(err, &d) {
		code, retryable = d.Code, d.Retryable()
	}
	var next *time.Time
	if retryable && inv.Attempts < len(schedule) {
		t := now.Add(schedule[inv.Attempts])
		next = &t
	}
	if err := j.store.MarkAttemptFailed(ctx, db, inv.ID, code, next); err != nil {
		return err
	}
	if next == nil {
		return j.suspend(ctx, db, inv)
	}
	return nil
}

// suspend gives up on the invoice, expires the subscription and locks the account.
func (j *Job) suspend(ctx context.Context, db *dbx.DB, inv models.Invoice) error {
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		sub, err := j.store.GetSubscription(ctx, tx, inv.SubscriptionID)
		if err != nil {
			return err
		}
		sub.Status = models.SubExpired
		if err := j.store.UpdateSubscription(ctx, tx, sub); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET status = 'suspended', updated_at = now()
			WHERE id = $1 AND status = 'active'`, inv.AccountID); err != nil {
			return err
		}
		j.log.Warn("account suspended for non-payment", "account", inv.AccountID, "invoice", inv.ID)
		return j.pub.Publish(ctx, events.New(events.AccountSuspended, inv.AccountID, "invoice_id", inv.ID))
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
