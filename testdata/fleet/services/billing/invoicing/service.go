package invoicing

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/pricing"
	"gitlab.com/roadrunner/fleet/services/customers/account"
)

// Service drafts and issues invoices.
type Service struct {
	db        *sql.DB
	pricer    *pricing.Pricer
	contracts *contracts.Service
	customers *account.Service
	clock     clock.Clock
}

// New wires the service.
func New(db *sql.DB, p *pricing.Pricer, c *contracts.Service, customers *account.Service, clk clock.Clock) *Service {
	return &Service{db: db, pricer: p, contracts: c, customers: customers, clock: clk}
}

// uninvoicedTrips reads completed trips straight from dispatch's tables.
// TODO(billing): replace with an export from dispatch once it has one; the
// planner has no "list completed between" and we needed this for the first
// invoice run.
func (s *Service) uninvoicedTrips(ctx context.Context, customerID string, p clock.Period) ([]entities.TripSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, t.customer_id, COALESCE(t.reference, ''), t.class,
		t.planned_km, t.actual_km, t.completed_at, (SELECT count(*) FROM trip_stops s WHERE s.trip_id = t.id)
		FROM trips t
		WHERE t.customer_id = $1 AND t.status = 'completed' AND t.completed_at >= $2 AND t.completed_at < $3
		AND NOT EXISTS (SELECT 1 FROM invoice_trips it WHERE it.trip_id = t.id)
		ORDER BY t.completed_at`, customerID, p.From, p.To)
	if err != nil {
		return nil, err
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (entities.TripSummary, error) {
		var t entities.TripSummary
		err := r.Scan(&t.ID, &t.CustomerID, &t.Reference, &t.VehicleCls, &t.PlannedKm, &t.ActualKm, &t.CompletedAt, &t.Stops)
		return t, err
	})
}

// Draft builds a draft invoice for a customer's uninvoiced trips in p.
// It returns a zero Invoice when there is nothing to invoice.
func (s *Service) Draft(ctx context.Context, customerID string, p clock.Period) (Invoice, error) {
	const op = "invoicing.Draft"
	cust, err := s.customers.Get(ctx, customerID)
	if err != nil {
		return Invoice{}, errs.Wrap(op, err)
	}
	trips, err := s.uninvoicedTrips(ctx, customerID, p)
	if err != nil || len(trips) == 0 {
		return Invoice{}, errs.Wrap(op, err)
	}
	inv := Invoice{ID: ids.New(ids.Invoice), Customer: cust.Ref(), Period: p, Status: entities.InvoiceDraft,
		ReverseVAT: !strings.HasPrefix(cust.VATNumber, "NL")}
	for _, t := range trips {
		q, err := s.pricer.Trip(ctx, t)
		if err != nil {
			return Invoice{}, errs.Wrap(op, fmt.Errorf("trip %s: %w", t.ID, err))
		}
		inv.Lines = append(inv.Lines, q.Lines...)
		if inv.Net, err = inv.Net.Add(q.Total); err != nil {
			return Invoice{}, errs.Wrap(op, err)
		}
	}
	inv.VAT = money.Zero(inv.Net.Currency)
	if !inv.ReverseVAT {
		inv.VAT = inv.Net.Percent(VATRate)
	}
	lines, _ := json.Marshal(inv.Lines)
	err = dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (id, customer_id, period_from, period_to, lines,
			net_cents, vat_cents, currency, reverse_vat, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, inv.ID, customerID, p.From, p.To, lines,
			inv.Net.Cents, inv.VAT.Cents, inv.Net.Currency, inv.ReverseVAT, inv.Status, s.clock.Now()); err != nil {
			return err
		}
		for _, t := range trips {
			if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_trips (invoice_id, trip_id) VALUES ($1, $2)`,
				inv.ID, t.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return inv, errs.Wrap(op, err)
}

// Issue numbers a draft and sets its due date from the contract terms.
func (s *Service) Issue(ctx context.Context, id string) (Invoice, error) {
	const op = "invoicing.Issue"
	inv, err := s.Get(ctx, id)
	if err != nil {
		return inv, err
	}
	if inv.Status != entities.InvoiceDraft {
		return inv, errs.Conflict(op, "invoice is %s", inv.Status)
	}
	c, _, err := s.contracts.ActiveFor(ctx, inv.Customer.ID, inv.Period.To.Add(-time.Second))
	if err != nil {
		return inv, errs.Wrap(op, err)
	}
	now := s.clock.Now()
	year := now.In(clock.Local).Year()
	err = dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		var seq int
		if err := tx.QueryRowContext(ctx, `INSERT INTO invoice_numbers (year, last) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last = invoice_numbers.last + 1 RETURNING last`, year).Scan(&seq); err != nil {
			return err
		}
		inv.Number = fmt.Sprintf("RR-%d-%06d", year, seq)
		inv.IssuedAt, inv.DueAt, inv.Status = now, now.AddDate(0, 0, c.PaymentDays), entities.InvoiceIssued
		_, err := tx.ExecContext(ctx, `UPDATE invoices SET number = $1, status = $2, issued_at = $3, due_at = $4
			WHERE id = $5 AND status = 'draft'`, inv.Number, inv.Status, inv.IssuedAt, inv.DueAt, inv.ID)
		return err
	})
	return inv, errs.Wrap(op, err)
}

const invCols = `id, COALESCE(number, ''), customer_id, period_from, period_to, lines, net_cents, vat_cents,
	currency, reverse_vat, status, issued_at, due_at`

func scanInvoice(row interface{ Scan(...any) error }) (Invoice, error) {
	var (
		i           Invoice
		lines       []byte
		net, vat    int64
		cur         string
		issued, due sql.NullTime
	)
	err := row.Scan(&i.ID, &i.Number, &i.Customer.ID, &i.Period.From, &i.Period.To, &lines, &net, &vat, &cur,
		&i.ReverseVAT, &i.Status, &issued, &due)
	if err != nil {
		return i, err
	}
	i.Net, i.VAT, i.IssuedAt, i.DueAt = money.New(net, cur), money.New(vat, cur), issued.Time, due.Time
	return i, json.Unmarshal(lines, &i.Lines)
}

// Get loads an invoice.
func (s *Service) Get(ctx context.Context, id string) (Invoice, error) {
	inv, err := scanInvoice(s.db.QueryRowContext(ctx, `SELECT `+invCols+` FROM invoices WHERE id = $1`, id))
	if err != nil {
		return inv, dbx.NotFoundOr(err, "invoicing.Get", "invoice", id)
	}
	if ref, err := s.customers.Get(ctx, inv.Customer.ID); err == nil {
		inv.Customer = ref.Ref()
	}
	return inv, nil
}

// ForCustomer lists a customer's issued invoices, newest first.
func (s *Service) ForCustomer(ctx context.Context, customerID string) ([]entities.InvoiceHeader, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+invCols+` FROM invoices WHERE customer_id = $1
		AND status <> 'draft' ORDER BY issued_at DESC LIMIT 100`, customerID)
	if err != nil {
		return nil, errs.Wrap("invoicing.ForCustomer", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (entities.InvoiceHeader, error) {
		inv, err := scanInvoice(r)
		return inv.Header(), err
	})
}
