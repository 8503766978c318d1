// Package invoice issues invoices and collects payment for them.
package invoice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/dailyherald/newsroom/internal/billing/gateway"
	"github.com/dailyherald/newsroom/internal/billing/ledger"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/money"
	"github.com/dailyherald/newsroom/pkg/pricing"
)

type Service struct {
	DB      *sql.DB
	Gateway *gateway.Client
	Bus     events.Publisher
	Clock   clock.Clock
}

// SubscriptionCharge is what the subscriptions context asks us to bill.
type SubscriptionCharge struct {
	ReaderID       string
	SubscriptionID string
	Description    string
	Price          money.Money
	Discount       money.Money
	Credit         money.Money // proration credit from a plan change
	Country        string
	PeriodStart    time.Time
	PeriodEnd      time.Time
}

func (s *Service) nextNumber(ctx context.Context, q db.Querier) (string, error) {
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT nextval('invoice_number_seq')`).Scan(&n); err != nil {
		return "", err
	}
	return fmt.Sprintf("DH-%d-%06d", s.Clock.Now().Year(), n), nil
}

func (s *Service) CreateForSubscription(ctx context.Context, c SubscriptionCharge) (*models.Invoice, error) {
	lines := []models.InvoiceLine{{
		Description: fmt.Sprintf("%s (%s – %s)", c.Description, c.PeriodStart.Format("2 Jan 2006"), c.PeriodEnd.Format("2 Jan 2006")),
		Quantity:    1, UnitAmount: c.Price, Amount: c.Price,
	}}
	gross := c.Price
	if !c.Discount.IsZero() {
		lines = append(lines, models.InvoiceLine{Description: "Promotional discount", Quantity: 1, UnitAmount: c.Discount.Mul(-1), Amount: c.Discount.Mul(-1)})
		gross = gross.Sub(c.Discount)
	}
	if !c.Credit.IsZero() {
		lines = append(lines, models.InvoiceLine{Description: "Credit for unused time on previous plan", Quantity: 1, UnitAmount: c.Credit.Mul(-1), Amount: c.Credit.Mul(-1)})
		gross = gross.Sub(c.Credit)
	}
	if gross.IsNegative() {
		gross = money.Zero(gross.Currency)
	}
	b := pricing.VATInclusive(gross, c.Country)
	inv := &models.Invoice{
		ID: ids.New("inv"), ReaderID: c.ReaderID, SubscriptionID: c.SubscriptionID, Status: models.InvoiceOpen,
		Net: b.Net, Tax: b.Tax, Total: b.Gross, Lines: lines, DueAt: c.PeriodStart, CreatedAt: s.Clock.Now(),
	}
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		if inv.Number, err = s.nextNumber(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO invoices (id, number, reader_id, subscription_id, status, net_cents, tax_cents, total_cents, currency, due_at, created_at)
			VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10)`,
			inv.ID, inv.Number, inv.ReaderID, db.NullString(inv.SubscriptionID), inv.Net.Cents, inv.Tax.Cents,
			inv.Total.Cents, inv.Total.Currency, inv.DueAt, inv.CreatedAt); err != nil {
			return err
		}
		for i, l := range lines {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_amount_cents, amount_cents)
				VALUES ($1, $2, $3, $4, $5, $6)`, inv.ID, i, l.Description, l.Quantity, l.UnitAmount.Cents, l.Amount.Cents); err != nil {
				return err
			}
		}
		return ledger.Post(ctx, tx, "invoice", inv.ID,
			ledger.Debit(ledger.AccountReceivable, b.Gross, inv.Number),
			ledger.Credit(ledger.AccountSubscriptionRev, b.Net, inv.Number),
			ledger.Credit(ledger.AccountVATPayable, b.Tax, inv.Number))
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

func (s *Service) Get(ctx context.Context, id string) (*models.Invoice, error) {
	var inv models.Invoice
	var cur string
	var paid sql.NullTime
	var sub, reader sql.NullString
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, number, reader_id, subscription_id, status, net_cents, tax_cents, total_cents, currency, due_at, paid_at, created_at
		FROM invoices WHERE id = $1`, id).Scan(&inv.ID, &inv.Number, &reader, &sub, &inv.Status,
		&inv.Net.Cents, &inv.Tax.Cents, &inv.Total.Cents, &cur, &inv.DueAt, &paid, &inv.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("invoice %s not found", id)
	}
	if err != nil {
		return nil, err
	}
	inv.ReaderID, inv.SubscriptionID = reader.String, sub.String
	inv.Net.Currency, inv.Tax.Currency, inv.Total.Currency = cur, cur, cur
	if paid.Valid {
		inv.PaidAt = &paid.Time
	}
	return &inv, nil
}

func (s *Service) ListForReader(ctx context.Context, readerID string) ([]models.Invoice, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id, number, status, total_cents, currency, due_at, created_at FROM invoices
		WHERE reader_id = $1 ORDER BY created_at DESC LIMIT 100`, readerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		inv := models.Invoice{ReaderID: readerID}
		if err := rows.Scan(&inv.ID, &inv.Number, &inv.Status, &inv.Total.Cents, &inv.Total.Currency, &inv.DueAt, &inv.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}
