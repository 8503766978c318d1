// Package giftcards redeems prepaid gift codes. Written for the 2020 holiday
// campaign and never ported to the services layout.
package giftcards

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/flickstream/api/legacy/util"
	"github.com/flickstream/api/pkg/ids"
)

// DB is set by cmd/api at start-up.
var DB *sql.DB

// DefaultPlan is the plan a gift card activates when the account has none.
var DefaultPlan = "standard"

var (
	ErrUnknownCode = errors.New("giftcards: unknown code")
	ErrRedeemed    = errors.New("giftcards: code already redeemed")
	ErrExpired     = errors.New("giftcards: code expired")
)

// Redeem applies a gift card to an account, extending (or creating) its subscription.
// It returns the new period end.
func Redeem(ctx context.Context, accountID, rawCode string) (time.Time, error) {
	code := util.NormalizeCode(rawCode)
	tx, err := DB.BeginTx(ctx, nil)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()

	var months int
	var redeemedAt sql.NullTime
	var expiresAt time.Time
	err = tx.QueryRowContext(ctx, `SELECT months, redeemed_at, expires_at FROM gift_cards WHERE code = $1 FOR UPDATE`, code).
		Scan(&months, &redeemedAt, &expiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		log.Printf("giftcards: unknown code %s for %s", util.MaskCard(code), accountID)
		return time.Time{}, ErrUnknownCode
	}
	if err != nil {
		return time.Time{}, err
	}
	if redeemedAt.Valid {
		return time.Time{}, ErrRedeemed
	}
	now := time.Now().UTC()
	if now.After(expiresAt) {
		return time.Time{}, ErrExpired
	}

	var subID string
	var periodEnd time.Time
	err = tx.QueryRowContext(ctx, `SELECT id, current_period_end FROM subscriptions
		WHERE account_id = $1 AND status IN ('active', 'trialing', 'past_due') ORDER BY created_at DESC LIMIT 1 FOR UPDATE`, accountID).
		Scan(&subID, &periodEnd)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		subID = ids.New(ids.Subscription)
		periodEnd = now.AddDate(0, months, 0)
		_, err = tx.ExecContext(ctx, `INSERT INTO subscriptions (id, account_id, plan_code, status, current_period_start,
			current_period_end, cancel_at_period_end, created_at) VALUES ($1, $2, $3, 'active', $4, $5, TRUE, $4)`,
			subID, accountID, DefaultPlan, now, periodEnd)
	case err == nil:
		if periodEnd.Before(now) {
			periodEnd = now
		}
		periodEnd = periodEnd.AddDate(0, months, 0)
		_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET current_period_end = $2, status = 'active', past_due_since = NULL
			WHERE id = $1`, subID, periodEnd)
	}
	if err != nil {
		return time.Time{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gift_cards SET redeemed_at = $2, redeemed_by = $3, subscription_id = $4 WHERE code = $1`,
		code, now, accountID, subID); err != nil {
		return time.Time{}, err
	}
	return periodEnd, tx.Commit()
}

// RedeemHandler serves POST /giftcards/redeem (form: account, code).
func RedeemHandler(w http.ResponseWriter, r *http.Request) {
	end, err := Redeem(r.Context(), r.FormValue("account"), r.FormValue("code"))
	switch {
	case errors.Is(err, ErrUnknownCode):
		http.Error(w, err.Error(), http.StatusNotFound)
	case errors.Is(err, ErrRedeemed), errors.Is(err, ErrExpired):
		http.Error(w, err.Error(), http.StatusConflict)
	case err != nil:
		http.Error(w, "internal error", http.StatusInternalServerError)
	default:
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok, paid through " + end.Format("2006-01-02")))
	}
}
