// Package sessions books and completes personal training sessions.
package sessions

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/internal/training/trainers"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

// CancelNotice is the free-cancellation window for PT sessions.
const CancelNotice = 24 * time.Hour

// Charger is billing's service API.
type Charger interface {
	AddCharge(ctx context.Context, memberID string, line models.InvoiceLine) error
}

type Service struct {
	db       *sql.DB
	trainers *trainers.Store
	charger  Charger
	bus      *events.Bus
	now      func() time.Time
}

func New(conn *sql.DB, t *trainers.Store, c Charger, bus *events.Bus) *Service {
	return &Service{db: conn, trainers: t, charger: c, bus: bus, now: time.Now}
}

// clashes checks the trainer's diary, including group classes they instruct.
func (s *Service) clashes(ctx context.Context, q db.Querier, trainerID string, start, end time.Time) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `
		SELECT (SELECT count(*) FROM pt_sessions WHERE trainer_id = $1 AND status IN ('booked','completed')
		          AND starts_at < $3 AND starts_at + make_interval(mins => minutes) > $2)
		     + (SELECT count(*) FROM class_sessions WHERE instructor_id = $1 AND NOT cancelled
		          AND starts_at < $3 AND ends_at > $2)`, trainerID, start, end).Scan(&n)
	return n > 0, err
}

type BookRequest struct {
	TrainerID string    `json:"trainer_id"`
	MemberID  string    `json:"member_id"`
	StartsAt  time.Time `json:"starts_at"`
	Minutes   int       `json:"minutes"`
}

// Book books a PT session, drawing on a package if the member has one.
func (s *Service) Book(ctx context.Context, r BookRequest) (models.PTSession, error) {
	if r.Minutes != 30 && r.Minutes != 45 && r.Minutes != 60 {
		return models.PTSession{}, errs.Invalid("sessions are 30, 45 or 60 minutes")
	}
	if r.StartsAt.Before(s.now()) {
		return models.PTSession{}, errs.Invalid("session must be in the future")
	}
	t, err := s.trainers.Get(ctx, r.TrainerID)
	if err != nil {
		return models.PTSession{}, err
	}
	if !t.Active {
		return models.PTSession{}, errs.Conflict("trainer is not taking bookings")
	}
	end := r.StartsAt.Add(time.Duration(r.Minutes) * time.Minute)
	slots, err := s.trainers.Availability(ctx, r.TrainerID, r.StartsAt, end)
	if err != nil {
		return models.PTSession{}, err
	}
	if !trainers.Within(slots, r.StartsAt, end) {
		return models.PTSession{}, errs.Conflict("trainer is not available then")
	}
	pt := models.PTSession{ID: ids.New(ids.Session), TrainerID: r.TrainerID, MemberID: r.MemberID,
		StartsAt: r.StartsAt, Minutes: r.Minutes, Status: "booked"}
	pkg, pkgErr := s.trainers.ActivePackage(ctx, r.MemberID, r.TrainerID)
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		clash, err := s.clashes(ctx, tx, r.TrainerID, r.StartsAt, end)
		if err != nil {
			return err
		}
		if clash {
			return errs.Conflict("trainer already booked")
		}
		if pkgErr == nil {
			pt.PackageID = pkg.ID
			if err := s.trainers.UseSession(ctx, tx, pkg.ID, 1); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO pt_sessions (id, trainer_id, member_id, starts_at, minutes, status, package_id)
			VALUES ($1,$2,$3,$4,$5,$6,NULLIF($7,''))`, pt.ID, pt.TrainerID, pt.MemberID, pt.StartsAt, pt.Minutes, pt.Status, pt.PackageID)
		return err
	})
	if err != nil {
		return pt, err
	}
	if pt.PackageID == "" {
		price := t.HourlyRate.Prorate(r.Minutes, 60)
		if err := s.charger.AddCharge(ctx, r.MemberID, models.InvoiceLine{
			Description: "PT session with " + t.Name + " " + r.StartsAt.Format("02 Jan 15:04"),
			Quantity:    1, UnitPrice: price, Source: "pt", SourceRef: pt.ID,
		}); err != nil {
			return pt, err
		}
	}
	return pt, nil
}

func (s *Service) get(ctx context.Context, id string) (models.PTSession, error) {
	var pt models.PTSession
	var pkg sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT id, trainer_id, member_id, starts_at, minutes, status, package_id FROM pt_sessions WHERE id = $1`, id).
		Scan(&pt.ID, &pt.TrainerID, &pt.MemberID, &pt.StartsAt, &pt.Minutes, &pt.Status, &pkg)
	pt.PackageID = pkg.String
	return pt, db.NotFound(err, "pt session")
}

// Cancel cancels a session; inside the notice period the session is forfeited.
func (s *Service) Cancel(ctx context.Context, id string) error {
	pt, err := s.get(ctx, id)
	if err != nil {
		return err
	}
	if pt.Status != "booked" {
		return errs.Conflict("session is %s", pt.Status)
	}
	late := pt.StartsAt.Sub(s.now()) < CancelNotice
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE pt_sessions SET status = 'cancelled', late_cancel = $2 WHERE id = $1`, id, late); err != nil {
			return err
		}
		if pt.PackageID != "" && !late {
			return s.trainers.UseSession(ctx, tx, pt.PackageID, -1)
		}
		if pt.PackageID == "" && !late {
			// refund the pay-as-you-go charge with a credit line
			t, err := s.trainers.Get(ctx, pt.TrainerID)
			if err != nil {
				return err
			}
			price := t.HourlyRate.Prorate(pt.Minutes, 60)
			return s.charger.AddCharge(ctx, pt.MemberID, models.InvoiceLine{
				Description: "Refund: cancelled PT session", Quantity: 1,
				UnitPrice: money.New(-price.Amount, price.Currency), Source: "credit", SourceRef: id,
			})
		}
		return nil
	})
}

// Complete marks a session done (trainer app).
func (s *Service) Complete(ctx context.Context, id, notes string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE pt_sessions SET status = 'completed', trainer_notes = $2 WHERE id = $1 AND status = 'booked'`, id, notes)
	if err != nil {
		return err
	}
	if err := db.RowsAffected(res, "booked pt session"); err != nil {
		return err
	}
	return s.bus.Publish(ctx, events.PTSessionCompleted, id, map[string]string{"session_id": id})
}

// Diary lists a trainer's sessions for a day.
func (s *Service) Diary(ctx context.Context, trainerID string, day time.Time) ([]models.PTSession, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, trainer_id, member_id, starts_at, minutes, status FROM pt_sessions
		WHERE trainer_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status <> 'cancelled' ORDER BY starts_at`,
		trainerID, day, day.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PTSession
	for rows.Next() {
		var pt models.PTSession
		if err := rows.Scan(&pt.ID, &pt.TrainerID, &pt.MemberID, &pt.StartsAt, &pt.Minutes, &pt.Status); err != nil {
			return nil, err
		}
		out = append(out, pt)
	}
	return out, rows.Err()
}
