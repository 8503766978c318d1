// Package index maintains the search_documents table (Postgres full-text).
package index

import (
	"context"
	"strings"
	"time"

	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
)

type Document struct {
	ListingID  string
	ShopID     string
	ShopName   string
	Title      string
	Body       string
	Tags       []string
	Category   string
	PriceCents int64
	Currency   string
	ImageURL   string
	ShipsFrom  string
	UpdatedAt  time.Time
}

type Index struct{ db db.DBTX }

func New(d db.DBTX) *Index { return &Index{db: d} }

func (ix *Index) Upsert(ctx context.Context, d Document) error {
	_, err := ix.db.ExecContext(ctx, `INSERT INTO search_documents
		(listing_id, shop_id, shop_name, title, category, price_cents, currency, image_url, ships_from, updated_at, tsv)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,
		  setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $11), 'B') ||
		  setweight(to_tsvector('english', $12), 'C'))
		ON CONFLICT (listing_id) DO UPDATE SET shop_name=EXCLUDED.shop_name, title=EXCLUDED.title,
		  category=EXCLUDED.category, price_cents=EXCLUDED.price_cents, currency=EXCLUDED.currency,
		  image_url=EXCLUDED.image_url, ships_from=EXCLUDED.ships_from, updated_at=EXCLUDED.updated_at, tsv=EXCLUDED.tsv`,
		d.ListingID, d.ShopID, d.ShopName, d.Title, d.Category, d.PriceCents, d.Currency, d.ImageURL, d.ShipsFrom,
		d.UpdatedAt, strings.Join(d.Tags, " "), truncate(d.Body, 2000))
	return errs.Wrap(err, "index.Upsert")
}

func (ix *Index) Delete(ctx context.Context, listingID string) error {
	_, err := ix.db.ExecContext(ctx, `DELETE FROM search_documents WHERE listing_id=$1`, listingID)
	return errs.Wrap(err, "index.Delete")
}

// Watermark returns the newest updated_at in the index.
func (ix *Index) Watermark(ctx context.Context) (time.Time, error) {
	var t *time.Time
	err := ix.db.QueryRowContext(ctx, `SELECT MAX(updated_at) FROM search_documents`).Scan(&t)
	if err != nil || t == nil {
		return time.Time{}, errs.Wrap(err, "index.Watermark")
	}
	return *t, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
