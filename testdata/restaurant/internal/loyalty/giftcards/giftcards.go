// Package giftcards issues, reloads and redeems stored-value gift cards.
package giftcards

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/big"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
)

// MaxBalance is the legal cap on a card's balance.
const MaxBalance = money.Cents(50000)

// Service manages gift cards.
type Service struct{ db *sql.DB }

// New returns a Service.
func New(conn *sql.DB) *Service { return &Service{db: conn} }

// Issue creates a card with an opening balance.
func (s *Service) Issue(ctx context.Context, amount money.Cents, soldAt int64) (*models.GiftCard, error) {
	if amount <= 0 || amount > MaxBalance {
		return nil, errs.Invalid("amount must be between $0.01 and %s", MaxBalance)
	}
	c := &models.GiftCard{Number: newNumber(), Balance: amount, Active: true}
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO gift_cards (number, balance, active, issued_at, issued_location_id) VALUES ($1, $2, true, now(), $3)
			 RETURNING id, issued_at`, c.Number, amount, soldAt).Scan(&c.ID, &c.IssuedAt); err != nil {
			return err
		}
		return txn(ctx, tx, c.ID, amount, "issue", 0)
	})
	return c, err
}

// Balance returns the card.
func (s *Service) Balance(ctx context.Context, number string) (*models.GiftCard, error) {
	var c models.GiftCard
	err := s.db.QueryRowContext(ctx, `SELECT id, number, balance, issued_at, active FROM gift_cards WHERE number = $1`, number).
		Scan(&c.ID, &c.Number, &c.Balance, &c.IssuedAt, &c.Active)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("gift card not found")
	}
	return &c, err
}

// Reload adds value to a card.
func (s *Service) Reload(ctx context.Context, number string, amount money.Cents) (*models.GiftCard, error) {
	c, err := s.Balance(ctx, number)
	if err != nil {
		return nil, err
	}
	if !c.Active || amount <= 0 || c.Balance+amount > MaxBalance {
		return nil, errs.Invalid("cannot reload this card by %s", amount)
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE gift_cards SET balance = balance + $2 WHERE id = $1`, c.ID, amount); err != nil {
			return err
		}
		return txn(ctx, tx, c.ID, amount, "reload", 0)
	})
	c.Balance += amount
	return c, err
}

// Redeem debits up to amount from the card against an order and records
// the tender on the check. Returns the amount applied and the payment id.
func (s *Service) Redeem(ctx context.Context, number string, amount money.Cents, orderID, locationID int64) (money.Cents, int64, error) {
	var applied money.Cents
	var paymentID int64
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var id int64
		var bal money.Cents
		var active bool
		if err := tx.QueryRowContext(ctx,
			`SELECT id, balance, active FROM gift_cards WHERE number = $1 FOR UPDATE`, number).Scan(&id, &bal, &active); err != nil {
			return errs.NotFound("gift card not found")
		}
		if !active || bal <= 0 {
			return errs.Conflict("gift card has no balance")
		}
		applied = min(bal, amount)
		if _, err := tx.ExecContext(ctx, `UPDATE gift_cards SET balance = balance - $2 WHERE id = $1`, id, applied); err != nil {
			return err
		}
		if err := txn(ctx, tx, id, -applied, "redeem", orderID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx,
			`INSERT INTO payments (order_id, location_id, tender, amount, tip, reference, status, created_at)
			 VALUES ($1, $2, 'gift_card', $3, 0, $4, 'captured', now()) RETURNING id`,
			orderID, locationID, applied, "GC-"+number[len(number)-4:]).Scan(&paymentID)
	})
	return applied, paymentID, err
}

func txn(ctx context.Context, tx *sql.Tx, cardID int64, delta money.Cents, kind string, orderID int64) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO gift_card_txns (gift_card_id, delta, kind, order_id, created_at) VALUES ($1, $2, $3, $4, now())`,
		cardID, delta, kind, db.NullInt64(orderID))
	return err
}

// newNumber returns a 16 digit card number with a Luhn check digit.
func newNumber() string {
	digits := make([]int, 15)
	digits[0] = 6
	for i := 1; i < 15; i++ {
		n, _ := rand.Int(rand.Reader, big.NewInt(10))
		digits[i] = int(n.Int64())
	}
	sum := 0
	for i := 14; i >= 0; i-- {
		d := digits[i]
		if (14-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	s := ""
	for _, d := range digits {
		s += fmt.Sprint(d)
	}
	return s + fmt.Sprint((10-sum%10)%10)
}
