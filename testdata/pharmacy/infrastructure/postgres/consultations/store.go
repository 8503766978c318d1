// Package consultations is the PostgreSQL store for counseling sessions.
// Tables: consultations, pharmacists, pharmacist_licenses.
package consultations

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"rxnow.health/backend/domain/consultations"
	"rxnow.health/backend/infrastructure/postgres"
)

// Store persists consultations.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const cols = `id, customer_id, prescription_id, pharmacist_id, topic, status, scheduled_at, COALESCE(question, ''), COALESCE(notes, ''), created_at, completed_at`

func scan(row interface{ Scan(...any) error }) (consultations.Consultation, error) {
	var c consultations.Consultation
	var rx, ph sql.NullInt64
	var sched, done sql.NullTime
	err := row.Scan(&c.ID, &c.CustomerID, &rx, &ph, &c.Topic, &c.Status, &sched, &c.Question, &c.Notes, &c.CreatedAt, &done)
	c.PrescriptionID, c.PharmacistID = postgres.Int64Ptr(rx), postgres.Int64Ptr(ph)
	c.ScheduledAt, c.CompletedAt = postgres.TimePtr(sched), postgres.TimePtr(done)
	return c, err
}

func (s *Store) Create(ctx context.Context, c *consultations.Consultation) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO consultations (customer_id, prescription_id, topic, status, question, created_at)
		VALUES ($1, $2, $3, $4, NULLIF($5, ''), now()) RETURNING id, created_at`,
		c.CustomerID, postgres.NullInt64(c.PrescriptionID), c.Topic, c.Status, c.Question).Scan(&c.ID, &c.CreatedAt)
}

func (s *Store) Get(ctx context.Context, id int64) (consultations.Consultation, error) {
	c, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM consultations WHERE id = $1`, id))
	if err != nil {
		return c, postgres.NotFound("consultations.Store.Get", err, "consultation", id)
	}
	return c, nil
}

func (s *Store) Update(ctx context.Context, c consultations.Consultation) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE consultations SET pharmacist_id = $2, status = $3, scheduled_at = $4, notes = NULLIF($5, ''), completed_at = $6
		WHERE id = $1`, c.ID, postgres.NullInt64(c.PharmacistID), c.Status, postgres.NullTime(c.ScheduledAt), c.Notes, postgres.NullTime(c.CompletedAt))
	return err
}

func (s *Store) Open(ctx context.Context) ([]consultations.Consultation, error) {
	return s.list(ctx, `SELECT `+cols+` FROM consultations WHERE status IN ('requested', 'offered') ORDER BY created_at LIMIT 200`)
}

func (s *Store) list(ctx context.Context, q string, args ...any) ([]consultations.Consultation, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []consultations.Consultation
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SlotTaken reports whether the pharmacist already has a session at t.
func (s *Store) SlotTaken(ctx context.Context, pharmacistID int64, t time.Time) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM consultations WHERE pharmacist_id = $1 AND scheduled_at = $2 AND status = 'scheduled'`,
		pharmacistID, t).Scan(&n)
	return n > 0, err
}

func (s *Store) Pharmacist(ctx context.Context, id int64) (consultations.Pharmacist, error) {
	var p consultations.Pharmacist
	var lic string
	err := s.db.QueryRowContext(ctx, `
		SELECT ph.id, ph.name, ph.start_hour, ph.end_hour, COALESCE(string_agg(l.state, ','), '')
		FROM pharmacists ph LEFT JOIN pharmacist_licenses l ON l.pharmacist_id = ph.id AND l.expires_on > now()
		WHERE ph.id = $1 GROUP BY ph.id`, id).Scan(&p.ID, &p.Name, &p.StartHour, &p.EndHour, &lic)
	if err != nil {
		return p, postgres.NotFound("consultations.Store.Pharmacist", err, "pharmacist", id)
	}
	if lic != "" {
		p.Licenses = strings.Split(lic, ",")
	}
	return p, nil
}

// PharmacistBySubject maps the SSO subject of a staff member to a pharmacist.
func (s *Store) PharmacistBySubject(ctx context.Context, subject string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM pharmacists WHERE sso_subject = $1 AND active`, subject).Scan(&id)
	if err != nil {
		return 0, postgres.NotFound("consultations.Store.PharmacistBySubject", err, "pharmacist", subject)
	}
	return id, nil
}
