// Package repo stores staff members.
package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

var ErrNoSuchStaff = errors.New("no such staff member")

type StaffRepo struct {
	db *sql.DB
}

func NewStaffRepo(db *sql.DB) *StaffRepo { return &StaffRepo{db: db} }

const cols = `id, first_name, last_name, role, email, phone, department, active, hired_at`

func scan(s database.Scanner) (domain.StaffMember, error) {
	var m domain.StaffMember
	var id, role string
	var phone, dept sql.NullString
	if err := s.Scan(&id, &m.FirstName, &m.LastName, &role, &m.Email, &phone, &dept, &m.Active, &m.HiredAt); err != nil {
		return m, err
	}
	m.ID, m.Role, m.Phone, m.Department = domain.StaffID(id), domain.Role(role), phone.String, dept.String
	return m, nil
}

func (r *StaffRepo) Get(ctx context.Context, id domain.StaffID) (domain.StaffMember, error) {
	m, err := scan(r.db.QueryRowContext(ctx, `SELECT `+cols+` FROM staff_members WHERE id = ?`, string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return m, errs.E("staffrepo.Get", errs.KindNotFound, fmt.Errorf("%w: %s", ErrNoSuchStaff, id))
	}
	return m, errs.Wrap("staffrepo.Get", err)
}

func (r *StaffRepo) Insert(ctx context.Context, m domain.StaffMember) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO staff_members (`+cols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(m.ID), m.FirstName, m.LastName, string(m.Role), m.Email,
		database.NullString(m.Phone), database.NullString(m.Department), m.Active, m.HiredAt)
	if database.IsDuplicate(err) {
		return errs.Errorf("staffrepo.Insert", errs.KindConflict, "email %s already in use", m.Email)
	}
	return errs.Wrap("staffrepo.Insert", err)
}
