// Package reindexer keeps the search index in sync with listings. It reacts
// to listing events and also sweeps periodically to catch missed updates.
package reindexer

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"time"

	"loomly.com/api/platform/events"
	"loomly.com/api/search/index"
)

type Reindexer struct {
	pool *sql.DB
	idx  *index.Index
	log  *slog.Logger
}

func New(pool *sql.DB, log *slog.Logger) *Reindexer {
	return &Reindexer{pool: pool, idx: index.New(pool), log: log.With("job", "reindexer")}
}

// The sweep reads the catalog and shop tables directly: going through the
// catalog service for 100k listings was too slow (see INC-212).
const sourceQuery = `SELECT l.id, l.shop_id, s.name, s.country, l.title, l.description, l.tags, l.category,
	l.price_cents, l.currency, COALESCE(i.url, ''), l.state, s.status, l.updated_at
	FROM listings l
	JOIN shops s ON s.id = l.shop_id
	LEFT JOIN listing_images i ON i.listing_id = l.id AND i.position = 0
	WHERE `

func (r *Reindexer) Subscribe(bus *events.Bus) {
	h := func(ctx context.Context, e events.Event) error { return r.One(ctx, e.Key) }
	bus.Subscribe(events.ListingPublished, h)
	bus.Subscribe(events.ListingUpdated, h)
}

func (r *Reindexer) One(ctx context.Context, listingID string) error {
	_, err := r.apply(ctx, sourceQuery+`l.id = $1`, listingID)
	return err
}

// Sweep reindexes everything changed since the index watermark.
func (r *Reindexer) Sweep(ctx context.Context) (int, error) {
	since, err := r.idx.Watermark(ctx)
	if err != nil {
		return 0, err
	}
	return r.apply(ctx, sourceQuery+`l.updated_at > $1 OR s.updated_at > $1 ORDER BY l.updated_at LIMIT 5000`, since)
}

func (r *Reindexer) apply(ctx context.Context, q string, arg any) (int, error) {
	rows, err := r.pool.QueryContext(ctx, q, arg)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var d index.Document
		var tags, state, shopStatus string
		if err := rows.Scan(&d.ListingID, &d.ShopID, &d.ShopName, &d.ShipsFrom, &d.Title, &d.Body, &tags,
			&d.Category, &d.PriceCents, &d.Currency, &d.ImageURL, &state, &shopStatus, &d.UpdatedAt); err != nil {
			return n, err
		}
		if state != "active" || shopStatus != "active" {
			err = r.idx.Delete(ctx, d.ListingID)
		} else {
			d.Tags = strings.Split(tags, ",")
			err = r.idx.Upsert(ctx, d)
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

func (r *Reindexer) Loop(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := r.Sweep(ctx)
			if err != nil {
				r.log.Error("sweep failed", "err", err)
				continue
			}
			r.log.Info("sweep", "indexed", n)
		}
	}
}
