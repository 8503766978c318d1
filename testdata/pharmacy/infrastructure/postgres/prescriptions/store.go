// Package prescriptions is the PostgreSQL store for prescriptions.
// Tables: prescriptions, prescription_fills, prescribers.
package prescriptions

import (
	"context"
	"database/sql"
	"time"

	"rxnow.health/backend/domain/prescriptions"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/errs"
)

// Store implements application/prescriptions.Repository.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const rxCols = `id, customer_id, prescriber_id, product_id, drug, sig, quantity, days_supply, refills_authorized, fill_count,
	dispense_as_written, dea_schedule, source, status, written_at, expires_at, verified_by, verified_at, reject_reason, last_filled_at`

func scanRx(row interface{ Scan(...any) error }) (prescriptions.Prescription, error) {
	var p prescriptions.Prescription
	var verifiedBy, reject sql.NullString
	var verifiedAt, lastFilled sql.NullTime
	err := row.Scan(&p.ID, &p.CustomerID, &p.PrescriberID, &p.ProductID, &p.Drug, &p.Sig, &p.Quantity, &p.DaysSupply,
		&p.RefillsAuthorized, &p.FillCount, &p.DispenseAsWritten, &p.Schedule, &p.Source, &p.Status, &p.WrittenAt, &p.ExpiresAt,
		&verifiedBy, &verifiedAt, &reject, &lastFilled)
	p.VerifiedBy, p.RejectReason = verifiedBy.String, reject.String
	p.VerifiedAt, p.LastFilledAt = postgres.TimePtr(verifiedAt), postgres.TimePtr(lastFilled)
	return p, err
}

func (s *Store) Create(ctx context.Context, p *prescriptions.Prescription) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO prescriptions (customer_id, prescriber_id, product_id, drug, sig, quantity, days_supply, refills_authorized,
		       fill_count, dispense_as_written, dea_schedule, source, status, written_at, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $13, $14, now()) RETURNING id`,
		p.CustomerID, p.PrescriberID, p.ProductID, p.Drug, p.Sig, p.Quantity, p.DaysSupply, p.RefillsAuthorized,
		p.DispenseAsWritten, p.Schedule, p.Source, p.Status, p.WrittenAt, p.ExpiresAt).Scan(&p.ID)
}

func (s *Store) Get(ctx context.Context, id int64) (prescriptions.Prescription, error) {
	p, err := scanRx(s.db.QueryRowContext(ctx, `SELECT `+rxCols+` FROM prescriptions WHERE id = $1`, id))
	if err != nil {
		return p, postgres.NotFound("prescriptions.Store.Get", err, "prescription", id)
	}
	return p, nil
}

func (s *Store) UpdateStatus(ctx context.Context, p prescriptions.Prescription) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE prescriptions SET status = $2, verified_by = NULLIF($3, ''), verified_at = $4, reject_reason = NULLIF($5, '')
		WHERE id = $1`, p.ID, p.Status, p.VerifiedBy, postgres.NullTime(p.VerifiedAt), p.RejectReason)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("prescriptions.Store.UpdateStatus", "prescription %d not found", p.ID)
	}
	return nil
}

// SaveFill records a fill and bumps the counters atomically. The
// fill_count guard protects against two pharmacists filling at once.
func (s *Store) SaveFill(ctx context.Context, p prescriptions.Prescription, f *prescriptions.Fill) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE prescriptions SET fill_count = $2, last_filled_at = $3, status = $4
			WHERE id = $1 AND fill_count = $2 - 1`, p.ID, p.FillCount, postgres.NullTime(p.LastFilledAt), p.Status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflictf("prescriptions.Store.SaveFill", "prescription %d was filled concurrently", p.ID)
		}
		return tx.QueryRowContext(ctx, `
			INSERT INTO prescription_fills (prescription_id, order_id, quantity, days_supply, filled_by, lot_number, filled_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			f.PrescriptionID, f.OrderID, f.Quantity, f.DaysSupply, f.FilledBy, f.LotNumber, f.FilledAt).Scan(&f.ID)
	})
}

// ExpireStale flips verified prescriptions past their expiry date.
func (s *Store) ExpireStale(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE prescriptions SET status = 'expired' WHERE status IN ('received', 'verified') AND expires_at <= $1`, now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

const prescriberCols = `id, npi, dea, first_name, last_name, state, taxonomy, verified, verified_at, deactivated`

func scanPrescriber(row interface{ Scan(...any) error }) (prescriptions.Prescriber, error) {
	var p prescriptions.Prescriber
	var dea, taxonomy sql.NullString
	var at sql.NullTime
	err := row.Scan(&p.ID, &p.NPI, &dea, &p.FirstName, &p.LastName, &p.State, &taxonomy, &p.Verified, &at, &p.Deactivated)
	p.DEA, p.Taxonomy, p.VerifiedAt = dea.String, taxonomy.String, postgres.TimePtr(at)
	return p, err
}

func (s *Store) GetPrescriber(ctx context.Context, id int64) (prescriptions.Prescriber, error) {
	p, err := scanPrescriber(s.db.QueryRowContext(ctx, `SELECT `+prescriberCols+` FROM prescribers WHERE id = $1`, id))
	if err != nil {
		return p, postgres.NotFound("prescriptions.Store.GetPrescriber", err, "prescriber", id)
	}
	return p, nil
}

func (s *Store) GetPrescriberByNPI(ctx context.Context, npi string) (prescriptions.Prescriber, error) {
	p, err := scanPrescriber(s.db.QueryRowContext(ctx, `SELECT `+prescriberCols+` FROM prescribers WHERE npi = $1`, npi))
	if err != nil {
		return p, postgres.NotFound("prescriptions.Store.GetPrescriberByNPI", err, "prescriber NPI", npi)
	}
	return p, nil
}

// UpsertPrescriber inserts or refreshes a prescriber keyed by NPI.
func (s *Store) UpsertPrescriber(ctx context.Context, p *prescriptions.Prescriber) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO prescribers (npi, dea, first_name, last_name, state, taxonomy, verified, verified_at, deactivated)
		VALUES ($1, NULLIF($2, ''), $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (npi) DO UPDATE SET dea = COALESCE(EXCLUDED.dea, prescribers.dea), first_name = EXCLUDED.first_name,
		       last_name = EXCLUDED.last_name, state = EXCLUDED.state, taxonomy = EXCLUDED.taxonomy,
		       verified = EXCLUDED.verified, verified_at = EXCLUDED.verified_at, deactivated = EXCLUDED.deactivated
		RETURNING id`,
		p.NPI, p.DEA, p.FirstName, p.LastName, p.State, p.Taxonomy, p.Verified, postgres.NullTime(p.VerifiedAt), p.Deactivated).Scan(&p.ID)
}
