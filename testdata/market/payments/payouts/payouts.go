// Package payouts transfers sellers' ledger balances to their bank accounts
// on a schedule (table: payouts).
package payouts

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

// MinimumPayoutCents avoids paying transfer fees on tiny balances.
const MinimumPayoutCents = 1000

type Payout struct {
	ID         string      `json:"id"`
	ShopID     string      `json:"shop_id"`
	Amount     money.Money `json:"amount"`
	TransferID string      `json:"transfer_id"`
	Status     string      `json:"status"`
	CreatedAt  time.Time   `json:"created_at"`
}

type Runner struct {
	pool   *sql.DB
	ledger *ledger.Ledger
	gw     *gateway.Client
	shops  *shopsvc.Service
	log    *slog.Logger
}

func NewRunner(pool *sql.DB, gw *gateway.Client, shops *shopsvc.Service, log *slog.Logger) *Runner {
	return &Runner{pool: pool, ledger: ledger.New(pool), gw: gw, shops: shops, log: log.With("job", "payouts")}
}

// RunOnce pays every eligible shop. It is safe to re-run: transfers are
// idempotent per shop/currency/day.
func (r *Runner) RunOnce(ctx context.Context, day time.Time) (int, error) {
	shopIDs, err := r.ledger.ShopsWithBalance(ctx, MinimumPayoutCents)
	if err != nil {
		return 0, err
	}
	paid := 0
	for _, shopID := range shopIDs {
		sh, err := r.shops.Get(ctx, shopID)
		if err != nil {
			r.log.Warn("skip payout: shop lookup", "shop", shopID, "err", err)
			continue
		}
		if !sh.CanSell() {
			continue
		}
		bal, err := r.ledger.Balance(ctx, shopID)
		if err != nil {
			return paid, err
		}
		for cur, amt := range bal {
			if amt.Cents < MinimumPayoutCents {
				continue
			}
			if err := r.payOne(ctx, shopID, sh.PayoutAccount, day, cur, amt); err != nil {
				r.log.Error("payout failed", "shop", shopID, "currency", cur, "err", err)
				continue
			}
			paid++
		}
	}
	return paid, nil
}

func (r *Runner) payOne(ctx context.Context, shopID, account string, day time.Time, cur money.Currency, amt money.Money) error {
	idem := fmt.Sprintf("po-%s-%s-%s", shopID, cur, day.Format("20060102"))
	transferID, err := r.gw.Transfer(ctx, idem, account, amt)
	if err != nil {
		return err
	}
	p := Payout{ID: ids.New(ids.Payout), ShopID: shopID, Amount: amt, TransferID: transferID,
		Status: "sent", CreatedAt: time.Now().UTC()}
	return db.WithTx(ctx, r.pool, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payouts (id, shop_id, amount_cents, currency, transfer_id, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, p.ID, p.ShopID, amt.Cents, string(cur), transferID, p.Status, p.CreatedAt); err != nil {
			return errs.Wrap(err, "payouts.insert")
		}
		return r.ledger.WithTx(tx).Post(ctx, ledger.Entry{ShopID: shopID, Kind: ledger.EntryPayout,
			Amount: money.New(-amt.Cents, cur), At: p.CreatedAt})
	})
}

func (r *Runner) History(ctx context.Context, shopID string, limit int) ([]Payout, error) {
	rows, err := r.pool.QueryContext(ctx, `SELECT id, shop_id, amount_cents, currency, transfer_id, status, created_at
		FROM payouts WHERE shop_id=$1 ORDER BY created_at DESC LIMIT $2`, shopID, limit)
	if err != nil {
		return nil, errs.Wrap(err, "payouts.History")
	}
	defer rows.Close()
	var out []Payout
	for rows.Next() {
		var p Payout
		var cents int64
		var cur string
		if err := rows.Scan(&p.ID, &p.ShopID, &cents, &cur, &p.TransferID, &p.Status, &p.CreatedAt); err != nil {
			return nil, err
		}
		p.Amount = money.New(cents, money.Currency(cur))
		out = append(out, p)
	}
	return out, rows.Err()
}

func (r *Runner) Loop(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n, err := r.RunOnce(ctx, now.UTC())
			r.log.Info("payout run", "paid", n, "err", err)
		}
	}
}
