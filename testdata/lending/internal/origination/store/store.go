// Package store persists offers, loan agreements and signed documents.
package store

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/origination/documents"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

// Agreement is a loan contract awaiting or bearing the borrower's signature.
type Agreement struct {
	ID            string    `json:"id"`
	OfferID       string    `json:"offer_id"`
	ApplicationID string    `json:"application_id"`
	BorrowerID    string    `json:"borrower_id"`
	PartnerID     string    `json:"partner_id,omitempty"`
	Status        string    `json:"status"`
	LoanID        string    `json:"loan_id,omitempty"`
	SignedIP      string    `json:"-"`
	CreatedAt     time.Time `json:"created_at"`
	SignedAt      time.Time `json:"signed_at,omitempty"`
}

func (s *Store) InsertOffers(ctx context.Context, offers []models.Offer) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		for _, o := range offers {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO loan_offers (id, application_id, amount_cents, term_months, apr_bps, origination_fee_bps,
					monthly_payment_cents, status, expires_at, created_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
				o.ID, o.ApplicationID, int64(o.Amount), o.TermMonths, o.APRBps, o.OriginationFeeBps,
				int64(o.MonthlyPayment), o.Status, o.ExpiresAt, o.CreatedAt); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) GetOffer(ctx context.Context, id string) (*models.Offer, error) {
	var o models.Offer
	var amt, pmt int64
	err := s.db.QueryRowContext(ctx, `
		SELECT id, application_id, amount_cents, term_months, apr_bps, origination_fee_bps, monthly_payment_cents,
			status, expires_at, created_at FROM loan_offers WHERE id = $1`, id).
		Scan(&o.ID, &o.ApplicationID, &amt, &o.TermMonths, &o.APRBps, &o.OriginationFeeBps, &pmt, &o.Status, &o.ExpiresAt, &o.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("offer %s not found", id)
	}
	o.Amount, o.MonthlyPayment = money.Cents(amt), money.Cents(pmt)
	return &o, err
}

// AcceptOffer marks the offer accepted, supersedes siblings and creates the agreement with its documents.
func (s *Store) AcceptOffer(ctx context.Context, o *models.Offer, a *Agreement, docs []documents.Document) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			UPDATE loan_offers SET status = CASE WHEN id = $1 THEN 'accepted' ELSE 'superseded' END
			WHERE application_id = $2 AND status = 'presented'`, o.ID, o.ApplicationID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO loan_agreements (id, offer_id, application_id, borrower_id, partner_id, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			a.ID, a.OfferID, a.ApplicationID, a.BorrowerID, db.NullString(a.PartnerID), a.Status, a.CreatedAt); err != nil {
			return err
		}
		for _, d := range docs {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO loan_documents (agreement_id, kind, title, body, sha256, created_at)
				VALUES ($1,$2,$3,$4,$5,now())`, a.ID, d.Kind, d.Title, d.Body, d.SHA256); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) GetAgreement(ctx context.Context, id string) (*Agreement, error) {
	var a Agreement
	var loanID, partnerID sql.NullString
	var signed sql.NullTime
	err := s.db.QueryRowContext(ctx, `
		SELECT id, offer_id, application_id, borrower_id, partner_id, status, loan_id, created_at, signed_at
		FROM loan_agreements WHERE id = $1`, id).
		Scan(&a.ID, &a.OfferID, &a.ApplicationID, &a.BorrowerID, &partnerID, &a.Status, &loanID, &a.CreatedAt, &signed)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("agreement %s not found", id)
	}
	a.LoanID, a.PartnerID, a.SignedAt = loanID.String, partnerID.String, signed.Time
	return &a, err
}

// Documents lists an agreement's documents.
func (s *Store) Documents(ctx context.Context, agreementID string) ([]documents.Document, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT kind, title, body, sha256 FROM loan_documents WHERE agreement_id = $1 ORDER BY kind`, agreementID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []documents.Document
	for rows.Next() {
		var d documents.Document
		if err := rows.Scan(&d.Kind, &d.Title, &d.Body, &d.SHA256); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MarkSigned records the signature and the booked loan, and closes the application.
func (s *Store) MarkSigned(ctx context.Context, agreementID, applicationID, loanID, ip string, at time.Time) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE loan_agreements SET status = 'signed', loan_id = $2, signed_ip = $3, signed_at = $4
			WHERE id = $1 AND status = 'pending_signature'`, agreementID, loanID, ip, at)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflict("agreement %s already signed", agreementID)
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE loan_applications SET status = 'booked', updated_at = now() WHERE id = $1`, applicationID)
		return err
	})
}

// BookedForPartner lists signed agreements for a partner in a period (commission input).
func (s *Store) BookedForPartner(ctx context.Context, partnerID string, from, to time.Time) ([]Agreement, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.id, a.offer_id, a.application_id, a.borrower_id, a.loan_id, a.signed_at
		FROM loan_agreements a WHERE a.partner_id = $1 AND a.status = 'signed' AND a.signed_at >= $2 AND a.signed_at < $3
		ORDER BY a.signed_at`, partnerID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Agreement
	for rows.Next() {
		a := Agreement{PartnerID: partnerID, Status: "signed"}
		if err := rows.Scan(&a.ID, &a.OfferID, &a.ApplicationID, &a.BorrowerID, &a.LoanID, &a.SignedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
