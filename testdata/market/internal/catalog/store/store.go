// Package store persists listings (tables: listings, listing_images).
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loomly.com/api/internal/catalog/listing"
	"loomly.com/api/internal/models"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/money"
)

type Store struct{ db db.DBTX }

func New(d db.DBTX) *Store { return &Store{db: d} }

func (s *Store) WithTx(tx *sql.Tx) *Store { return &Store{db: tx} }

const cols = `id, shop_id, title, description, category, tags, materials, price_cents, currency,
	quantity, state, made_to_order, shipping_cents, published_at, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*listing.Listing, error) {
	var l listing.Listing
	var tags, mats, cur string
	var price, ship int64
	var pub sql.NullTime
	if err := row.Scan(&l.ID, &l.ShopID, &l.Title, &l.Description, &l.Category, &tags, &mats, &price, &cur,
		&l.Quantity, &l.State, &l.MadeToOrder, &ship, &pub, &l.CreatedAt, &l.UpdatedAt); err != nil {
		return nil, err
	}
	c := money.Currency(cur)
	l.Price, l.ShippingFee = money.New(price, c), money.New(ship, c)
	l.Tags, l.Materials = split(tags), split(mats)
	l.PublishedAt = pub.Time
	return &l, nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (s *Store) Insert(ctx context.Context, l *listing.Listing) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO listings (`+cols+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
		l.ID, l.ShopID, l.Title, l.Description, l.Category, strings.Join(l.Tags, ","), strings.Join(l.Materials, ","),
		l.Price.Cents, string(l.Price.Currency), l.Quantity, l.State, l.MadeToOrder, l.ShippingFee.Cents,
		db.NullTime(l.PublishedAt), l.CreatedAt, l.UpdatedAt)
	return errs.Wrap(err, "listings.Insert")
}

func (s *Store) Update(ctx context.Context, l *listing.Listing) error {
	l.UpdatedAt = time.Now().UTC()
	_, err := s.db.ExecContext(ctx, `UPDATE listings SET title=$2, description=$3, category=$4, tags=$5, materials=$6,
		price_cents=$7, quantity=$8, state=$9, made_to_order=$10, shipping_cents=$11, published_at=$12, updated_at=$13
		WHERE id=$1`, l.ID, l.Title, l.Description, l.Category, strings.Join(l.Tags, ","), strings.Join(l.Materials, ","),
		l.Price.Cents, l.Quantity, l.State, l.MadeToOrder, l.ShippingFee.Cents, db.NullTime(l.PublishedAt), l.UpdatedAt)
	return errs.Wrap(err, "listings.Update")
}

func (s *Store) Get(ctx context.Context, id string) (*listing.Listing, error) {
	l, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM listings WHERE id=$1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("listings.Get", "listing")
	}
	if err != nil {
		return nil, errs.Wrap(err, "listings.Get")
	}
	l.Images, err = s.images(ctx, id)
	return l, err
}

func (s *Store) images(ctx context.Context, listingID string) ([]listing.Image, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, url, position FROM listing_images
		WHERE listing_id=$1 ORDER BY position`, listingID)
	if err != nil {
		return nil, errs.Wrap(err, "listings.images")
	}
	defer rows.Close()
	var out []listing.Image
	for rows.Next() {
		var im listing.Image
		if err := rows.Scan(&im.Key, &im.URL, &im.Position); err != nil {
			return nil, err
		}
		out = append(out, im)
	}
	return out, rows.Err()
}

func (s *Store) AddImage(ctx context.Context, listingID string, im listing.Image) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO listing_images (listing_id, key, url, position) VALUES ($1,$2,$3,$4)`,
		listingID, im.Key, im.URL, im.Position)
	return errs.Wrap(err, "listings.AddImage")
}

func (s *Store) ListByShop(ctx context.Context, shopID, state string, limit, offset int) ([]*listing.Listing, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM listings WHERE shop_id=$1 AND ($2='' OR state=$2)
		ORDER BY updated_at DESC LIMIT $3 OFFSET $4`, shopID, state, limit, offset)
	if err != nil {
		return nil, errs.Wrap(err, "listings.ListByShop")
	}
	defer rows.Close()
	var out []*listing.Listing
	for rows.Next() {
		l, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "listings.ListByShop")
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Summaries loads listing cards for a set of ids (used by carts).
func (s *Store) Summaries(ctx context.Context, idList []string) (map[string]models.ListingSummary, error) {
	out := make(map[string]models.ListingSummary, len(idList))
	for _, id := range idList {
		l, err := s.Get(ctx, id)
		if errs.Is(err, errs.KindNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = l.Summary()
	}
	return out, nil
}

// DecrementStock reserves qty units; it fails if not enough are left.
func (s *Store) DecrementStock(ctx context.Context, id string, qty int) error {
	res, err := s.db.ExecContext(ctx, `UPDATE listings SET quantity = quantity - $2,
		state = CASE WHEN quantity - $2 = 0 AND NOT made_to_order THEN 'sold_out' ELSE state END,
		updated_at = now() WHERE id=$1 AND state='active' AND (made_to_order OR quantity >= $2)`, id, qty)
	if err != nil {
		return errs.Wrap(err, "listings.DecrementStock")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("listings.DecrementStock", "not enough stock")
	}
	return nil
}

func (s *Store) DeactivateShop(ctx context.Context, shopID string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE listings SET state='inactive', updated_at=now()
		WHERE shop_id=$1 AND state='active'`, shopID)
	if err != nil {
		return 0, errs.Wrap(err, "listings.DeactivateShop")
	}
	return res.RowsAffected()
}
