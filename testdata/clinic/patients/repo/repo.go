// Package repo is the MySQL access for the patients and allergies tables.
package repo

import (
	"context"
	"database/sql"
	"errors"

	"github.com/acme/clinic/patients/model"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

// ErrNotFound is returned when no patient matches.
var ErrNotFound = errors.New("patient not found")

const patientColumns = `id, mrn, first_name, last_name, date_of_birth, sex, phone, email,
	insurer_code, policy_number, sms_opt_out, created_at, updated_at`

// Repo reads and writes patients.
type Repo struct {
	db *sql.DB
}

func New(db *sql.DB) *Repo { return &Repo{db: db} }

func scanPatient(s database.Scanner) (model.PatientRow, error) {
	var r model.PatientRow
	err := s.Scan(&r.ID, &r.MRN, &r.FirstName, &r.LastName, &r.DateOfBirth, &r.Sex,
		&r.Phone, &r.Email, &r.InsurerCode, &r.PolicyNumber, &r.SMSOptOut, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

func (r *Repo) Get(ctx context.Context, id domain.PatientID) (model.PatientRow, error) {
	const op errs.Op = "repo.Get"
	row := r.db.QueryRowContext(ctx,
		`SELECT `+patientColumns+` FROM patients WHERE id = ? AND deleted_at IS NULL`, string(id))
	p, err := scanPatient(row)
	if errors.Is(err, sql.ErrNoRows) {
		return p, errs.E(op, errs.KindNotFound, ErrNotFound)
	}
	return p, errs.Wrap(op, err)
}

func (r *Repo) Insert(ctx context.Context, p model.PatientRow) error {
	const op errs.Op = "repo.Insert"
	_, err := r.db.ExecContext(ctx, `INSERT INTO patients
		(id, mrn, first_name, last_name, date_of_birth, sex, phone, email, insurer_code, policy_number, sms_opt_out, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.MRN, p.FirstName, p.LastName, p.DateOfBirth, p.Sex, p.Phone, p.Email,
		p.InsurerCode, p.PolicyNumber, p.SMSOptOut, p.CreatedAt, p.UpdatedAt)
	if database.IsDuplicate(err) {
		return errs.E(op, errs.KindConflict, err)
	}
	return errs.Wrap(op, err)
}

// ContactFor returns what outreach needs. Used by reminders.
func (r *Repo) ContactFor(ctx context.Context, id domain.PatientID) (model.ContactInfo, error) {
	const op errs.Op = "repo.ContactFor"
	var (
		c            model.ContactInfo
		first, last  string
		phone, email sql.NullString
	)
	err := r.db.QueryRowContext(ctx,
		`SELECT first_name, last_name, phone, email, sms_opt_out FROM patients WHERE id = ?`, string(id)).
		Scan(&first, &last, &phone, &email, &c.SMSOptOut)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E(op, errs.KindNotFound, ErrNotFound)
	}
	if err != nil {
		return c, errs.Wrap(op, err)
	}
	c.PatientID = id
	c.Name = first + " " + last
	c.Phone, c.Email = phone.String, email.String
	return c, nil
}
