// Package wallet is Zipcab Cash: a prepaid/credit balance per rider, backed by
// a double-entry-ish ledger. Written with sqlx when the payments team moved
// off hand-rolled scanning.
package wallet

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/httpx"
	"github.com/zipcab/backend/pkg/money"
)

// Reason codes for ledger entries.
const (
	ReasonTopUp       = "top_up"
	ReasonTripPayment = "trip_payment"
	ReasonFoodPayment = "food_payment"
	ReasonReferral    = "referral_credit"
	ReasonPromo       = "promo_credit"
	ReasonRefund      = "refund"
)

// ErrInsufficientFunds is returned when a debit exceeds the balance.
var ErrInsufficientFunds = errs.E(errs.KindPaymentRequired, "wallet.debit", "insufficient wallet balance")

// Account is a row of wallet_accounts.
type Account struct {
	ID        int64     `db:"id" json:"id"`
	RiderID   int64     `db:"rider_id" json:"rider_id"`
	Balance   int64     `db:"balance" json:"balance"`
	Currency  string    `db:"currency" json:"currency"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
}

// Entry is a row of wallet_entries.
type Entry struct {
	ID        int64     `db:"id" json:"id"`
	AccountID int64     `db:"account_id" json:"-"`
	Amount    int64     `db:"amount" json:"amount"`
	Reason    string    `db:"reason" json:"reason"`
	Ref       string    `db:"ref" json:"ref"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Service manages wallet balances.
type Service struct {
	db       *sqlx.DB
	currency string
}

// New returns a wallet service.
func New(db *sqlx.DB, currency string) *Service { return &Service{db: db, currency: currency} }

// Balance returns the rider's balance (zero if no account).
func (s *Service) Balance(ctx context.Context, riderID int64) (money.Money, error) {
	var a Account
	err := s.db.GetContext(ctx, &a, `SELECT id, rider_id, balance, currency, updated_at FROM wallet_accounts WHERE rider_id = $1`, riderID)
	if errors.Is(err, sql.ErrNoRows) {
		return money.Zero(s.currency), nil
	}
	if err != nil {
		return money.Money{}, errs.Wrap("wallet.balance", err)
	}
	return money.New(a.Balance, a.Currency), nil
}

// Credit adds funds. ref makes the call idempotent.
func (s *Service) Credit(ctx context.Context, riderID int64, amt money.Money, reason, ref string) error {
	if amt.Amount <= 0 {
		return errs.Invalid("wallet.credit", "amount must be positive")
	}
	return s.post(ctx, riderID, amt.Amount, reason, ref)
}

// Debit removes funds, failing if the balance is insufficient.
func (s *Service) Debit(ctx context.Context, riderID int64, amt money.Money, reason, ref string) error {
	if amt.Amount <= 0 {
		return errs.Invalid("wallet.debit", "amount must be positive")
	}
	return s.post(ctx, riderID, -amt.Amount, reason, ref)
}

func (s *Service) post(ctx context.Context, riderID, delta int64, reason, ref string) error {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return errs.Wrap("wallet.post", err)
	}
	defer tx.Rollback() //nolint:errcheck

	var a Account
	err = tx.GetContext(ctx, &a, `SELECT id, rider_id, balance, currency, updated_at FROM wallet_accounts WHERE rider_id = $1 FOR UPDATE`, riderID)
	if errors.Is(err, sql.ErrNoRows) {
		a = Account{RiderID: riderID, Currency: s.currency}
		if err = tx.GetContext(ctx, &a.ID, `INSERT INTO wallet_accounts (rider_id, balance, currency, updated_at) VALUES ($1, 0, $2, now()) RETURNING id`, riderID, s.currency); err != nil {
			return errs.Wrap("wallet.post", err)
		}
	} else if err != nil {
		return errs.Wrap("wallet.post", err)
	}
	var dup int
	if err := tx.GetContext(ctx, &dup, `SELECT COUNT(*) FROM wallet_entries WHERE account_id = $1 AND ref = $2`, a.ID, ref); err != nil {
		return errs.Wrap("wallet.post", err)
	}
	if dup > 0 {
		return nil // already applied
	}
	if a.Balance+delta < 0 {
		return ErrInsufficientFunds
	}
	e := Entry{AccountID: a.ID, Amount: delta, Reason: reason, Ref: ref}
	if _, err := tx.NamedExecContext(ctx,
		`INSERT INTO wallet_entries (account_id, amount, reason, ref, created_at) VALUES (:account_id, :amount, :reason, :ref, now())`, e); err != nil {
		return errs.Wrap("wallet.post", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE wallet_accounts SET balance = balance + $2, updated_at = now() WHERE id = $1`, a.ID, delta); err != nil {
		return errs.Wrap("wallet.post", err)
	}
	return tx.Commit()
}

// Handler exposes the rider's wallet.
type Handler struct{ svc *Service }

// NewHandler returns a handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	mux.Handle("GET /v1/wallet", signer.Middleware(auth.RoleRider)(http.HandlerFunc(h.get)))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	bal, err := h.svc.Balance(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"balance": bal})
}
