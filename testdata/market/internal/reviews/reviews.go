// Package reviews lets buyers rate purchases and computes shop/listing
// ratings (table: reviews).
package reviews

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
)

type Review struct {
	ID        string    `json:"id"`
	OrderID   string    `json:"order_id"`
	ListingID string    `json:"listing_id"`
	ShopID    string    `json:"shop_id"`
	BuyerID   string    `json:"buyer_id"`
	Stars     int       `json:"stars"`
	Body      string    `json:"body"`
	Reply     string    `json:"seller_reply,omitempty"`
	Hidden    bool      `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

type Store struct{ db db.DBTX }

func NewStore(d db.DBTX) *Store { return &Store{db: d} }

func (s *Store) Insert(ctx context.Context, r *Review) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO reviews (id, order_id, listing_id, shop_id, buyer_id, stars, body, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, r.ID, r.OrderID, r.ListingID, r.ShopID, r.BuyerID, r.Stars, r.Body, r.CreatedAt)
	if err != nil && strings.Contains(err.Error(), "reviews_order_listing_key") {
		return errs.Conflict("reviews.Insert", "already reviewed")
	}
	return errs.Wrap(err, "reviews.Insert")
}

func (s *Store) SetReply(ctx context.Context, id, shopID, reply string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE reviews SET seller_reply=$3 WHERE id=$1 AND shop_id=$2`, id, shopID, reply)
	if err != nil {
		return errs.Wrap(err, "reviews.SetReply")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("reviews.SetReply", "review")
	}
	return nil
}

func (s *Store) ListForListing(ctx context.Context, listingID string, limit, offset int) ([]Review, error) {
	return s.list(ctx, `WHERE listing_id=$1 AND NOT hidden`, listingID, limit, offset)
}

func (s *Store) ListForShop(ctx context.Context, shopID string, limit, offset int) ([]Review, error) {
	return s.list(ctx, `WHERE shop_id=$1 AND NOT hidden`, shopID, limit, offset)
}

func (s *Store) list(ctx context.Context, where, key string, limit, offset int) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, order_id, listing_id, shop_id, buyer_id, stars, body,
		COALESCE(seller_reply,''), created_at FROM reviews `+where+` ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
		key, limit, offset)
	if err != nil {
		return nil, errs.Wrap(err, "reviews.list")
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		if err := rows.Scan(&r.ID, &r.OrderID, &r.ListingID, &r.ShopID, &r.BuyerID, &r.Stars, &r.Body, &r.Reply, &r.CreatedAt); err != nil {
			return nil, errs.Wrap(err, "reviews.list")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) Summary(ctx context.Context, column, key string) (models.RatingSummary, error) {
	if column != "shop_id" && column != "listing_id" {
		return models.RatingSummary{}, errs.Invalid("reviews.Summary", "bad column")
	}
	var rs models.RatingSummary
	var avg sql.NullFloat64
	err := s.db.QueryRowContext(ctx, `SELECT AVG(stars), COUNT(*) FROM reviews WHERE `+column+`=$1 AND NOT hidden`, key).
		Scan(&avg, &rs.Count)
	rs.Average = avg.Float64
	return rs, errs.Wrap(err, "reviews.Summary")
}

// purchase verifies the buyer bought the listing in a delivered order.
// It reads the orders tables directly because the orders module had no
// query API when reviews shipped (2021).
func (s *Store) purchase(ctx context.Context, orderID, listingID, buyerID string) (shopID string, err error) {
	var status string
	err = s.db.QueryRowContext(ctx, `SELECT o.shop_id, o.status FROM orders o
		JOIN order_lines l ON l.order_id = o.id
		WHERE o.id=$1 AND l.listing_id=$2 AND o.buyer_id=$3`, orderID, listingID, buyerID).Scan(&shopID, &status)
	if db.IsNoRows(err) {
		return "", errs.Forbidden("reviews.purchase")
	}
	if err != nil {
		return "", errs.Wrap(err, "reviews.purchase")
	}
	if models.OrderStatus(status) != models.OrderDelivered {
		return "", errs.Invalid("reviews.purchase", "order not delivered yet")
	}
	return shopID, nil
}

type Service struct {
	store *Store
	now   func() time.Time
}

func NewService(st *Store) *Service { return &Service{store: st, now: time.Now} }

func (s *Service) Store() *Store { return s.store }

type CreateInput struct {
	OrderID   string `json:"order_id"`
	ListingID string `json:"listing_id"`
	Stars     int    `json:"stars"`
	Body      string `json:"body"`
}

func (s *Service) Create(ctx context.Context, buyerID string, in CreateInput) (*Review, error) {
	if in.Stars < 1 || in.Stars > 5 {
		return nil, errs.Invalid("reviews.Create", "stars must be 1-5")
	}
	if len(in.Body) > 4000 {
		return nil, errs.Invalid("reviews.Create", "review too long")
	}
	shopID, err := s.store.purchase(ctx, in.OrderID, in.ListingID, buyerID)
	if err != nil {
		return nil, err
	}
	r := &Review{ID: ids.New(ids.Review), OrderID: in.OrderID, ListingID: in.ListingID, ShopID: shopID,
		BuyerID: buyerID, Stars: in.Stars, Body: strings.TrimSpace(in.Body), CreatedAt: s.now().UTC()}
	return r, s.store.Insert(ctx, r)
}

func (s *Service) Reply(ctx context.Context, shopID, reviewID, reply string) error {
	if len(reply) > 2000 {
		return errs.Invalid("reviews.Reply", "reply too long")
	}
	return s.store.SetReply(ctx, reviewID, shopID, reply)
}

func (s *Service) ShopRating(ctx context.Context, shopID string) (models.RatingSummary, error) {
	return s.store.Summary(ctx, "shop_id", shopID)
}

func (s *Service) ListingRating(ctx context.Context, listingID string) (models.RatingSummary, error) {
	return s.store.Summary(ctx, "listing_id", listingID)
}
