// Package store persists meters, registers, readings, validation exceptions
// and the ingest file log.
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/services/metering/domain"
)

type Store struct{ db *sql.DB }

func New(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) DB() *sql.DB { return s.db }

const meterCols = `m.id, m.serial, m.site_id, m.fuel, m.kind, m.unit, m.dials, m.installed_at, m.removed_at,
	COALESCE((SELECT string_agg(r.register, ',' ORDER BY r.register) FROM meter_registers r WHERE r.meter_id = m.id), '')`

func scanMeter(row interface{ Scan(...any) error }) (domain.Meter, error) {
	var m domain.Meter
	var removed sql.NullTime
	var regs string
	err := row.Scan(&m.ID, &m.Serial, &m.SiteID, &m.Fuel, &m.Kind, &m.Unit, &m.Dials, &m.InstalledAt, &removed, &regs)
	m.RemovedAt = db.TimePtr(removed)
	if regs != "" {
		m.Registers = strings.Split(regs, ",")
	}
	return m, err
}

func (s *Store) Meter(ctx context.Context, id string) (domain.Meter, error) {
	m, err := scanMeter(s.db.QueryRowContext(ctx, `SELECT `+meterCols+` FROM meters m WHERE m.id = $1`, id))
	if db.IsNoRows(err) {
		return m, errs.NotFound("metering.Meter", "meter %s", id)
	}
	return m, err
}

func (s *Store) MeterBySerial(ctx context.Context, serial string) (domain.Meter, error) {
	m, err := scanMeter(s.db.QueryRowContext(ctx,
		`SELECT `+meterCols+` FROM meters m WHERE m.serial = $1 AND m.removed_at IS NULL`, serial))
	if db.IsNoRows(err) {
		return m, errs.NotFound("metering.MeterBySerial", "meter serial %s", serial)
	}
	return m, err
}

func (s *Store) MetersForSite(ctx context.Context, siteID string, includeRemoved bool) ([]domain.Meter, error) {
	q := `SELECT ` + meterCols + ` FROM meters m WHERE m.site_id = $1`
	if !includeRemoved {
		q += ` AND m.removed_at IS NULL`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY m.installed_at`, siteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Meter
	for rows.Next() {
		m, err := scanMeter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) InsertMeter(ctx context.Context, q db.Querier, m domain.Meter) error {
	if _, err := q.ExecContext(ctx, `
		INSERT INTO meters (id, serial, site_id, fuel, kind, unit, dials, installed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		m.ID, m.Serial, m.SiteID, m.Fuel, m.Kind, m.Unit, m.Dials, m.InstalledAt); err != nil {
		return err
	}
	for _, r := range m.Registers {
		if _, err := q.ExecContext(ctx, `INSERT INTO meter_registers (meter_id, register) VALUES ($1, $2)`, m.ID, r); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) RemoveMeter(ctx context.Context, q db.Querier, id string, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE meters SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL`, id, at)
	return err
}

func (s *Store) InsertReading(ctx context.Context, q db.Querier, r models.Reading) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO meter_readings (id, meter_id, register, value, read_at, source, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
		r.ID, r.MeterID, r.Register, r.Value, r.ReadAt, r.Source, r.Status)
	return err
}

const readCols = `id, meter_id, register, value, read_at, source, status`

func scanReads(rows *sql.Rows) ([]models.Reading, error) {
	defer rows.Close()
	var out []models.Reading
	for rows.Next() {
		var r models.Reading
		if err := rows.Scan(&r.ID, &r.MeterID, &r.Register, &r.Value, &r.ReadAt, &r.Source, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastAccepted returns the most recent accepted read on a register strictly
// before the given time.
func (s *Store) LastAccepted(ctx context.Context, meterID, register string, before time.Time) (models.Reading, bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+readCols+` FROM meter_readings
		WHERE meter_id = $1 AND register = $2 AND status = 'accepted' AND read_at < $3
		ORDER BY read_at DESC LIMIT 1`, meterID, register, before)
	if err != nil {
		return models.Reading{}, false, err
	}
	rs, err := scanReads(rows)
	if err != nil || len(rs) == 0 {
		return models.Reading{}, false, err
	}
	return rs[0], true, nil
}

// LastActuals returns up to n accepted non-estimated reads, newest first.
func (s *Store) LastActuals(ctx context.Context, meterID, register string, n int) ([]models.Reading, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+readCols+` FROM meter_readings
		WHERE meter_id = $1 AND register = $2 AND status = 'accepted' AND source <> 'estimate'
		ORDER BY read_at DESC LIMIT $3`, meterID, register, n)
	if err != nil {
		return nil, err
	}
	return scanReads(rows)
}

func (s *Store) Exists(ctx context.Context, meterID, register string, at time.Time) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM meter_readings
		WHERE meter_id = $1 AND register = $2 AND read_at::date = $3::date AND status <> 'rejected'`,
		meterID, register, at).Scan(&n)
	return n > 0, err
}

func (s *Store) InsertException(ctx context.Context, readingID, rule, detail string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO reading_exceptions (reading_id, rule, detail, raised_at)
		VALUES ($1, $2, $3, now())`, readingID, rule, detail)
	return err
}

func (s *Store) IngestSeen(ctx context.Context, checksum string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ingest_files WHERE checksum = $1`, checksum).Scan(&n)
	return n > 0, err
}

func (s *Store) RecordIngest(ctx context.Context, name, checksum string, rows, accepted, rejected int) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO ingest_files (name, checksum, rows, accepted, rejected, processed_at)
		VALUES ($1, $2, $3, $4, $5, now())`, name, checksum, rows, accepted, rejected)
	return err
}
