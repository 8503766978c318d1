// Package clubs holds club sites, opening hours, studios and safe capacities.
package clubs

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
)

type Directory struct{ db *sql.DB }

func New(conn *sql.DB) *Directory { return &Directory{db: conn} }

func (d *Directory) Get(ctx context.Context, id string) (models.Club, error) {
	var c models.Club
	err := d.db.QueryRowContext(ctx, `SELECT id, name, timezone, opens_at, closes_at, capacity FROM clubs WHERE id = $1`, id).
		Scan(&c.ID, &c.Name, &c.Timezone, &c.OpensAt, &c.ClosesAt, &c.Capacity)
	return c, db.NotFound(err, "club")
}

func (d *Directory) List(ctx context.Context) ([]models.Club, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, timezone, opens_at, closes_at, capacity FROM clubs WHERE open ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Club
	for rows.Next() {
		var c models.Club
		if err := rows.Scan(&c.ID, &c.Name, &c.Timezone, &c.OpensAt, &c.ClosesAt, &c.Capacity); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MaxOccupancy implements access/checkin.Capacity; closed areas reduce capacity.
func (d *Directory) MaxOccupancy(ctx context.Context, clubID string) (int, error) {
	var capacity, closed int
	err := d.db.QueryRowContext(ctx, `SELECT c.capacity,
		COALESCE((SELECT sum(a.capacity) FROM facility_areas a WHERE a.club_id = c.id AND a.closed), 0)
		FROM clubs c WHERE c.id = $1`, clubID).Scan(&capacity, &closed)
	if err != nil {
		return 0, db.NotFound(err, "club")
	}
	return capacity - closed, nil
}

// IsOpen reports whether the club is open at t (local time).
func (d *Directory) IsOpen(ctx context.Context, clubID string, t time.Time) (bool, error) {
	c, err := d.Get(ctx, clubID)
	if err != nil {
		return false, err
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return false, errs.Invalid("bad timezone for club %s", clubID)
	}
	local := t.In(loc).Format("15:04")
	if c.OpensAt <= c.ClosesAt {
		return local >= c.OpensAt && local < c.ClosesAt, nil
	}
	return local >= c.OpensAt || local < c.ClosesAt, nil // 24h clubs close "tomorrow"
}

// Area is a gym floor zone, studio, pool or sauna.
type Area struct {
	ID       string `json:"id"`
	ClubID   string `json:"club_id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Capacity int    `json:"capacity"`
	Closed   bool   `json:"closed"`
}

func (d *Directory) Areas(ctx context.Context, clubID string) ([]Area, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, club_id, name, kind, capacity, closed FROM facility_areas WHERE club_id = $1 ORDER BY name`, clubID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Area
	for rows.Next() {
		var a Area
		if err := rows.Scan(&a.ID, &a.ClubID, &a.Name, &a.Kind, &a.Capacity, &a.Closed); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (d *Directory) SetAreaClosed(ctx context.Context, areaID string, closed bool) error {
	res, err := d.db.ExecContext(ctx, `UPDATE facility_areas SET closed = $2 WHERE id = $1`, areaID, closed)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "area")
}
