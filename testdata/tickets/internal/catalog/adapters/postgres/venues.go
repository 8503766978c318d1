package postgres

import (
	"context"
	"database/sql"

	"gatehouse.events/platform/internal/catalog/domain"
	"gatehouse.events/platform/internal/catalog/ports"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
)

// VenueStore implements ports.VenueRepository.
type VenueStore struct{ db *sql.DB }

// NewVenueStore returns a store.
func NewVenueStore(d *sql.DB) *VenueStore { return &VenueStore{db: d} }

var _ ports.VenueRepository = (*VenueStore)(nil)

// Get loads a venue with its sections.
func (s *VenueStore) Get(ctx context.Context, id string) (domain.Venue, error) {
	var v domain.Venue
	err := s.db.QueryRowContext(ctx,
		`SELECT id, name, city, country, timezone FROM venues WHERE id=$1`, id).
		Scan(&v.ID, &v.Name, &v.City, &v.Country, &v.Timezone)
	if err != nil {
		return v, db.NotFound(err, "catalog.VenueStore.Get", "venue", id)
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT code, name, rows, seats_per_row, general_admission, ga_capacity
		FROM venue_sections WHERE venue_id=$1 ORDER BY code`, id)
	if err != nil {
		return v, errs.Wrap(err, "catalog.VenueStore.Get")
	}
	defer rows.Close()
	for rows.Next() {
		var sec domain.Section
		if err := rows.Scan(&sec.Code, &sec.Name, &sec.Rows, &sec.SeatsPerRow, &sec.GeneralAdmission, &sec.GACapacity); err != nil {
			return v, err
		}
		v.Sections = append(v.Sections, sec)
	}
	return v, rows.Err()
}

// Create inserts a venue and its sections.
func (s *VenueStore) Create(ctx context.Context, v domain.Venue) error {
	return db.WithTx(ctx, s.db, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO venues (id, name, city, country, timezone) VALUES ($1,$2,$3,$4,$5)`,
			v.ID, v.Name, v.City, v.Country, v.Timezone); err != nil {
			return errs.Wrap(err, "catalog.VenueStore.Create")
		}
		for _, sec := range v.Sections {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO venue_sections (venue_id, code, name, rows, seats_per_row, general_admission, ga_capacity)
				VALUES ($1,$2,$3,$4,$5,$6,$7)`,
				v.ID, sec.Code, sec.Name, sec.Rows, sec.SeatsPerRow, sec.GeneralAdmission, sec.GACapacity); err != nil {
				return errs.Wrap(err, "catalog.VenueStore.Create")
			}
		}
		return nil
	})
}

// List returns venues in a city (or all) without sections.
func (s *VenueStore) List(ctx context.Context, city string) ([]domain.Venue, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, name, city, country, timezone FROM venues
		WHERE ($1 = '' OR city = $1) ORDER BY name`, city)
	if err != nil {
		return nil, errs.Wrap(err, "catalog.VenueStore.List")
	}
	defer rows.Close()
	var out []domain.Venue
	for rows.Next() {
		var v domain.Venue
		if err := rows.Scan(&v.ID, &v.Name, &v.City, &v.Country, &v.Timezone); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
