// Package sqlstore persists invoices, lines and payments.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

var ErrInvoiceNotFound = errors.New("invoice not found")

type Store struct {
	db *sql.DB
}

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) DB() *sql.DB { return s.db }

// Create inserts an invoice and its lines inside tx.
func (s *Store) Create(ctx context.Context, tx *sql.Tx, inv domain.Invoice) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO invoices
		(id, patient_id, appointment_id, status, subtotal_cents, tax_cents, insurance_cents, paid_cents, issued_at, due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(inv.ID), string(inv.PatientID), database.NullString(string(inv.AppointmentID)), string(inv.Status),
		inv.SubtotalCents, inv.TaxCents, inv.InsuranceCents, inv.PaidCents, inv.IssuedAt, inv.DueAt)
	if err != nil {
		return errs.Wrap("billingstore.Create", err)
	}
	for i, l := range inv.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, line_no, code, description, quantity, unit_cents)
			VALUES (?, ?, ?, ?, ?, ?)`, string(inv.ID), i+1, l.Code, l.Description, l.Quantity, l.UnitCents); err != nil {
			return errs.Wrap("billingstore.Create", err)
		}
	}
	return nil
}

const invCols = `id, patient_id, appointment_id, status, subtotal_cents, tax_cents, insurance_cents, paid_cents, issued_at, due_at`

func scanInvoice(sc database.Scanner) (domain.Invoice, error) {
	var inv domain.Invoice
	var id, pid, st string
	var appt sql.NullString
	err := sc.Scan(&id, &pid, &appt, &st, &inv.SubtotalCents, &inv.TaxCents, &inv.InsuranceCents, &inv.PaidCents, &inv.IssuedAt, &inv.DueAt)
	inv.ID, inv.PatientID, inv.AppointmentID, inv.Status = domain.InvoiceID(id), domain.PatientID(pid), domain.AppointmentID(appt.String), domain.InvoiceStatus(st)
	return inv, err
}

func (s *Store) Get(ctx context.Context, id domain.InvoiceID) (domain.Invoice, error) {
	const op errs.Op = "billingstore.Get"
	inv, err := scanInvoice(s.db.QueryRowContext(ctx, `SELECT `+invCols+` FROM invoices WHERE id = ?`, string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, errs.E(op, errs.KindNotFound, ErrInvoiceNotFound)
	}
	if err != nil {
		return inv, errs.Wrap(op, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT code, description, quantity, unit_cents FROM invoice_lines
		WHERE invoice_id = ? ORDER BY line_no`, string(id))
	if err != nil {
		return inv, errs.Wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var l domain.InvoiceLine
		if err := rows.Scan(&l.Code, &l.Description, &l.Quantity, &l.UnitCents); err != nil {
			return inv, errs.Wrap(op, err)
		}
		inv.Lines = append(inv.Lines, l)
	}
	return inv, errs.Wrap(op, rows.Err())
}

func (s *Store) ExistsForAppointment(ctx context.Context, appt domain.AppointmentID, code string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
		WHERE i.appointment_id = ? AND i.status <> 'void' AND (? = '' OR l.code = ?)`, string(appt), code, code).Scan(&n)
	return n > 0, errs.Wrap("billingstore.ExistsForAppointment", err)
}

// AddPayment records a payment and updates the invoice totals.
func (s *Store) AddPayment(ctx context.Context, tx *sql.Tx, inv domain.Invoice, amount int64, method, ref string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments (invoice_id, amount_cents, method, reference, received_at)
		VALUES (?, ?, ?, ?, ?)`, string(inv.ID), amount, method, ref, at); err != nil {
		return errs.Wrap("billingstore.AddPayment", err)
	}
	return s.UpdateTotals(ctx, tx, inv)
}

func (s *Store) UpdateTotals(ctx context.Context, tx *sql.Tx, inv domain.Invoice) error {
	_, err := tx.ExecContext(ctx, `UPDATE invoices SET status = ?, insurance_cents = ?, paid_cents = ? WHERE id = ?`,
		string(inv.Status), inv.InsuranceCents, inv.PaidCents, string(inv.ID))
	return errs.Wrap("billingstore.UpdateTotals", err)
}

// MarkAppointmentBilled stamps the appointment so it is not invoiced twice.
// FIXME(billing): this writes scheduling's table; ask them for an API.
func (s *Store) MarkAppointmentBilled(ctx context.Context, tx *sql.Tx, appt domain.AppointmentID, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE appointments SET billed_at = ? WHERE id = ? AND billed_at IS NULL`, at, string(appt))
	if err != nil {
		return errs.Wrap("billingstore.MarkAppointmentBilled", err)
	}
	return errs.E("billingstore.MarkAppointmentBilled", errs.KindConflict,
		database.Affected(res, errors.New("appointment already billed")))
}
