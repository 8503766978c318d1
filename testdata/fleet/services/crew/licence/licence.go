// Package licence keeps driving licences (categories B, C1, C, CE), the
// driver CPC card and medical certificates, and answers "may this person
// drive this vehicle on that day".
package licence

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
)

// Licence is one driver's licence record. A driver has at most one.
type Licence struct {
	DriverID      string    `json:"driver_id"`
	Number        string    `json:"number"`
	Categories    []string  `json:"categories"`
	ExpiresAt     time.Time `json:"expires_at"`
	CPCExpiresAt  time.Time `json:"cpc_expires_at,omitzero"`
	MedicalExpiry time.Time `json:"medical_expires_at,omitzero"`
}

// required maps a vehicle class to the categories that allow driving it.
var required = map[entities.VehicleClass][]string{
	entities.ClassVan:     {"B", "C1", "C", "CE"},
	entities.ClassRigid:   {"C", "CE"},
	entities.ClassTractor: {"CE"},
	entities.ClassReefer:  {"CE"},
}

// Covers reports whether the licence allows class at t, with a reason when not.
func (l Licence) Covers(class entities.VehicleClass, at time.Time) (bool, string) {
	if !at.Before(l.ExpiresAt) {
		return false, "licence expired " + l.ExpiresAt.Format(time.DateOnly)
	}
	if !slices.ContainsFunc(required[class], func(c string) bool { return slices.Contains(l.Categories, c) }) {
		return false, fmt.Sprintf("no category for %s (has %s)", class, strings.Join(l.Categories, ","))
	}
	if class.Heavy() && (!at.Before(l.CPCExpiresAt) || !at.Before(l.MedicalExpiry)) {
		return false, "driver CPC or medical certificate missing or expired"
	}
	return true, ""
}

// Service stores licences.
type Service struct {
	db      *sql.DB
	drivers *roster.Store
	clock   clock.Clock
}

// NewService wires the licence service.
func NewService(db *sql.DB, drivers *roster.Store, clk clock.Clock) *Service {
	return &Service{db: db, drivers: drivers, clock: clk}
}

var _ roster.LicenceChecker = (*Service)(nil)

// Get returns the licence of a driver.
func (s *Service) Get(ctx context.Context, driverID string) (Licence, error) {
	var (
		l        Licence
		cats     string
		cpc, med sql.NullTime
	)
	err := s.db.QueryRowContext(ctx, `SELECT driver_id, number, categories, expires_at, cpc_expires_at,
		medical_expires_at FROM driver_licences WHERE driver_id = $1`, driverID).
		Scan(&l.DriverID, &l.Number, &cats, &l.ExpiresAt, &cpc, &med)
	if err != nil {
		return l, dbx.NotFoundOr(err, "licence.Get", "licence for driver", driverID)
	}
	l.Categories, l.CPCExpiresAt, l.MedicalExpiry = strings.Split(cats, ","), cpc.Time, med.Time
	return l, nil
}

// Record stores or replaces a driver's licence.
func (s *Service) Record(ctx context.Context, l Licence) error {
	const op = "licence.Record"
	if _, err := s.drivers.Get(ctx, l.DriverID); err != nil {
		return errs.Wrap(op, err)
	}
	var v errs.Validation
	v.Check(len(l.Number) >= 5, "number", "is too short")
	v.Check(len(l.Categories) > 0, "categories", "at least one is required")
	v.Check(l.ExpiresAt.After(s.clock.Now()), "expires_at", "must be in the future")
	if err := v.Err(op); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO driver_licences
		(driver_id, number, categories, expires_at, cpc_expires_at, medical_expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (driver_id) DO UPDATE SET number = EXCLUDED.number, categories = EXCLUDED.categories,
		expires_at = EXCLUDED.expires_at, cpc_expires_at = EXCLUDED.cpc_expires_at,
		medical_expires_at = EXCLUDED.medical_expires_at`,
		l.DriverID, l.Number, strings.ToUpper(strings.Join(l.Categories, ",")), l.ExpiresAt,
		dbx.NullTime(l.CPCExpiresAt), dbx.NullTime(l.MedicalExpiry))
	return errs.Wrap(op, err)
}

// CanDrive implements roster.LicenceChecker.
func (s *Service) CanDrive(ctx context.Context, driverID string, class entities.VehicleClass, at time.Time) (bool, string, error) {
	l, err := s.Get(ctx, driverID)
	if errs.Is(err, errs.KindNotFound) {
		return false, "no licence on file", nil
	} else if err != nil {
		return false, "", err
	}
	ok, why := l.Covers(class, at)
	return ok, why, nil
}

// Expired lists the drivers with any document expired at t.
func (s *Service) Expired(ctx context.Context, t time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT driver_id FROM driver_licences
		WHERE expires_at < $1 OR cpc_expires_at < $1 OR medical_expires_at < $1`, t)
	if err != nil {
		return nil, errs.Wrap("licence.Expired", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (string, error) {
		var id string
		return id, r.Scan(&id)
	})
}
