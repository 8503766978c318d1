// Package ratings stores post-trip ratings in both directions and computes
// rolling averages.
package ratings

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	driverservice "github.com/zipcab/backend/app/driver/service"
	triprepo "github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/httpx"
)

// Window is how long after a trip either party may rate it.
const Window = 7 * 24 * time.Hour

// RollingN is the number of most recent ratings averaged.
const RollingN = 500

// Rating is a row of ratings.
type Rating struct {
	TripID    int64     `json:"trip_id"`
	RaterRole string    `json:"rater_role"` // rider | driver
	RaterID   int64     `json:"rater_id"`
	RateeID   int64     `json:"ratee_id"`
	Stars     int       `json:"stars"`
	Tags      []string  `json:"tags,omitempty"`
	Comment   string    `json:"comment,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Service records ratings.
type Service struct {
	conn    *sql.DB
	trips   *triprepo.TripRepository
	drivers *driverservice.DriverService
	pub     events.Publisher
}

// New returns the service.
func New(conn *sql.DB, trips *triprepo.TripRepository, drivers *driverservice.DriverService, pub events.Publisher) *Service {
	return &Service{conn: conn, trips: trips, drivers: drivers, pub: pub}
}

// Submit records the caller's rating of the other party on a trip.
func (s *Service) Submit(ctx context.Context, p auth.Principal, tripID int64, stars int, tags []string, comment string) error {
	if stars < 1 || stars > 5 {
		return errs.Invalid("ratings.submit", "stars must be between 1 and 5")
	}
	parts, err := s.trips.Participants(ctx, tripID)
	if err != nil {
		return err
	}
	if parts.Status != entity.TripCompleted || parts.EndedAt == nil {
		return errs.Conflict("ratings.submit", "only completed trips can be rated")
	}
	if time.Since(*parts.EndedAt) > Window {
		return errs.Conflict("ratings.submit", "rating window has closed")
	}
	r := Rating{TripID: tripID, RaterRole: string(p.Role), Stars: stars, Tags: tags, Comment: strings.TrimSpace(comment)}
	switch p.Role {
	case auth.RoleRider:
		if parts.RiderID != p.UserID {
			return errs.NotFound("ratings.submit", "trip")
		}
		r.RaterID, r.RateeID = parts.RiderID, parts.DriverID
	case auth.RoleDriver:
		d, err := s.drivers.ForUser(ctx, p.UserID)
		if err != nil || d.ID != parts.DriverID {
			return errs.NotFound("ratings.submit", "trip")
		}
		r.RaterID, r.RateeID = parts.DriverID, parts.RiderID
	default:
		return errs.Forbidden("ratings.submit")
	}
	_, err = db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO ratings (trip_id, rater_role, rater_id, ratee_id, stars, tags, comment, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
		r.TripID, r.RaterRole, r.RaterID, r.RateeID, r.Stars, strings.Join(r.Tags, ","), db.NullString(r.Comment))
	if err != nil {
		if strings.Contains(err.Error(), "duplicate key") {
			return errs.Conflict("ratings.submit", "trip already rated")
		}
		return errs.Wrap("ratings.submit", err)
	}
	return s.pub.Publish(ctx, events.RatingSubmitted, fmt.Sprintf("trip:%d", tripID), entity.RatingSubmittedEvent{
		TripID: tripID, RaterRole: r.RaterRole, RateeID: r.RateeID, Stars: stars,
	})
}

// Average returns the rolling average and count for a ratee rated by raterRole.
func (s *Service) Average(ctx context.Context, raterRole string, rateeID int64) (float64, int, error) {
	var avg sql.NullFloat64
	var n int
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT AVG(stars), COUNT(*) FROM (
		   SELECT stars FROM ratings WHERE rater_role = $1 AND ratee_id = $2 ORDER BY created_at DESC LIMIT $3) t`,
		raterRole, rateeID, RollingN).Scan(&avg, &n)
	if err != nil {
		return 0, 0, errs.Wrap("ratings.average", err)
	}
	return avg.Float64, n, nil
}

// Handler serves rating endpoints.
type Handler struct{ svc *Service }

// NewHandler returns a handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	mux.Handle("POST /v1/trips/{id}/rating", signer.Middleware(auth.RoleRider, auth.RoleDriver)(http.HandlerFunc(h.submit)))
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Stars   int      `json:"stars"`
		Tags    []string `json:"tags"`
		Comment string   `json:"comment"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Submit(r.Context(), p, id, req.Stars, req.Tags, req.Comment); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
