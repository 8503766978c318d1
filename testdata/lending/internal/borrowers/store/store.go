// Package store persists borrowers and their bank accounts.
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
)

type Store struct {
	db db.Querier
}

func New(q db.Querier) *Store { return &Store{db: q} }

const borrowerCols = `b.id, b.first_name, b.last_name, b.email, b.phone, b.date_of_birth, b.ssn_last4,
	b.ssn_token, b.annual_income_cents, b.kyc_status, COALESCE(b.partner_id, ''), b.created_at,
	b.verified_at, b.time_zone, b.marketing_opt_in,
	a.line1, COALESCE(a.line2, ''), a.city, a.state, a.postal_code`

func scanBorrower(row interface{ Scan(...any) error }) (*models.Borrower, error) {
	var b models.Borrower
	var kyc string
	var verified sql.NullTime
	err := row.Scan(&b.ID, &b.FirstName, &b.LastName, &b.Email, &b.Phone, &b.DateOfBirth, &b.SSNLast4,
		&b.SSNToken, &b.AnnualIncome, &kyc, &b.PartnerID, &b.CreatedAt, &verified, &b.TimeZone, &b.MarketingOptIn,
		&b.Address.Line1, &b.Address.Line2, &b.Address.City, &b.Address.State, &b.Address.PostalCode)
	if err != nil {
		return nil, err
	}
	b.KYCStatus = models.KYCStatus(kyc)
	b.VerifiedAt = verified.Time
	return &b, nil
}

// Get loads a borrower with the current address.
func (s *Store) Get(ctx context.Context, id string) (*models.Borrower, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+borrowerCols+`
		FROM borrowers b JOIN borrower_addresses a ON a.borrower_id = b.id AND a.current
		WHERE b.id = $1`, id)
	b, err := scanBorrower(row)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("borrower %s not found", id)
	}
	return b, err
}

// FindByEmail is used for duplicate detection.
func (s *Store) FindByEmail(ctx context.Context, email string) (*models.Borrower, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+borrowerCols+`
		FROM borrowers b JOIN borrower_addresses a ON a.borrower_id = b.id AND a.current
		WHERE lower(b.email) = $1`, strings.ToLower(email))
	b, err := scanBorrower(row)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return b, err
}

// Create inserts the borrower and the first address.
func (s *Store) Create(ctx context.Context, b *models.Borrower) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO borrowers (id, first_name, last_name, email, phone, date_of_birth, ssn_last4, ssn_token,
			annual_income_cents, kyc_status, partner_id, time_zone, marketing_opt_in, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
		b.ID, b.FirstName, b.LastName, b.Email, b.Phone, b.DateOfBirth, b.SSNLast4, b.SSNToken,
		b.AnnualIncome, string(b.KYCStatus), db.NullString(b.PartnerID), b.TimeZone, b.MarketingOptIn, b.CreatedAt)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO borrower_addresses (borrower_id, line1, line2, city, state, postal_code, current, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,true,$7)`,
		b.ID, b.Address.Line1, db.NullString(b.Address.Line2), b.Address.City, b.Address.State, b.Address.PostalCode, b.CreatedAt)
	return err
}

// SetKYCStatus records the verification outcome.
func (s *Store) SetKYCStatus(ctx context.Context, id string, st models.KYCStatus, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE borrowers SET kyc_status = $2,
			verified_at = CASE WHEN $2 = 'verified' THEN $3 ELSE verified_at END
		WHERE id = $1`, id, string(st), at)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("borrower %s not found", id)
	}
	return nil
}

// AddBankAccount stores a tokenized bank account.
func (s *Store) AddBankAccount(ctx context.Context, a *models.BankAccount) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO borrower_bank_accounts (id, borrower_id, routing_number, account_last4, account_token, kind, verified, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
		a.ID, a.BorrowerID, a.RoutingNumber, a.AccountLast4, a.AccountToken, a.Kind, a.Verified, a.CreatedAt)
	return err
}

// PrimaryBankAccount returns the newest verified account.
func (s *Store) PrimaryBankAccount(ctx context.Context, borrowerID string) (*models.BankAccount, error) {
	var a models.BankAccount
	err := s.db.QueryRowContext(ctx, `
		SELECT id, borrower_id, routing_number, account_last4, account_token, kind, verified, created_at
		FROM borrower_bank_accounts WHERE borrower_id = $1 AND verified
		ORDER BY created_at DESC LIMIT 1`, borrowerID).
		Scan(&a.ID, &a.BorrowerID, &a.RoutingNumber, &a.AccountLast4, &a.AccountToken, &a.Kind, &a.Verified, &a.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("borrower %s has no verified bank account", borrowerID)
	}
	return &a, err
}
