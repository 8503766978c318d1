// Package stores is the directory of restaurant locations and their hours.
package stores

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/util"
)

// Directory reads and writes locations and location_hours.
type Directory struct {
	db *sql.DB
}

// New returns a Directory.
func New(conn *sql.DB) *Directory { return &Directory{db: conn} }

const locationCols = `id, name, slug, timezone, tax_bps, has_kds, phone, active`

func scanLocation(row interface{ Scan(...any) error }) (*models.Location, error) {
	var l models.Location
	if err := row.Scan(&l.ID, &l.Name, &l.Slug, &l.Timezone, &l.TaxBasisPoints, &l.HasKDS, &l.Phone, &l.Active); err != nil {
		return nil, err
	}
	return &l, nil
}

// Get returns one location.
func (d *Directory) Get(ctx context.Context, id int64) (*models.Location, error) {
	l, err := scanLocation(d.db.QueryRowContext(ctx,
		`SELECT `+locationCols+` FROM locations WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("location %d not found", id)
	}
	return l, err
}

// Active lists all active locations.
func (d *Directory) Active(ctx context.Context) ([]models.Location, error) {
	rows, err := d.db.QueryContext(ctx,
		`SELECT `+locationCols+` FROM locations WHERE active ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Location
	for rows.Next() {
		l, err := scanLocation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *l)
	}
	return out, rows.Err()
}

// Create inserts a new location.
func (d *Directory) Create(ctx context.Context, l *models.Location) error {
	if l.Name == "" {
		return errs.Invalid("name is required")
	}
	if _, err := time.LoadLocation(l.Timezone); err != nil {
		return errs.Invalid("bad timezone %q", l.Timezone)
	}
	l.Slug = util.Slugify(l.Name)
	return d.db.QueryRowContext(ctx,
		`INSERT INTO locations (name, slug, timezone, tax_bps, has_kds, phone, active)
		 VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING id`,
		l.Name, l.Slug, l.Timezone, l.TaxBasisPoints, l.HasKDS, l.Phone).Scan(&l.ID)
}

// Hours returns the weekly hours for a location.
func (d *Directory) Hours(ctx context.Context, id int64) ([]models.Hours, error) {
	rows, err := d.db.QueryContext(ctx,
		`SELECT weekday, opens_at, closes_at, closed FROM location_hours WHERE location_id = $1 ORDER BY weekday`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Hours
	for rows.Next() {
		var h models.Hours
		if err := rows.Scan(&h.Weekday, &h.OpensAt, &h.ClosesAt, &h.Closed); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SetHours replaces the weekly hours.
func (d *Directory) SetHours(ctx context.Context, id int64, hours []models.Hours) error {
	return db.WithTx(ctx, d.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM location_hours WHERE location_id = $1`, id); err != nil {
			return err
		}
		for _, h := range hours {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO location_hours (location_id, weekday, opens_at, closes_at, closed) VALUES ($1, $2, $3, $4, $5)`,
				id, h.Weekday, h.OpensAt, h.ClosesAt, h.Closed); err != nil {
				return err
			}
		}
		return nil
	})
}

// IsOpen reports whether the location is open at t (in the location's zone).
func (d *Directory) IsOpen(ctx context.Context, id int64, t time.Time) (bool, error) {
	loc, err := d.Get(ctx, id)
	if err != nil {
		return false, err
	}
	tz, err := time.LoadLocation(loc.Timezone)
	if err != nil {
		return false, fmt.Errorf("stores: location %d: %w", id, err)
	}
	hours, err := d.Hours(ctx, id)
	if err != nil {
		return false, err
	}
	lt := t.In(tz)
	hhmm := lt.Format("15:04")
	for _, h := range hours {
		if h.Weekday != lt.Weekday() || h.Closed {
			continue
		}
		if h.ClosesAt < h.OpensAt { // closes after midnight
			return hhmm >= h.OpensAt || hhmm < h.ClosesAt, nil
		}
		return hhmm >= h.OpensAt && hhmm < h.ClosesAt, nil
	}
	return false, nil
}

// TZ returns the *time.Location for a restaurant.
func (d *Directory) TZ(ctx context.Context, id int64) (*time.Location, error) {
	l, err := d.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return time.LoadLocation(l.Timezone)
}

// Routes registers the location endpoints.
func (d *Directory) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /locations", func(w http.ResponseWriter, r *http.Request) {
		ls, err := d.Active(r.Context())
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusOK, ls)
	})
	mux.HandleFunc("GET /locations/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		l, err := d.Get(r.Context(), id)
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusOK, l)
	})
	mux.HandleFunc("POST /locations", func(w http.ResponseWriter, r *http.Request) {
		var l models.Location
		if err := httpx.Decode(r, &l); err != nil {
			httpx.Error(w, err)
			return
		}
		if err := d.Create(r.Context(), &l); err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusCreated, l)
	})
	mux.HandleFunc("PUT /locations/{id}/hours", func(w http.ResponseWriter, r *http.Request) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		var hours []models.Hours
		if err := httpx.Decode(r, &hours); err != nil {
			httpx.Error(w, err)
			return
		}
		if err := d.SetHours(r.Context(), id, hours); err != nil {
			httpx.Error(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
