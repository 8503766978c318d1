// Package webhooks lets customers subscribe HTTPS endpoints to CRM events.
package webhooks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/lib/pq"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
)

// Migrations owned by integrations.
var Migrations = []db.Migration{
	{Name: "integrations_001_webhooks", Up: `CREATE TABLE webhook_subscriptions (
		id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
		topics TEXT[] NOT NULL, active BOOLEAN NOT NULL DEFAULT true, failures INT NOT NULL DEFAULT 0,
		created_at TIMESTAMPTZ NOT NULL);
	CREATE TABLE webhook_deliveries (
		id BIGSERIAL PRIMARY KEY, subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
		event_id TEXT NOT NULL, body JSONB NOT NULL, attempts INT NOT NULL DEFAULT 0, status TEXT NOT NULL,
		last_status INT, next_attempt_at TIMESTAMPTZ NOT NULL, UNIQUE (subscription_id, event_id))`},
}

// Subscription is a customer endpoint.
type Subscription struct {
	ID        core.ID   `json:"id"`
	URL       string    `json:"url"`
	Secret    string    `json:"secret,omitempty"`
	Topics    []string  `json:"topics"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

const maxAttempts = 8

// Service stores subscriptions and delivers events.
type Service struct {
	DB    *sql.DB
	HTTP  *http.Client
	Clock clock.Clock
	Log   *slog.Logger
}

// Create registers an endpoint and returns its signing secret once.
func (s *Service) Create(ctx context.Context, tenantID core.ID, rawURL string, topics []string) (Subscription, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return Subscription{}, errs.Invalid("url must be an absolute https URL")
	}
	for _, t := range topics {
		if !slices.Contains(core.PublicTopics, t) {
			return Subscription{}, errs.Invalid("unknown topic " + t)
		}
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	sub := Subscription{ID: core.NewID(core.PrefixWebhook), URL: rawURL, Secret: "whsec_" + hex.EncodeToString(b[:]),
		Topics: topics, Active: true, CreatedAt: s.Clock.Now()}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO webhook_subscriptions (id, tenant_id, url, secret, topics, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		sub.ID, tenantID, sub.URL, sub.Secret, pq.Array(sub.Topics), sub.CreatedAt)
	return sub, err
}

// List returns a tenant's subscriptions (without secrets).
func (s *Service) List(ctx context.Context, tenantID core.ID) ([]Subscription, error) {
	return db.All(ctx, s.DB, func(r db.Scanner) (sub Subscription, err error) {
		return sub, r.Scan(&sub.ID, &sub.URL, pq.Array(&sub.Topics), &sub.Active, &sub.CreatedAt)
	}, `SELECT id, url, topics, active, created_at FROM webhook_subscriptions WHERE tenant_id = $1 ORDER BY created_at`, tenantID)
}

// Delete removes a subscription.
func (s *Service) Delete(ctx context.Context, tenantID, id core.ID) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE webhook_subscriptions SET active = false WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	return err
}

// SubscribeTo enqueues a delivery per matching subscription for every
// public event relayed from the outbox.
func (s *Service) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe("*", func(ctx context.Context, e events.Event) error {
		if !slices.Contains(core.PublicTopics, e.Topic) {
			return nil
		}
		body, _ := json.Marshal(e)
		_, err := s.DB.ExecContext(ctx, `INSERT INTO webhook_deliveries (subscription_id, event_id, body, status, next_attempt_at)
			SELECT id, $3, $4, 'pending', $5 FROM webhook_subscriptions WHERE tenant_id = $1 AND active AND $2 = ANY(topics)
			ON CONFLICT DO NOTHING`, e.TenantID, e.Topic, e.ID, body, s.Clock.Now())
		return err
	})
}

// Sign computes the X-Pipeline-Signature header value.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return "t=" + strconv.FormatInt(ts, 10) + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

// DeliverPending attempts due deliveries with exponential backoff.
func (s *Service) DeliverPending(ctx context.Context, batch int) (int, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT d.id, d.attempts, d.body, w.url, w.secret, w.id FROM webhook_deliveries d
		JOIN webhook_subscriptions w ON w.id = d.subscription_id
		WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND w.active ORDER BY d.next_attempt_at LIMIT $2`, s.Clock.Now(), batch)
	if err != nil {
		return 0, err
	}
	type job struct {
		id               int64
		attempts         int
		body             []byte
		url, secret, sub string
	}
	var jobs []job
	for rows.Next() {
		var j job
		if err := rows.Scan(&j.id, &j.attempts, &j.body, &j.url, &j.secret, &j.sub); err != nil {
			rows.Close()
			return 0, err
		}
		jobs = append(jobs, j)
	}
	rows.Close()
	ok := 0
	for _, j := range jobs {
		code := s.post(ctx, j.url, j.secret, j.body)
		attempts := j.attempts + 1
		switch {
		case code >= 200 && code < 300:
			ok++
			_, err = s.DB.ExecContext(ctx, `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_status = $3 WHERE id = $1`, j.id, attempts, code)
			_, _ = s.DB.ExecContext(ctx, `UPDATE webhook_subscriptions SET failures = 0 WHERE id = $1`, j.sub)
		case attempts >= maxAttempts:
			_, err = s.DB.ExecContext(ctx, `UPDATE webhook_deliveries SET status = 'failed', attempts = $2, last_status = $3 WHERE id = $1`, j.id, attempts, code)
			_, _ = s.DB.ExecContext(ctx, `UPDATE webhook_subscriptions SET failures = failures + 1, active = failures < 50 WHERE id = $1`, j.sub)
		default:
			next := s.Clock.Now().Add(time.Duration(1<<attempts) * 30 * time.Second)
			_, err = s.DB.ExecContext(ctx, `UPDATE webhook_deliveries SET attempts = $2, last_status = $3, next_attempt_at = $4 WHERE id = $1`, j.id, attempts, code, next)
		}
		if err != nil {
			return ok, err
		}
	}
	return ok, nil
}

func (s *Service) post(ctx context.Context, url, secret string, body []byte) int {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "PipelineLabs-Webhooks/1.0")
	req.Header.Set("X-Pipeline-Signature", Sign(secret, s.Clock.Now().Unix(), body))
	resp, err := s.HTTP.Do(req)
	if err != nil {
		s.Log.Debug("webhook post failed", "url", url, "err", err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
