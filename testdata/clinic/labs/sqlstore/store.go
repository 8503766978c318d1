// Package sqlstore persists lab orders and results.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/acme/clinic/labs/results"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

var ErrOrderNotFound = errors.New("lab order not found")

type Store struct {
	db *sql.DB
}

func New(db *sql.DB) *Store { return &Store{db: db} }

// CreateOrder writes the order header and one row per test.
func (s *Store) CreateOrder(ctx context.Context, o domain.LabOrder) error {
	return database.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO lab_orders
			(id, patient_id, ordered_by, appointment_id, priority, notes, status, ordered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			string(o.ID), string(o.PatientID), string(o.OrderedBy), database.NullString(string(o.AppointmentID)),
			o.Priority, o.Notes, string(o.Status), o.OrderedAt)
		if err != nil {
			return errs.Wrap("labstore.CreateOrder", err)
		}
		for _, code := range o.TestCodes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO lab_order_tests (order_id, test_code) VALUES (?, ?)`,
				string(o.ID), code); err != nil {
				return errs.Wrap("labstore.CreateOrder", err)
			}
		}
		return nil
	})
}

const orderCols = `o.id, o.patient_id, o.ordered_by, o.appointment_id, o.priority, o.notes, o.status,
	o.ordered_at, o.collected_at, o.resulted_at, GROUP_CONCAT(t.test_code ORDER BY t.test_code)`

func scanOrder(sc database.Scanner) (domain.LabOrder, error) {
	var o domain.LabOrder
	var id, pid, by, st string
	var appt, codes sql.NullString
	var collected, resulted sql.NullTime
	if err := sc.Scan(&id, &pid, &by, &appt, &o.Priority, &o.Notes, &st, &o.OrderedAt, &collected, &resulted, &codes); err != nil {
		return o, err
	}
	o.ID, o.PatientID, o.OrderedBy = domain.LabOrderID(id), domain.PatientID(pid), domain.StaffID(by)
	o.AppointmentID, o.Status = domain.AppointmentID(appt.String), domain.LabOrderStatus(st)
	o.CollectedAt, o.ResultedAt = database.TimePtr(collected), database.TimePtr(resulted)
	if codes.String != "" {
		o.TestCodes = strings.Split(codes.String, ",")
	}
	return o, nil
}

func (s *Store) queryOrders(ctx context.Context, where string, args ...any) ([]domain.LabOrder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderCols+` FROM lab_orders o
		LEFT JOIN lab_order_tests t ON t.order_id = o.id
		WHERE `+where+` GROUP BY o.id ORDER BY o.ordered_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.LabOrder
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Store) GetOrder(ctx context.Context, id domain.LabOrderID) (domain.LabOrder, error) {
	list, err := s.queryOrders(ctx, `o.id = ?`, string(id))
	if err != nil {
		return domain.LabOrder{}, errs.Wrap("labstore.GetOrder", err)
	}
	if len(list) == 0 {
		return domain.LabOrder{}, errs.E("labstore.GetOrder", errs.KindNotFound, ErrOrderNotFound)
	}
	return list[0], nil
}

func (s *Store) ForAppointment(ctx context.Context, id domain.AppointmentID) ([]domain.LabOrder, error) {
	list, err := s.queryOrders(ctx, `o.appointment_id = ? AND o.status <> 'cancelled'`, string(id))
	return list, errs.Wrap("labstore.ForAppointment", err)
}

// StaleCollected lists orders collected before cutoff and still waiting.
func (s *Store) StaleCollected(ctx context.Context, cutoff time.Time) ([]domain.LabOrder, error) {
	list, err := s.queryOrders(ctx, `o.status IN ('collected', 'in_progress') AND o.collected_at < ?`, cutoff)
	return list, errs.Wrap("labstore.StaleCollected", err)
}

// SaveStatus persists the status and time stamps of o.
func (s *Store) SaveStatus(ctx context.Context, o domain.LabOrder) error {
	_, err := s.db.ExecContext(ctx, `UPDATE lab_orders SET status = ?, collected_at = ?, resulted_at = ? WHERE id = ?`,
		string(o.Status), o.CollectedAt, o.ResultedAt, string(o.ID))
	return errs.Wrap("labstore.SaveStatus", err)
}

func (s *Store) SaveResult(ctx context.Context, r results.Result) error {
	return database.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, o := range r.Observations {
			_, err := tx.ExecContext(ctx, `INSERT INTO lab_results
				(order_id, test_code, analyte, value, unit, flag, ref_low, ref_high, verified_by, resulted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				string(r.OrderID), r.TestCode, o.Analyte, o.Value, o.Unit, string(o.Flag), o.RefLow, o.RefHigh,
				string(r.VerifiedBy), r.ResultedAt)
			if err != nil {
				return errs.Wrap("labstore.SaveResult", err)
			}
		}
		return nil
	})
}

// ResultedTests returns the test codes on an order that have results.
func (s *Store) ResultedTests(ctx context.Context, id domain.LabOrderID) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT test_code FROM lab_results WHERE order_id = ?`, string(id))
	if err != nil {
		return nil, errs.Wrap("labstore.ResultedTests", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}

// Demographics returns sex and date of birth for reference ranges.
//
// This reads the patients table directly: going through the patients
// service for every result was too slow on the analyzer interface.
func (s *Store) Demographics(ctx context.Context, pid domain.PatientID) (domain.Sex, time.Time, error) {
	var sex string
	var dob time.Time
	err := s.db.QueryRowContext(ctx, `SELECT sex, date_of_birth FROM patients WHERE id = ?`, string(pid)).Scan(&sex, &dob)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.SexUnknown, dob, errs.Errorf("labstore.Demographics", errs.KindNotFound, "patient %s not found", pid)
	}
	return domain.Sex(sex), dob, errs.Wrap("labstore.Demographics", err)
}
