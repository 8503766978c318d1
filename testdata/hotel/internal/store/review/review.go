// Package review persists guest reviews and hotel responses.
//
// Table: reviews.
package review

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the review repository.
type Store struct {
	db *sqlx.DB
}

// New returns a Store.
func New(conn *sqlx.DB) *Store { return &Store{db: conn} }

const cols = `id, hotel_id, reservation_id, guest_id, rating, cleanliness, service, title, body, status,
	COALESCE(response, '') AS response, created_at`

// Create inserts a review.
func (s *Store) Create(ctx context.Context, r *model.Review) error {
	r.CreatedAt = time.Now().UTC()
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO reviews (id, hotel_id, reservation_id, guest_id, rating, cleanliness, service, title, body, status, created_at)
		VALUES (:id, :hotel_id, :reservation_id, :guest_id, :rating, :cleanliness, :service, :title, :body, :status, :created_at)`, r)
	if err != nil {
		return db.NotFound(err, "review.Create", "review for this stay")
	}
	return nil
}

// Get loads a review.
func (s *Store) Get(ctx context.Context, id string) (*model.Review, error) {
	var r model.Review
	if err := s.db.GetContext(ctx, &r, `SELECT `+cols+` FROM reviews WHERE id = $1`, id); err != nil {
		return nil, db.NotFound(err, "review.Get", "review")
	}
	return &r, nil
}

// Published lists a hotel's published reviews, newest first.
func (s *Store) Published(ctx context.Context, hotelID int64, limit, offset int) ([]model.Review, error) {
	var out []model.Review
	err := s.db.SelectContext(ctx, &out, `SELECT `+cols+` FROM reviews
		WHERE hotel_id = $1 AND status = 'published' ORDER BY created_at DESC LIMIT $2 OFFSET $3`, hotelID, limit, offset)
	return out, errs.Wrap(err, "review.Published")
}

// SetStatus moderates a review.
func (s *Store) SetStatus(ctx context.Context, id string, st model.ReviewStatus) error {
	res, err := s.db.NamedExecContext(ctx, `UPDATE reviews SET status = :status WHERE id = :id`,
		map[string]any{"id": id, "status": string(st)})
	if err != nil {
		return errs.Wrap(err, "review.SetStatus")
	}
	return db.RowsAffected(res, "review.SetStatus", "review")
}

// SetResponse stores the hotel's public reply.
func (s *Store) SetResponse(ctx context.Context, id, text, by string) error {
	res, err := s.db.NamedExecContext(ctx, `
		UPDATE reviews SET response = :text, responded_by = :by, responded_at = now() WHERE id = :id`,
		map[string]any{"id": id, "text": text, "by": by})
	if err != nil {
		return errs.Wrap(err, "review.SetResponse")
	}
	return db.RowsAffected(res, "review.SetResponse", "review")
}

// Score is the aggregate rating of a hotel.
type Score struct {
	Count       int     `json:"count" db:"count"`
	Rating      float64 `json:"rating" db:"rating"`
	Cleanliness float64 `json:"cleanliness" db:"cleanliness"`
	Service     float64 `json:"service" db:"service"`
}

// Aggregate computes the published score of a hotel.
func (s *Store) Aggregate(ctx context.Context, hotelID int64) (*Score, error) {
	var sc Score
	err := s.db.GetContext(ctx, &sc, `
		SELECT count(*) AS count, COALESCE(avg(rating), 0) AS rating,
			COALESCE(avg(cleanliness), 0) AS cleanliness, COALESCE(avg(service), 0) AS service
		FROM reviews WHERE hotel_id = $1 AND status = 'published'`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "review.Aggregate")
	}
	return &sc, nil
}
