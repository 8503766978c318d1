// Package guardians is the data access for guardians and the
// student_guardians link table.
package guardians

import (
	"context"
	"database/sql"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

func (st *Store) ForStudent(ctx context.Context, studentID int64) ([]models.Guardian, error) {
	rows, err := st.DB.QueryContext(ctx, `
		SELECT g.id, g.first_name, g.last_name, g.email, g.phone, g.language,
		       sg.relationship, sg.has_custody, g.household_size
		FROM guardians g
		JOIN student_guardians sg ON sg.guardian_id = g.id
		WHERE sg.student_id = $1 AND sg.active
		ORDER BY sg.priority`, studentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Guardian
	for rows.Next() {
		var g models.Guardian
		if err := rows.Scan(&g.ID, &g.FirstName, &g.LastName, &g.Email, &g.Phone, &g.Language,
			&g.Relationship, &g.HasCustody, &g.HouseholdSize); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func (st *Store) Get(ctx context.Context, id int64) (*models.Guardian, error) {
	var g models.Guardian
	err := st.DB.QueryRowContext(ctx, `SELECT id, first_name, last_name, email, phone, language, household_size
		FROM guardians WHERE id = $1`, id).
		Scan(&g.ID, &g.FirstName, &g.LastName, &g.Email, &g.Phone, &g.Language, &g.HouseholdSize)
	if err != nil {
		return nil, db.NotFound(err, "guardian", id)
	}
	return &g, nil
}

func (st *Store) FindByEmail(ctx context.Context, email string) (*models.Guardian, error) {
	var g models.Guardian
	err := st.DB.QueryRowContext(ctx, `SELECT id, first_name, last_name, email, phone, language
		FROM guardians WHERE lower(email) = lower($1)`, email).
		Scan(&g.ID, &g.FirstName, &g.LastName, &g.Email, &g.Phone, &g.Language)
	if err != nil {
		return nil, db.NotFound(err, "guardian", email)
	}
	return &g, nil
}

func (st *Store) Insert(ctx context.Context, q db.Querier, g *models.Guardian) error {
	return q.QueryRowContext(ctx, `INSERT INTO guardians (first_name, last_name, email, phone, language, household_size)
		VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
		g.FirstName, g.LastName, g.Email, g.Phone, g.Language, g.HouseholdSize).Scan(&g.ID)
}

func (st *Store) Link(ctx context.Context, q db.Querier, studentID, guardianID int64, relationship string, custody bool) error {
	_, err := q.ExecContext(ctx, `INSERT INTO student_guardians (student_id, guardian_id, relationship, has_custody, priority, active)
		VALUES ($1, $2, $3, $4,
		        (SELECT coalesce(max(priority), 0) + 1 FROM student_guardians WHERE student_id = $1), true)
		ON CONFLICT (student_id, guardian_id) DO UPDATE SET relationship = $3, has_custody = $4, active = true`,
		studentID, guardianID, relationship, custody)
	return err
}

func (st *Store) Unlink(ctx context.Context, studentID, guardianID int64) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE student_guardians SET active = false
		WHERE student_id = $1 AND guardian_id = $2`, studentID, guardianID)
	return err
}

func (st *Store) UpdateContact(ctx context.Context, g models.Guardian) error {
	res, err := st.DB.ExecContext(ctx, `UPDATE guardians SET email = $2, phone = $3, language = $4, updated_at = now()
		WHERE id = $1`, g.ID, g.Email, g.Phone, g.Language)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return db.NotFound(sql.ErrNoRows, "guardian", g.ID)
	}
	return nil
}

func (st *Store) UpdateHousehold(ctx context.Context, guardianID int64, size int, incomeCents int64) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE guardians SET household_size = $2, household_income_cents = $3,
		updated_at = now() WHERE id = $1`, guardianID, size, incomeCents)
	return err
}
