// Package postgres stores the schedule in PostgreSQL.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/schedule/domain"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Airport(ctx context.Context, iata string) (domain.Airport, error) {
	var a domain.Airport
	err := db.Q(ctx, s.DB).QueryRowContext(ctx,
		`SELECT iata, name, time_zone, country FROM airports WHERE iata = $1`, iata).
		Scan(&a.IATA, &a.Name, &a.TimeZone, &a.Country)
	if db.NotFound(err) {
		return a, errs.NotFound("schedule.airport", "airport %s", iata)
	}
	return a, err
}

func (s *Store) AircraftType(ctx context.Context, code string) (domain.AircraftType, error) {
	var t domain.AircraftType
	err := db.Q(ctx, s.DB).QueryRowContext(ctx,
		`SELECT code, name, seats_business, seats_economy FROM aircraft_types WHERE code = $1`, code).
		Scan(&t.Code, &t.Name, &t.SeatsBusiness, &t.SeatsEconomy)
	if db.NotFound(err) {
		return t, errs.NotFound("schedule.aircraft", "aircraft type %s", code)
	}
	return t, err
}

// UpsertLine inserts or replaces a schedule line keyed by flight number and period start.
func (s *Store) UpsertLine(ctx context.Context, l *domain.ScheduleLine) error {
	return db.Q(ctx, s.DB).QueryRowContext(ctx, `
		INSERT INTO schedule_lines (carrier, flight_number, origin, destination, depart_local,
			block_minutes, days_of_week, valid_from, valid_to, aircraft_type)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
		ON CONFLICT (carrier, flight_number, valid_from) DO UPDATE SET
			origin = EXCLUDED.origin, destination = EXCLUDED.destination,
			depart_local = EXCLUDED.depart_local, block_minutes = EXCLUDED.block_minutes,
			days_of_week = EXCLUDED.days_of_week, valid_to = EXCLUDED.valid_to,
			aircraft_type = EXCLUDED.aircraft_type
		RETURNING id`,
		l.Carrier, l.Number, l.Origin, l.Destination, l.DepartLocal, l.BlockMinutes,
		l.DaysOfWeek, l.ValidFrom, l.ValidTo, l.AircraftType).Scan(&l.ID)
}

// ActiveLines returns the lines whose period overlaps [from, to].
func (s *Store) ActiveLines(ctx context.Context, from, to time.Time) ([]domain.ScheduleLine, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT id, carrier, flight_number, origin, destination, depart_local, block_minutes,
		       days_of_week, valid_from, valid_to, aircraft_type
		FROM schedule_lines WHERE valid_from <= $2 AND valid_to >= $1
		ORDER BY carrier, flight_number`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ScheduleLine
	for rows.Next() {
		var l domain.ScheduleLine
		if err := rows.Scan(&l.ID, &l.Carrier, &l.Number, &l.Origin, &l.Destination, &l.DepartLocal,
			&l.BlockMinutes, &l.DaysOfWeek, &l.ValidFrom, &l.ValidTo, &l.AircraftType); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

const flightCols = `id, schedule_line_id, carrier, flight_number, origin, destination, service_date,
	std, sta, coalesce(etd, '0001-01-01'::timestamptz), aircraft_type, coalesce(tail, ''), status, coalesce(gate, '')`

func scanFlight(sc interface{ Scan(...any) error }) (domain.Flight, error) {
	var f domain.Flight
	err := sc.Scan(&f.ID, &f.ScheduleLineID, &f.Carrier, &f.Number, &f.Origin, &f.Destination,
		&f.ServiceDate, &f.STD, &f.STA, &f.ETD, &f.AircraftType, &f.Tail, &f.Status, &f.Gate)
	if f.ETD.Year() == 1 {
		f.ETD = time.Time{}
	}
	return f, err
}

// InsertFlight creates a dated flight unless it already exists.
func (s *Store) InsertFlight(ctx context.Context, f *domain.Flight) (bool, error) {
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		INSERT INTO flights (schedule_line_id, carrier, flight_number, origin, destination,
			service_date, std, sta, aircraft_type, status)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
		ON CONFLICT (carrier, flight_number, service_date) DO NOTHING
		RETURNING id`,
		f.ScheduleLineID, f.Carrier, f.Number, f.Origin, f.Destination, f.ServiceDate,
		f.STD, f.STA, f.AircraftType, f.Status).Scan(&f.ID)
	if db.NotFound(err) {
		return false, nil
	}
	return err == nil, err
}

func (s *Store) Flight(ctx context.Context, id int64) (domain.Flight, error) {
	f, err := scanFlight(db.Q(ctx, s.DB).QueryRowContext(ctx,
		`SELECT `+flightCols+` FROM flights WHERE id = $1`, id))
	if db.NotFound(err) {
		return f, errs.NotFound("schedule.flight", "flight %d", id)
	}
	return f, err
}

// UpdateOps persists the operational fields of a flight.
func (s *Store) UpdateOps(ctx context.Context, f domain.Flight) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE flights SET status = $2, etd = $3, gate = $4, tail = $5, updated_at = now()
		WHERE id = $1`, f.ID, f.Status, db.NullTime(f.ETD), db.NullString(f.Gate), db.NullString(f.Tail))
	return err
}

// Search returns flights between two airports on a UTC date window.
func (s *Store) Search(ctx context.Context, origin, dest string, from, to time.Time) ([]models.FlightSummary, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT `+flightCols+` FROM flights
		WHERE origin = $1 AND destination = $2 AND std >= $3 AND std < $4 AND status <> 'CANCELLED'
		ORDER BY std`, origin, dest, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.FlightSummary
	for rows.Next() {
		f, err := scanFlight(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f.Summary())
	}
	return out, rows.Err()
}
