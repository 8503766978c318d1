// Package store persists shops and shop policies (tables: shops, shop_policies).
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loomly.com/api/internal/shops/shop"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/money"
)

type Store struct{ db db.DBTX }

func New(d db.DBTX) *Store { return &Store{db: d} }

const shopCols = `id, owner_id, slug, name, tagline, country, currency, status,
	payout_account, vacation_notice, kyc_verified_at, created_at, updated_at`

func scanShop(row interface{ Scan(...any) error }) (*shop.Shop, error) {
	var s shop.Shop
	var cur, status string
	var payout, vacation sql.NullString
	var kyc sql.NullTime
	if err := row.Scan(&s.ID, &s.OwnerID, &s.Slug, &s.Name, &s.Tagline, &s.Country,
		&cur, &status, &payout, &vacation, &kyc, &s.CreatedAt, &s.UpdatedAt); err != nil {
		return nil, err
	}
	s.Currency = money.Currency(cur)
	s.Status = shop.Status(status)
	s.PayoutAccount = payout.String
	s.VacationNotice = vacation.String
	s.KYCVerifiedAt = kyc.Time
	return &s, nil
}

func (st *Store) Insert(ctx context.Context, s *shop.Shop) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO shops (`+shopCols+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
		s.ID, s.OwnerID, s.Slug, s.Name, s.Tagline, s.Country, string(s.Currency), string(s.Status),
		db.NullString(s.PayoutAccount), db.NullString(s.VacationNotice), db.NullTime(s.KYCVerifiedAt),
		s.CreatedAt, s.UpdatedAt)
	if err != nil && strings.Contains(err.Error(), "shops_slug_key") {
		return errs.Conflict("shops.Insert", "shop slug already taken")
	}
	return errs.Wrap(err, "shops.Insert")
}

func (st *Store) Get(ctx context.Context, id string) (*shop.Shop, error) {
	s, err := scanShop(st.db.QueryRowContext(ctx, `SELECT `+shopCols+` FROM shops WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("shops.Get", "shop")
	}
	return s, errs.Wrap(err, "shops.Get")
}

func (st *Store) GetBySlug(ctx context.Context, slug string) (*shop.Shop, error) {
	s, err := scanShop(st.db.QueryRowContext(ctx, `SELECT `+shopCols+` FROM shops WHERE slug = $1`, slug))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("shops.GetBySlug", "shop")
	}
	return s, errs.Wrap(err, "shops.GetBySlug")
}

func (st *Store) GetByOwner(ctx context.Context, ownerID string) (*shop.Shop, error) {
	s, err := scanShop(st.db.QueryRowContext(ctx, `SELECT `+shopCols+` FROM shops WHERE owner_id = $1`, ownerID))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("shops.GetByOwner", "shop")
	}
	return s, errs.Wrap(err, "shops.GetByOwner")
}

func (st *Store) Update(ctx context.Context, s *shop.Shop) error {
	s.UpdatedAt = time.Now().UTC()
	_, err := st.db.ExecContext(ctx, `UPDATE shops SET name=$2, tagline=$3, status=$4,
		payout_account=$5, vacation_notice=$6, kyc_verified_at=$7, updated_at=$8 WHERE id=$1`,
		s.ID, s.Name, s.Tagline, string(s.Status), db.NullString(s.PayoutAccount),
		db.NullString(s.VacationNotice), db.NullTime(s.KYCVerifiedAt), s.UpdatedAt)
	return errs.Wrap(err, "shops.Update")
}

func (st *Store) ListByStatus(ctx context.Context, status shop.Status, limit int) ([]*shop.Shop, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+shopCols+` FROM shops WHERE status = $1
		ORDER BY created_at LIMIT $2`, string(status), limit)
	if err != nil {
		return nil, errs.Wrap(err, "shops.ListByStatus")
	}
	defer rows.Close()
	var out []*shop.Shop
	for rows.Next() {
		s, err := scanShop(rows)
		if err != nil {
			return nil, errs.Wrap(err, "shops.ListByStatus")
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (st *Store) GetPolicy(ctx context.Context, shopID string) (shop.Policy, error) {
	p := shop.Policy{ShopID: shopID}
	var shipsTo string
	err := st.db.QueryRowContext(ctx, `SELECT processing_days, accepts_returns, return_window_days, ships_to
		FROM shop_policies WHERE shop_id = $1`, shopID).
		Scan(&p.ProcessingDays, &p.AcceptsReturns, &p.ReturnWindowDay, &shipsTo)
	if db.IsNoRows(err) {
		return shop.Policy{ShopID: shopID, ProcessingDays: 3}, nil
	}
	if shipsTo != "" {
		p.ShipsTo = strings.Split(shipsTo, ",")
	}
	return p, errs.Wrap(err, "shops.GetPolicy")
}

func (st *Store) UpsertPolicy(ctx context.Context, p shop.Policy) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO shop_policies (shop_id, processing_days, accepts_returns, return_window_days, ships_to)
		VALUES ($1,$2,$3,$4,$5)
		ON CONFLICT (shop_id) DO UPDATE SET processing_days=EXCLUDED.processing_days,
		accepts_returns=EXCLUDED.accepts_returns, return_window_days=EXCLUDED.return_window_days,
		ships_to=EXCLUDED.ships_to`,
		p.ShopID, p.ProcessingDays, p.AcceptsReturns, p.ReturnWindowDay, strings.Join(p.ShipsTo, ","))
	return errs.Wrap(err, "shops.UpsertPolicy")
}
