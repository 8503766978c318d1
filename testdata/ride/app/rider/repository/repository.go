// Package repository persists riders and their saved places.
package repository

import (
	"context"
	"database/sql"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/money"
)

// RiderRepository reads and writes riders and rider_saved_places.
type RiderRepository struct {
	conn *sql.DB
}

// New returns a repository.
func New(conn *sql.DB) *RiderRepository { return &RiderRepository{conn: conn} }

const riderCols = `id, phone, COALESCE(email, ''), first_name, last_name, rating_avg,
	COALESCE(default_payment_method_id, 0), referral_code, blocked, created_at`

func scan(row interface{ Scan(...any) error }) (entity.Rider, error) {
	var r entity.Rider
	err := row.Scan(&r.ID, &r.Phone, &r.Email, &r.FirstName, &r.LastName, &r.Rating, &r.DefaultPM,
		&r.ReferralCode, &r.Blocked, &r.CreatedAt)
	return r, err
}

// Get returns a rider by id.
func (r *RiderRepository) Get(ctx context.Context, id int64) (entity.Rider, error) {
	out, err := scan(db.Conn(ctx, r.conn).QueryRowContext(ctx, `SELECT `+riderCols+` FROM riders WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return out, errs.NotFound("rider.get", "rider")
	}
	return out, errs.Wrap("rider.get", err)
}

// ByPhone returns a rider by phone number.
func (r *RiderRepository) ByPhone(ctx context.Context, phone string) (entity.Rider, error) {
	out, err := scan(db.Conn(ctx, r.conn).QueryRowContext(ctx, `SELECT `+riderCols+` FROM riders WHERE phone = $1`, phone))
	if db.IsNoRows(err) {
		return out, errs.NotFound("rider.by_phone", "rider")
	}
	return out, errs.Wrap("rider.by_phone", err)
}

// ByReferralCode returns the rider owning a referral code.
func (r *RiderRepository) ByReferralCode(ctx context.Context, code string) (entity.Rider, error) {
	out, err := scan(db.Conn(ctx, r.conn).QueryRowContext(ctx, `SELECT `+riderCols+` FROM riders WHERE referral_code = upper($1)`, code))
	if db.IsNoRows(err) {
		return out, errs.NotFound("rider.by_referral_code", "referral code")
	}
	return out, errs.Wrap("rider.by_referral_code", err)
}

// Create inserts a rider.
func (r *RiderRepository) Create(ctx context.Context, in entity.Rider) (int64, error) {
	var id int64
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`INSERT INTO riders (phone, email, first_name, last_name, rating_avg, referral_code, blocked, created_at)
		 VALUES ($1, $2, $3, $4, 5.0, $5, false, now()) RETURNING id`,
		in.Phone, db.NullString(in.Email), in.FirstName, in.LastName, in.ReferralCode).Scan(&id)
	return id, errs.Wrap("rider.create", err)
}

// SetRating stores the rider's rolling rating (written by the ratings aggregator).
func (r *RiderRepository) SetRating(ctx context.Context, id int64, avg float64) error {
	_, err := db.Conn(ctx, r.conn).ExecContext(ctx, `UPDATE riders SET rating_avg = $2 WHERE id = $1`, id, avg)
	return errs.Wrap("rider.set_rating", err)
}

// Profile is the rider home-screen view.
type Profile struct {
	entity.Rider
	WalletBalance money.Money `json:"wallet_balance"`
	TripCount     int         `json:"trip_count"`
}

// GetProfile returns the rider with their wallet balance in one round-trip.
// The wallet join saves a call to payments on every app launch.
func (r *RiderRepository) GetProfile(ctx context.Context, id int64, currency string) (Profile, error) {
	var p Profile
	var bal int64
	var cur sql.NullString
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT r.id, r.phone, COALESCE(r.email, ''), r.first_name, r.last_name, r.rating_avg,
		   COALESCE(r.default_payment_method_id, 0), r.referral_code, r.blocked, r.created_at,
		   COALESCE(w.balance, 0), w.currency, r.trip_count
		 FROM riders r LEFT JOIN wallet_accounts w ON w.rider_id = r.id
		 WHERE r.id = $1`, id).
		Scan(&p.ID, &p.Phone, &p.Email, &p.FirstName, &p.LastName, &p.Rating, &p.DefaultPM, &p.ReferralCode,
			&p.Blocked, &p.CreatedAt, &bal, &cur, &p.TripCount)
	if db.IsNoRows(err) {
		return p, errs.NotFound("rider.profile", "rider")
	}
	if !cur.Valid {
		cur.String = currency
	}
	p.WalletBalance = money.New(bal, cur.String)
	return p, errs.Wrap("rider.profile", err)
}
