// Package ingest receives page-view beacons from the web and app clients.
package ingest

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/logging"
)

var botMarkers = []string{"bot", "crawler", "spider", "headless", "preview", "monitor"}

func IsBot(ua string) bool {
	ua = strings.ToLower(ua)
	if ua == "" {
		return true
	}
	for _, m := range botMarkers {
		if strings.Contains(ua, m) {
			return true
		}
	}
	return false
}

// NormaliseReferrer reduces a referrer URL to its host, grouping internal traffic.
func NormaliseReferrer(ref string) string {
	if ref == "" {
		return "direct"
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" {
		return "unknown"
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case host == "dailyherald.example":
		return "internal"
	case strings.HasPrefix(host, "google."), strings.HasPrefix(host, "news.google."):
		return "google"
	case host == "t.co", host == "x.com", host == "twitter.com":
		return "x"
	case strings.HasSuffix(host, "facebook.com"):
		return "facebook"
	}
	return host
}

// Collector buffers page views and flushes them in batches.
type Collector struct {
	DB        *sql.DB
	BatchSize int

	mu  sync.Mutex
	buf []models.PageView
}

type beacon struct {
	ArticleID     string `json:"article_id"`
	DeviceID      string `json:"device_id"`
	ReaderID      string `json:"reader_id"`
	Path          string `json:"path"`
	Referrer      string `json:"referrer"`
	Paywalled     bool   `json:"paywalled"`
	EngagedMillis int64  `json:"engaged_ms"`
}

func (c *Collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b beacon
	if err := httpx.ReadJSON(r, &b); err != nil {
		w.WriteHeader(http.StatusNoContent) // never make clients retry beacons
		return
	}
	ua := r.UserAgent()
	if IsBot(ua) || b.DeviceID == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	pv := models.PageView{
		ArticleID: b.ArticleID, ReaderID: b.ReaderID, DeviceID: b.DeviceID, Path: b.Path,
		Referrer: NormaliseReferrer(b.Referrer), UserAgent: ua, Country: r.Header.Get("CF-IPCountry"),
		Paywalled: b.Paywalled, ViewedAt: time.Now().UTC(),
	}
	if pv.Country == "" {
		pv.Country = "XX"
	}
	c.add(r.Context(), pv)
	w.WriteHeader(http.StatusNoContent)
}

func (c *Collector) add(ctx context.Context, pv models.PageView) {
	c.mu.Lock()
	c.buf = append(c.buf, pv)
	full := len(c.buf) >= c.BatchSize
	c.mu.Unlock()
	if full {
		if err := c.Flush(context.WithoutCancel(ctx)); err != nil {
			logging.FromContext(ctx).Error("page view flush failed", "err", err)
		}
	}
}

func (c *Collector) Flush(ctx context.Context) error {
	c.mu.Lock()
	batch := c.buf
	c.buf = nil
	c.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	tx, err := c.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO page_views (article_id, reader_id, device_id, path, referrer, user_agent, country, paywalled, viewed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, pv := range batch {
		if _, err := stmt.ExecContext(ctx, pv.ArticleID, nullable(pv.ReaderID), pv.DeviceID, pv.Path, pv.Referrer,
			pv.UserAgent, pv.Country, pv.Paywalled, pv.ViewedAt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (c *Collector) Name() string                  { return "analytics.flush_pageviews" }
func (c *Collector) Run(ctx context.Context) error { return c.Flush(ctx) }
