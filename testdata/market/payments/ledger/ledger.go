// Package ledger records payments and a double-entry ledger of money owed to
// sellers (tables: payments, ledger_entries).
package ledger

import (
	"context"
	"database/sql"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Payment struct {
	ID         string
	CheckoutID string
	BuyerID    string
	ChargeID   string
	Amount     money.Money
	Status     models.PaymentStatus
	CreatedAt  time.Time
}

type EntryKind string

const (
	EntrySale      EntryKind = "sale"
	EntryFee       EntryKind = "platform_fee"
	EntryRefund    EntryKind = "refund"
	EntryPayout    EntryKind = "payout"
	EntryAdjustmnt EntryKind = "adjustment"
)

type Entry struct {
	ShopID  string
	OrderID string
	Kind    EntryKind
	Amount  money.Money // positive = owed to seller
	At      time.Time
}

type Ledger struct{ db db.DBTX }

func New(d db.DBTX) *Ledger { return &Ledger{db: d} }

func (l *Ledger) WithTx(tx *sql.Tx) *Ledger { return &Ledger{db: tx} }

func (l *Ledger) CreatePayment(ctx context.Context, p *Payment) error {
	if p.ID == "" {
		p.ID = ids.New(ids.Payment)
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO payments (id, checkout_id, buyer_id, charge_id, amount_cents, currency, status, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, p.ID, p.CheckoutID, p.BuyerID, p.ChargeID,
		p.Amount.Cents, string(p.Amount.Currency), string(p.Status), p.CreatedAt)
	return errs.Wrap(err, "ledger.CreatePayment")
}

func (l *Ledger) GetPayment(ctx context.Context, id string) (*Payment, error) {
	var p Payment
	var cents int64
	var cur, status string
	err := l.db.QueryRowContext(ctx, `SELECT id, checkout_id, buyer_id, charge_id, amount_cents, currency, status, created_at
		FROM payments WHERE id=$1`, id).Scan(&p.ID, &p.CheckoutID, &p.BuyerID, &p.ChargeID, &cents, &cur, &status, &p.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("ledger.GetPayment", "payment")
	}
	p.Amount = money.New(cents, money.Currency(cur))
	p.Status = models.PaymentStatus(status)
	return &p, errs.Wrap(err, "ledger.GetPayment")
}

func (l *Ledger) SetPaymentStatus(ctx context.Context, id string, s models.PaymentStatus) error {
	_, err := l.db.ExecContext(ctx, `UPDATE payments SET status=$2 WHERE id=$1`, id, string(s))
	return errs.Wrap(err, "ledger.SetPaymentStatus")
}

func (l *Ledger) Post(ctx context.Context, entries ...Entry) error {
	for _, e := range entries {
		if e.At.IsZero() {
			e.At = time.Now().UTC()
		}
		if _, err := l.db.ExecContext(ctx, `INSERT INTO ledger_entries (shop_id, order_id, kind, amount_cents, currency, created_at)
			VALUES ($1,$2,$3,$4,$5,$6)`, e.ShopID, db.NullString(e.OrderID), string(e.Kind),
			e.Amount.Cents, string(e.Amount.Currency), e.At); err != nil {
			return errs.Wrap(err, "ledger.Post")
		}
	}
	return nil
}

// RecordSale posts the gross sale and the platform fee for one order.
func (l *Ledger) RecordSale(ctx context.Context, shopID, orderID string, gross money.Money, feeBps int64) error {
	fee := gross.Bps(feeBps)
	return l.Post(ctx,
		Entry{ShopID: shopID, OrderID: orderID, Kind: EntrySale, Amount: gross},
		Entry{ShopID: shopID, OrderID: orderID, Kind: EntryFee, Amount: money.New(-fee.Cents, fee.Currency)},
	)
}

// Balance is the amount currently owed to the shop, grouped by currency.
func (l *Ledger) Balance(ctx context.Context, shopID string) (map[money.Currency]money.Money, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT currency, COALESCE(SUM(amount_cents),0) FROM ledger_entries
		WHERE shop_id=$1 GROUP BY currency`, shopID)
	if err != nil {
		return nil, errs.Wrap(err, "ledger.Balance")
	}
	defer rows.Close()
	out := map[money.Currency]money.Money{}
	for rows.Next() {
		var cur string
		var cents int64
		if err := rows.Scan(&cur, &cents); err != nil {
			return nil, errs.Wrap(err, "ledger.Balance")
		}
		out[money.Currency(cur)] = money.New(cents, money.Currency(cur))
	}
	return out, rows.Err()
}

// ShopsWithBalance lists shops whose balance in any currency is >= min cents.
func (l *Ledger) ShopsWithBalance(ctx context.Context, minCents int64) ([]string, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT shop_id FROM ledger_entries GROUP BY shop_id, currency
		HAVING SUM(amount_cents) >= $1`, minCents)
	if err != nil {
		return nil, errs.Wrap(err, "ledger.ShopsWithBalance")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
