package repo

import (
	"context"

	"github.com/acme/clinic/patients/model"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

func (r *Repo) Allergies(ctx context.Context, id domain.PatientID) ([]model.Allergy, error) {
	const op errs.Op = "repo.Allergies"
	rows, err := r.db.QueryContext(ctx, `SELECT id, patient_id, substance, reaction, severity, recorded_by, recorded_at
		FROM allergies WHERE patient_id = ? AND retracted_at IS NULL ORDER BY recorded_at`, string(id))
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	var out []model.Allergy
	for rows.Next() {
		var a model.Allergy
		var pid, sev, by string
		if err := rows.Scan(&a.ID, &pid, &a.Substance, &a.Reaction, &sev, &by, &a.RecordedAt); err != nil {
			return nil, errs.Wrap(op, err)
		}
		a.PatientID, a.Severity, a.RecordedBy = domain.PatientID(pid), model.Severity(sev), domain.StaffID(by)
		out = append(out, a)
	}
	return out, errs.Wrap(op, rows.Err())
}

func (r *Repo) AddAllergy(ctx context.Context, a model.Allergy) (int64, error) {
	const op errs.Op = "repo.AddAllergy"
	res, err := r.db.ExecContext(ctx, `INSERT INTO allergies (patient_id, substance, reaction, severity, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		string(a.PatientID), a.Substance, a.Reaction, string(a.Severity), string(a.RecordedBy), a.RecordedAt)
	if err != nil {
		return 0, errs.Wrap(op, err)
	}
	id, err := res.LastInsertId()
	return id, errs.Wrap(op, err)
}
