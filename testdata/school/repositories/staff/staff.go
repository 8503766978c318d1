// Package staff is the data access for staff, staff_certifications,
// staff_absences, substitute_pool and substitute_assignments.
package staff

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

func (st *Store) Get(ctx context.Context, id int64) (*models.Staff, error) {
	var s models.Staff
	var certs sql.NullString
	err := st.DB.QueryRowContext(ctx, `SELECT s.id, s.first_name, s.last_name, s.email, s.phone, s.role,
		coalesce(s.school_id, 0), s.active,
		(SELECT string_agg(c.area, ',') FROM staff_certifications c WHERE c.staff_id = s.id AND c.expires_on >= current_date)
		FROM staff s WHERE s.id = $1`, id).
		Scan(&s.ID, &s.FirstName, &s.LastName, &s.Email, &s.Phone, &s.Role, &s.SchoolID, &s.Active, &certs)
	if err != nil {
		return nil, db.NotFound(err, "staff", id)
	}
	if certs.Valid {
		s.Certifications = strings.Split(certs.String, ",")
	}
	return &s, nil
}

func (st *Store) Insert(ctx context.Context, s *models.Staff) error {
	return st.DB.QueryRowContext(ctx, `INSERT INTO staff (first_name, last_name, email, phone, role, school_id, active, hired_on)
		VALUES ($1,$2,$3,$4,$5,$6,true, current_date) RETURNING id`,
		s.FirstName, s.LastName, s.Email, s.Phone, s.Role, db.NullInt64(s.SchoolID)).Scan(&s.ID)
}

func (st *Store) AddCertification(ctx context.Context, staffID int64, area string, expires time.Time) error {
	_, err := st.DB.ExecContext(ctx, `INSERT INTO staff_certifications (staff_id, area, expires_on) VALUES ($1,$2,$3)
		ON CONFLICT (staff_id, area) DO UPDATE SET expires_on = $3`, staffID, area, expires)
	return err
}

