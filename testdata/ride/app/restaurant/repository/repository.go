// Package repository persists restaurants, opening hours and menus (sqlx).
package repository

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"

	"github.com/zipcab/backend/app/restaurant/model"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/geo"
)

// RestaurantRepository reads and writes restaurants, restaurant_hours and menu_items.
type RestaurantRepository struct {
	db *sqlx.DB
}

// New returns a repository.
func New(db *sqlx.DB) *RestaurantRepository { return &RestaurantRepository{db: db} }

const cols = `id, owner_user_id, name, cuisine, address, lat, lng, city, prep_minutes, commission_pct, paused, rating_avg, currency, created_at`

// Get returns a restaurant.
func (r *RestaurantRepository) Get(ctx context.Context, id int64) (model.Restaurant, error) {
	var out model.Restaurant
	err := r.db.GetContext(ctx, &out, `SELECT `+cols+` FROM restaurants WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return out, errs.NotFound("restaurant.get", "restaurant")
	}
	return out, errs.Wrap("restaurant.get", err)
}

// ByOwner returns the restaurant managed by a user.
func (r *RestaurantRepository) ByOwner(ctx context.Context, userID int64) (model.Restaurant, error) {
	var out model.Restaurant
	err := r.db.GetContext(ctx, &out, `SELECT `+cols+` FROM restaurants WHERE owner_user_id = $1`, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return out, errs.NotFound("restaurant.by_owner", "restaurant")
	}
	return out, errs.Wrap("restaurant.by_owner", err)
}

// Near returns unpaused restaurants within km of p.
func (r *RestaurantRepository) Near(ctx context.Context, p geo.Point, km float64) ([]model.Restaurant, error) {
	minLat, minLng, maxLat, maxLng := geo.BoundingBox(p, km)
	var out []model.Restaurant
	err := r.db.SelectContext(ctx, &out,
		`SELECT `+cols+` FROM restaurants WHERE NOT paused AND lat BETWEEN $1 AND $3 AND lng BETWEEN $2 AND $4`,
		minLat, minLng, maxLat, maxLng)
	return out, errs.Wrap("restaurant.near", err)
}

// Hours returns opening hours for the given restaurants.
func (r *RestaurantRepository) Hours(ctx context.Context, ids []int64) (map[int64][]model.Hours, error) {
	out := map[int64][]model.Hours{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := sqlx.In(`SELECT restaurant_id, weekday, open_min, close_min FROM restaurant_hours WHERE restaurant_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []model.Hours
	if err := r.db.SelectContext(ctx, &rows, r.db.Rebind(q), args...); err != nil {
		return nil, errs.Wrap("restaurant.hours", err)
	}
	for _, h := range rows {
		out[h.RestaurantID] = append(out[h.RestaurantID], h)
	}
	return out, nil
}

// Menu returns all menu items of a restaurant.
func (r *RestaurantRepository) Menu(ctx context.Context, restaurantID int64) ([]model.MenuItem, error) {
	var out []model.MenuItem
	err := r.db.SelectContext(ctx, &out,
		`SELECT id, restaurant_id, section, name, description, price, available, sort_order
		 FROM menu_items WHERE restaurant_id = $1 AND NOT deleted ORDER BY section, sort_order`, restaurantID)
	return out, errs.Wrap("restaurant.menu", err)
}
