// Package onboarding takes driver applicants from sign-up through background
// check and document review to an approved driver account.
package onboarding

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/driver/model"
	"github.com/zipcab/backend/app/driver/repository"
	"github.com/zipcab/backend/clients/bgcheck"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

// Stage is where an application is in the funnel.
type Stage string

const (
	StageSubmitted Stage = "submitted"
	StageBGCheck   Stage = "background_check"
	StageDocReview Stage = "document_review"
	StageApproved  Stage = "approved"
	StageRejected  Stage = "rejected"
)

// Application is a row of driver_applications.
type Application struct {
	ID            int64          `json:"id"`
	UserID        int64          `json:"user_id"`
	Phone         string         `json:"phone"`
	Email         string         `json:"email"`
	FirstName     string         `json:"first_name"`
	LastName      string         `json:"last_name"`
	DOB           string         `json:"dob"`
	City          string         `json:"city"`
	LicenseNumber string         `json:"license_number"`
	LicenseState  string         `json:"license_state"`
	Vehicle       entity.Vehicle `json:"vehicle"`
	WantsCourier  bool           `json:"wants_courier"`
	Stage         Stage          `json:"stage"`
	BGReportID    string         `json:"-"`
	RejectReason  string         `json:"reject_reason,omitempty"`
	DriverID      int64          `json:"driver_id,omitempty"`
	CreatedAt     time.Time      `json:"created_at"`
}

// Service drives the onboarding funnel.
type Service struct {
	conn    *sql.DB
	drivers *repository.DriverRepository
	bg      *bgcheck.Client
	pub     events.Publisher
}

// New returns the service.
func New(conn *sql.DB, drivers *repository.DriverRepository, bg *bgcheck.Client, pub events.Publisher) *Service {
	return &Service{conn: conn, drivers: drivers, bg: bg, pub: pub}
}

// Submit records a new application and orders a background check.
func (s *Service) Submit(ctx context.Context, a Application) (Application, error) {
	if a.Vehicle.Year != 0 && a.Vehicle.Year < time.Now().Year()-15 {
		return a, errs.Invalid("onboarding.submit", "vehicle is too old for Zipcab")
	}
	if a.LicenseNumber == "" || a.Phone == "" {
		return a, errs.Invalid("onboarding.submit", "license number and phone are required")
	}
	a.Stage = StageSubmitted
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`INSERT INTO driver_applications (user_id, phone, email, first_name, last_name, dob, city, license_number,
		   license_state, vehicle_make, vehicle_model, vehicle_color, vehicle_plate, vehicle_year, vehicle_seats,
		   wants_courier, stage, created_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,now()) RETURNING id, created_at`,
		a.UserID, a.Phone, a.Email, a.FirstName, a.LastName, a.DOB, a.City, a.LicenseNumber, a.LicenseState,
		a.Vehicle.Make, a.Vehicle.Model, a.Vehicle.Color, strings.ToUpper(a.Vehicle.Plate), a.Vehicle.Year, a.Vehicle.Seats,
		a.WantsCourier, a.Stage).Scan(&a.ID, &a.CreatedAt)
	if err != nil {
		return a, errs.Wrap("onboarding.submit", err)
	}
	rep, err := s.bg.StartCheck(ctx, bgcheck.Candidate{
		FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Phone: a.Phone, DOB: a.DOB,
		LicenseNumber: a.LicenseNumber, LicenseState: a.LicenseState,
	})
	if err != nil {
		log.From(ctx).Warn("background check could not be started; will retry", "application_id", a.ID, "err", err)
		return a, nil
	}
	a.Stage, a.BGReportID = StageBGCheck, rep.ID
	return a, s.setStage(ctx, a.ID, a.Stage, rep.ID, "")
}