func (st *Store) Deactivate(ctx context.Context, id int64) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE staff SET active = false, separated_on = current_date WHERE id = $1`, id)
	return err
}

func (st *Store) InsertAbsence(ctx context.Context, a *models.StaffAbsence) error {
	return st.DB.QueryRowContext(ctx, `INSERT INTO staff_absences (staff_id, date, reason, half_day, needs_sub, status, reported_at)
		VALUES ($1,$2,$3,$4,$5,$6, now()) RETURNING id`,
		a.StaffID, a.Date, a.Reason, a.HalfDay, a.NeedsSub, a.Status).Scan(&a.ID)
}

func (st *Store) Absence(ctx context.Context, id int64) (*models.StaffAbsence, error) {
	var a models.StaffAbsence
	err := st.DB.QueryRowContext(ctx, `SELECT id, staff_id, date, reason, half_day, needs_sub, status
		FROM staff_absences WHERE id = $1`, id).
		Scan(&a.ID, &a.StaffID, &a.Date, &a.Reason, &a.HalfDay, &a.NeedsSub, &a.Status)
	if err != nil {
		return nil, db.NotFound(err, "absence", id)
	}
	return &a, nil
}

func (st *Store) AbsenceDaysThisYear(ctx context.Context, staffID int64, since time.Time, reason string) (float64, error) {
	var days float64
	err := st.DB.QueryRowContext(ctx, `SELECT coalesce(sum(CASE WHEN half_day THEN 0.5 ELSE 1 END), 0)
		FROM staff_absences WHERE staff_id = $1 AND date >= $2 AND reason = $3 AND status <> 'cancelled'`,
		staffID, since, reason).Scan(&days)
	return days, err
}

func (st *Store) SetAbsenceStatus(ctx context.Context, q db.Querier, id int64, status string) error {
	_, err := q.ExecContext(ctx, `UPDATE staff_absences SET status = $2 WHERE id = $1`, id, status)
	return err
}

func (st *Store) OpenAbsences(ctx context.Context, date time.Time) ([]models.StaffAbsence, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT id, staff_id, date, reason, half_day, needs_sub, status
		FROM staff_absences WHERE date = $1 AND needs_sub AND status = 'open'`, date)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.StaffAbsence
	for rows.Next() {
		var a models.StaffAbsence
		if err := rows.Scan(&a.ID, &a.StaffID, &a.Date, &a.Reason, &a.HalfDay, &a.NeedsSub, &a.Status); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

type PoolMember struct {
	StaffID          int64
	Phone            string
	Certifications   []string
	PreferredSchools []int64
	DaysThisYear     int
}

// AvailableSubs lists active pool members with no assignment and no
// blackout on the date.
func (st *Store) AvailableSubs(ctx context.Context, date time.Time) ([]PoolMember, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT p.staff_id, s.phone,
		coalesce((SELECT string_agg(c.area, ',') FROM staff_certifications c WHERE c.staff_id = p.staff_id AND c.expires_on >= $1), ''),
		coalesce(array_to_string(p.preferred_school_ids, ','), ''),
		(SELECT count(*) FROM substitute_assignments sa WHERE sa.substitute_id = p.staff_id AND sa.status = 'accepted'
		   AND sa.date >= date_trunc('year', $1::date))
		FROM substitute_pool p JOIN staff s ON s.id = p.staff_id
		WHERE p.active AND s.active
		  AND NOT EXISTS (SELECT 1 FROM substitute_assignments sa WHERE sa.substitute_id = p.staff_id
		                  AND sa.date = $1 AND sa.status IN ('offered', 'accepted'))
		  AND NOT EXISTS (SELECT 1 FROM substitute_blackouts b WHERE b.staff_id = p.staff_id AND b.date = $1)`, date)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PoolMember
	for rows.Next() {
		var m PoolMember
		var certs, schools string
		if err := rows.Scan(&m.StaffID, &m.Phone, &certs, &schools, &m.DaysThisYear); err != nil {
			return nil, err
		}
		if certs != "" {
			m.Certifications = strings.Split(certs, ",")
		}
		for _, s := range strings.Split(schools, ",") {
			if id, err := parseID(s); err == nil {
				m.PreferredSchools = append(m.PreferredSchools, id)
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (st *Store) InsertAssignment(ctx context.Context, q db.Querier, a *models.SubAssignment) error {
	return q.QueryRowContext(ctx, `INSERT INTO substitute_assignments (absence_id, substitute_id, section_id, date, status, offered_at)
		VALUES ($1,$2,$3,$4,$5, now()) RETURNING id`,
		a.AbsenceID, a.SubstituteID, db.NullInt64(a.SectionID), a.Date, a.Status).Scan(&a.ID)
}

func (st *Store) Assignment(ctx context.Context, id int64) (*models.SubAssignment, error) {
	var a models.SubAssignment
	err := st.DB.QueryRowContext(ctx, `SELECT id, absence_id, substitute_id, coalesce(section_id, 0), date, status
		FROM substitute_assignments WHERE id = $1`, id).
		Scan(&a.ID, &a.AbsenceID, &a.SubstituteID, &a.SectionID, &a.Date, &a.Status)
	if err != nil {
		return nil, db.NotFound(err, "substitute assignment", id)
	}
	return &a, nil
}

func (st *Store) SetAssignmentStatus(ctx context.Context, q db.Querier, absenceID, subID int64, status string) error {
	_, err := q.ExecContext(ctx, `UPDATE substitute_assignments SET status = $3, responded_at = now()
		WHERE absence_id = $1 AND substitute_id = $2`, absenceID, subID, status)
	return err
}

func parseID(s string) (int64, error) {
	var n int64
	if s == "" {
		return 0, sql.ErrNoRows
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, sql.ErrNoRows
		}
		n = n*10 + int64(r-'0')
	}
	return n, nil
}
