// Package repo persists prescriptions and dispensing records.
package repo

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/acme/clinic/pharmacy/inventory"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

var ErrNotFound = errors.New("prescription not found")

type Repo struct {
	db *sql.DB
}

func New(db *sql.DB) *Repo { return &Repo{db: db} }

func (r *Repo) DB() *sql.DB { return r.db }

const rxCols = `id, patient_id, prescriber_id, drug_code, drug_name, dose, frequency, quantity, refills, schedule, status, written_at, expires_at`

func scanRx(sc database.Scanner) (domain.Prescription, error) {
	var p domain.Prescription
	var id, pid, by, st string
	err := sc.Scan(&id, &pid, &by, &p.DrugCode, &p.DrugName, &p.Dose, &p.Frequency, &p.Quantity, &p.Refills,
		&p.Schedule, &st, &p.WrittenAt, &p.ExpiresAt)
	p.ID, p.PatientID, p.PrescriberID, p.Status = domain.PrescriptionID(id), domain.PatientID(pid), domain.StaffID(by), domain.PrescriptionStatus(st)
	return p, err
}

func (r *Repo) Insert(ctx context.Context, p domain.Prescription) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO prescriptions (`+rxCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(p.ID), string(p.PatientID), string(p.PrescriberID), p.DrugCode, p.DrugName, p.Dose, p.Frequency,
		p.Quantity, p.Refills, p.Schedule, string(p.Status), p.WrittenAt, p.ExpiresAt)
	return errs.Wrap("rxrepo.Insert", err)
}

func (r *Repo) Get(ctx context.Context, q database.Querier, id domain.PrescriptionID) (domain.Prescription, error) {
	if q == nil {
		q = r.db
	}
	p, err := scanRx(q.QueryRowContext(ctx, `SELECT `+rxCols+` FROM prescriptions WHERE id = ?`, string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errs.E("rxrepo.Get", errs.KindNotFound, ErrNotFound)
	}
	return p, errs.Wrap("rxrepo.Get", err)
}

func (r *Repo) ActiveForPatient(ctx context.Context, pid domain.PatientID, asOf time.Time) ([]domain.Prescription, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT `+rxCols+` FROM prescriptions
		WHERE patient_id = ? AND status IN ('active', 'dispensed') AND expires_at > ? ORDER BY written_at`, string(pid), asOf)
	if err != nil {
		return nil, errs.Wrap("rxrepo.ActiveForPatient", err)
	}
	defer rows.Close()
	var out []domain.Prescription
	for rows.Next() {
		p, err := scanRx(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// RecordDispense writes the dispensation and moves the prescription on:
// a refill is used up, or the prescription is fully dispensed.
func (r *Repo) RecordDispense(ctx context.Context, tx *sql.Tx, p domain.Prescription, pharmacist domain.StaffID,
	allocs []inventory.Allocation, at time.Time) (int64, error) {
	lots := make([]string, len(allocs))
	for i, a := range allocs {
		lots[i] = a.Lot
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO dispensations (prescription_id, pharmacist_id, quantity, lots, dispensed_at)
		VALUES (?, ?, ?, ?, ?)`, string(p.ID), string(pharmacist), p.Quantity, strings.Join(lots, ","), at)
	if err != nil {
		return 0, errs.Wrap("rxrepo.RecordDispense", err)
	}
	id, _ := res.LastInsertId()
	status, refills := domain.RxActive, p.Refills-1
	if p.Refills == 0 {
		status, refills = domain.RxDispensed, 0
	}
	_, err = tx.ExecContext(ctx, `UPDATE prescriptions SET status = ?, refills = ? WHERE id = ?`, string(status), refills, string(p.ID))
	return id, errs.Wrap("rxrepo.RecordDispense", err)
}

func (r *Repo) SetStatus(ctx context.Context, id domain.PrescriptionID, st domain.PrescriptionStatus) error {
	res, err := r.db.ExecContext(ctx, `UPDATE prescriptions SET status = ? WHERE id = ?`, string(st), string(id))
	if err != nil {
		return errs.Wrap("rxrepo.SetStatus", err)
	}
	return errs.E("rxrepo.SetStatus", errs.KindNotFound, database.Affected(res, ErrNotFound))
}

// ExpireOlderThan marks prescriptions past their expiry.
func (r *Repo) ExpireOlderThan(ctx context.Context, t time.Time) (int64, error) {
	res, err := r.db.ExecContext(ctx, `UPDATE prescriptions SET status = 'expired' WHERE status = 'active' AND expires_at <= ?`, t)
	if err != nil {
		return 0, errs.Wrap("rxrepo.ExpireOlderThan", err)
	}
	return res.RowsAffected()
}