// Get returns an application.
func (s *Service) Get(ctx context.Context, id int64) (Application, error) {
	var a Application
	var report, reason sql.NullString
	var driverID sql.NullInt64
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT id, user_id, phone, email, first_name, last_name, city, license_number, license_state,
		   vehicle_make, vehicle_model, vehicle_color, vehicle_plate, vehicle_year, vehicle_seats, wants_courier,
		   stage, bg_report_id, reject_reason, driver_id, created_at
		 FROM driver_applications WHERE id = $1`, id).
		Scan(&a.ID, &a.UserID, &a.Phone, &a.Email, &a.FirstName, &a.LastName, &a.City, &a.LicenseNumber, &a.LicenseState,
			&a.Vehicle.Make, &a.Vehicle.Model, &a.Vehicle.Color, &a.Vehicle.Plate, &a.Vehicle.Year, &a.Vehicle.Seats,
			&a.WantsCourier, &a.Stage, &report, &reason, &driverID, &a.CreatedAt)
	if db.IsNoRows(err) {
		return a, errs.NotFound("onboarding.get", "application")
	}
	a.BGReportID, a.RejectReason, a.DriverID = report.String, reason.String, driverID.Int64
	return a, errs.Wrap("onboarding.get", err)
}

// PollBackgroundChecks advances applications whose checks have finished.
func (s *Service) PollBackgroundChecks(ctx context.Context) (int, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, bg_report_id FROM driver_applications WHERE stage = 'background_check' LIMIT 100`)
	if err != nil {
		return 0, errs.Wrap("onboarding.poll", err)
	}
	type pending struct {
		id  int64
		ref string
	}
	var batch []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.ref); err != nil {
			rows.Close()
			return 0, err
		}
		batch = append(batch, p)
	}
	rows.Close()
	moved := 0
	for _, p := range batch {
		rep, err := s.bg.GetReport(ctx, p.ref)
		if err != nil || rep.Pending() {
			continue
		}
		if rep.Clear() {
			err = s.setStage(ctx, p.id, StageDocReview, p.ref, "")
		} else {
			err = s.setStage(ctx, p.id, StageRejected, p.ref, "background check: "+rep.Status)
		}
		if err == nil {
			moved++
		}
	}
	return moved, nil
}

// Approve creates the driver account once documents have been reviewed.
func (s *Service) Approve(ctx context.Context, id int64, reviewerID int64) (int64, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	if a.Stage != StageDocReview {
		return 0, errs.Conflict("onboarding.approve", "application is in stage "+string(a.Stage))
	}
	rideTypes := []string{string(entity.RideStandard)}
	if a.Vehicle.Seats >= 6 {
		rideTypes = append(rideTypes, string(entity.RideXL))
	}
	if a.WantsCourier {
		rideTypes = append(rideTypes, string(entity.RideCourier))
	}
	driverID, err := s.drivers.Create(ctx, model.DriverRecord{
		UserID: a.UserID, Phone: a.Phone, Email: a.Email, FirstName: a.FirstName, LastName: a.LastName,
		City: a.City, RideTypes: strings.Join(rideTypes, ","), LicenseNumber: a.LicenseNumber, LicenseState: a.LicenseState,
	}, a.Vehicle)
	if err != nil {
		return 0, err
	}
	if _, err := s.conn.ExecContext(ctx,
		`UPDATE driver_applications SET stage = 'approved', driver_id = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`,
		id, driverID, reviewerID); err != nil {
		return 0, errs.Wrap("onboarding.approve", err)
	}
	return driverID, s.pub.Publish(ctx, events.DriverApproved, "driver:"+a.Phone, entity.DriverEvent{
		DriverID: driverID, Phone: a.Phone, Detail: "Welcome to Zipcab, " + a.FirstName + "!",
	})
}

func (s *Service) setStage(ctx context.Context, id int64, st Stage, reportID, reason string) error {
	_, err := db.Conn(ctx, s.conn).ExecContext(ctx,
		`UPDATE driver_applications SET stage = $2, bg_report_id = COALESCE($3, bg_report_id), reject_reason = $4 WHERE id = $1`,
		id, st, db.NullString(reportID), db.NullString(reason))
	return errs.Wrap("onboarding.set_stage", err)
}
