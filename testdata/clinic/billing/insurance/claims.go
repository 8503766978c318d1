package insurance

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
)

type ClaimStatus string

const (
	ClaimPending  ClaimStatus = "pending"
	ClaimAccepted ClaimStatus = "accepted"
	ClaimRejected ClaimStatus = "rejected"
	ClaimPaid     ClaimStatus = "paid"
)

type Claim struct {
	ID           string
	InvoiceID    domain.InvoiceID
	PatientID    domain.PatientID
	InsurerCode  string
	PolicyNumber string
	AmountCents  int64
	Status       ClaimStatus
	ExternalRef  string
	SubmittedAt  time.Time
}

// NewClaim drafts a claim for the plan's share of an invoice.
func NewClaim(inv domain.Invoice, p domain.Patient, planCents int64, at time.Time) Claim {
	return Claim{
		ID: idgen.New("clm"), InvoiceID: inv.ID, PatientID: p.ID,
		InsurerCode: p.InsurerCode, PolicyNumber: p.PolicyNumber,
		AmountCents: planCents, Status: ClaimPending, SubmittedAt: at,
	}
}

// Clearinghouse submits claims electronically.
type Clearinghouse interface {
	Submit(ctx context.Context, c Claim) (ref string, err error)
}

// HTTPClearinghouse talks to the clearinghouse's JSON API.
type HTTPClearinghouse struct {
	BaseURL string
	APIKey  string
	Client  *http.Client
}

func (h *HTTPClearinghouse) Submit(ctx context.Context, c Claim) (string, error) {
	const op errs.Op = "insurance.Submit"
	body, _ := json.Marshal(map[string]any{
		"claim_id": c.ID, "payer": c.InsurerCode, "member_id": c.PolicyNumber,
		"amount": float64(c.AmountCents) / 100, "service_ref": string(c.InvoiceID),
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.BaseURL+"/v2/claims", bytes.NewReader(body))
	if err != nil {
		return "", errs.Wrap(op, err)
	}
	req.Header.Set("X-Api-Key", h.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.Client.Do(req)
	if err != nil {
		return "", errs.E(op, errs.KindUnavailable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnprocessableEntity {
		return "", errs.Errorf(op, errs.KindInvalid, "clearinghouse rejected claim %s", c.ID)
	}
	if resp.StatusCode >= 300 {
		return "", errs.Errorf(op, errs.KindUnavailable, "clearinghouse returned %s", resp.Status)
	}
	var out struct {
		Reference string `json:"reference"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", errs.Wrap(op, fmt.Errorf("decode response: %w", err))
	}
	return out.Reference, nil
}

// ClaimStore persists claims in insurance_claims.
type ClaimStore struct{ db *sql.DB }

func NewClaimStore(db *sql.DB) *ClaimStore { return &ClaimStore{db: db} }

func (s *ClaimStore) Insert(ctx context.Context, c Claim) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO insurance_claims
		(id, invoice_id, patient_id, insurer_code, policy_number, amount_cents, status, external_ref, submitted_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, string(c.InvoiceID), string(c.PatientID), c.InsurerCode, c.PolicyNumber, c.AmountCents,
		string(c.Status), c.ExternalRef, c.SubmittedAt)
	return errs.Wrap("insurance.ClaimStore.Insert", err)
}

func (s *ClaimStore) SetStatus(ctx context.Context, id string, st ClaimStatus, ref string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE insurance_claims SET status = ?, external_ref = COALESCE(NULLIF(?, ''), external_ref) WHERE id = ?`,
		string(st), ref, id)
	return errs.Wrap("insurance.ClaimStore.SetStatus", err)
}

func (s *ClaimStore) OpenForInvoice(ctx context.Context, inv domain.InvoiceID) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM insurance_claims WHERE invoice_id = ? AND status IN ('pending', 'accepted')`,
		string(inv)).Scan(&n)
	return n > 0, errs.Wrap("insurance.ClaimStore.OpenForInvoice", err)
}

// Accumulators approximates the patient's deductible and out-of-pocket
// progress for the plan year from what we have billed them ourselves.
func (s *ClaimStore) Accumulators(ctx context.Context, pid domain.PatientID, year int) (Accumulator, error) {
	var acc Accumulator
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	err := s.db.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(i.subtotal_cents - i.insurance_cents), 0),
			COALESCE(SUM(i.paid_cents), 0)
		FROM invoices i
		JOIN insurance_claims c ON c.invoice_id = i.id
		WHERE i.patient_id = ? AND i.issued_at >= ? AND i.issued_at < ? AND c.status <> 'rejected'`,
		string(pid), from, from.AddDate(1, 0, 0)).Scan(&acc.DeductibleMetCents, &acc.OutOfPocketMetCents)
	return acc, errs.Wrap("insurance.ClaimStore.Accumulators", err)
}
