// Package trainers manages personal trainers, their availability and PT packages.
package trainers

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/money"
)

type Store struct{ db *sql.DB }

func New(conn *sql.DB) *Store { return &Store{db: conn} }

func (s *Store) Get(ctx context.Context, id string) (models.Trainer, error) {
	var t models.Trainer
	var rate int64
	err := s.db.QueryRowContext(ctx, `SELECT id, club_id, name, speciality, hourly_rate_minor, active FROM trainers WHERE id = $1`, id).
		Scan(&t.ID, &t.ClubID, &t.Name, &t.Speciality, &rate, &t.Active)
	t.HourlyRate = money.GBP(rate)
	return t, db.NotFound(err, "trainer")
}

func (s *Store) ForClub(ctx context.Context, clubID string) ([]models.Trainer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, club_id, name, speciality, hourly_rate_minor, active
		FROM trainers WHERE club_id = $1 AND active ORDER BY name`, clubID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Trainer
	for rows.Next() {
		var t models.Trainer
		var rate int64
		if err := rows.Scan(&t.ID, &t.ClubID, &t.Name, &t.Speciality, &rate, &t.Active); err != nil {
			return nil, err
		}
		t.HourlyRate = money.GBP(rate)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Slot is an availability window.
type Slot struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Availability returns a trainer's declared availability between from and to.
func (s *Store) Availability(ctx context.Context, trainerID string, from, to time.Time) ([]Slot, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT starts_at, ends_at FROM trainer_availability
		WHERE trainer_id = $1 AND ends_at > $2 AND starts_at < $3 ORDER BY starts_at`, trainerID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Slot
	for rows.Next() {
		var sl Slot
		if err := rows.Scan(&sl.Start, &sl.End); err != nil {
			return nil, err
		}
		out = append(out, sl)
	}
	return out, rows.Err()
}

func (s *Store) AddAvailability(ctx context.Context, trainerID string, sl Slot) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO trainer_availability (trainer_id, starts_at, ends_at) VALUES ($1,$2,$3)`,
		trainerID, sl.Start, sl.End)
	return err
}

// Package is a prepaid bundle of PT sessions.
type Package struct {
	ID        string
	MemberID  string
	TrainerID string
	Total     int
	Used      int
	Expires   time.Time
}

func (s *Store) ActivePackage(ctx context.Context, memberID, trainerID string) (Package, error) {
	var p Package
	err := s.db.QueryRowContext(ctx, `SELECT id, member_id, trainer_id, sessions_total, sessions_used, expires_on
		FROM pt_packages WHERE member_id = $1 AND trainer_id = $2 AND sessions_used < sessions_total AND expires_on >= now()
		ORDER BY expires_on LIMIT 1`, memberID, trainerID).Scan(&p.ID, &p.MemberID, &p.TrainerID, &p.Total, &p.Used, &p.Expires)
	return p, db.NotFound(err, "pt package")
}

func (s *Store) UseSession(ctx context.Context, q db.Querier, packageID string, delta int) error {
	_, err := q.ExecContext(ctx, `UPDATE pt_packages SET sessions_used = sessions_used + $2 WHERE id = $1`, packageID, delta)
	return err
}

// Within reports whether [start,end) fits in one of the slots.
func Within(slots []Slot, start, end time.Time) bool {
	for _, s := range slots {
		if !start.Before(s.Start) && !end.After(s.End) {
			return true
		}
	}
	return false
}
