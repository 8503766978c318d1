// Package kyc runs identity verification against the KYC vendor and records
// every check for audit.
package kyc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
)

// Result is the normalized vendor verdict.
type Result struct {
	CheckID       string           `json:"check_id"`
	Status        models.KYCStatus `json:"status"`
	IdentityScore float64          `json:"identity_score"`
	WatchlistHit  bool             `json:"watchlist_hit"`
	Flags         []string         `json:"flags"`
}

type vendorResponse struct {
	Reference string   `json:"reference"`
	Score     float64  `json:"score"`
	OFAC      bool     `json:"ofac_match"`
	Flags     []string `json:"flags"`
}

// Checker calls the vendor and persists kyc_checks.
type Checker struct {
	baseURL string
	apiKey  string
	http    *http.Client
	db      db.Querier
}

func NewChecker(baseURL, apiKey string, q db.Querier) *Checker {
	return &Checker{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 15 * time.Second}, db: q}
}

// Run verifies a borrower. Watchlist hits always fail; low scores go to review.
func (c *Checker) Run(ctx context.Context, b *models.Borrower) (*Result, error) {
	body, _ := json.Marshal(map[string]any{
		"first_name": b.FirstName, "last_name": b.LastName, "dob": b.DateOfBirth.Format("2006-01-02"),
		"ssn_token": b.SSNToken, "address": b.Address, "phone": b.Phone, "email": b.Email,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/verifications", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, errs.Upstream("kyc vendor: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, errs.Upstream("kyc vendor status %d", resp.StatusCode)
	}
	var vr vendorResponse
	if err := json.NewDecoder(resp.Body).Decode(&vr); err != nil {
		return nil, errs.Upstream("kyc vendor decode: %v", err)
	}
	res := &Result{CheckID: ids.New("kyc"), IdentityScore: vr.Score, WatchlistHit: vr.OFAC, Flags: vr.Flags}
	res.Status = Classify(vr.Score, vr.OFAC, vr.Flags)
	flags, _ := json.Marshal(vr.Flags)
	_, err = c.db.ExecContext(ctx, `
		INSERT INTO kyc_checks (id, borrower_id, vendor_ref, score, watchlist_hit, flags, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
		res.CheckID, b.ID, vr.Reference, vr.Score, vr.OFAC, flags, string(res.Status))
	if err != nil {
		return nil, fmt.Errorf("kyc: record check: %w", err)
	}
	return res, nil
}

// Classify applies the KYC policy.
func Classify(score float64, watchlist bool, flags []string) models.KYCStatus {
	if watchlist {
		return models.KYCFailed
	}
	for _, f := range flags {
		if f == "deceased" || f == "synthetic_identity" {
			return models.KYCFailed
		}
	}
	switch {
	case score >= 0.80:
		return models.KYCVerified
	case score >= 0.50:
		return models.KYCReview
	default:
		return models.KYCFailed
	}
}

// LatestFor returns the most recent check for a borrower.
func (c *Checker) LatestFor(ctx context.Context, borrowerID string) (*Result, error) {
	var r Result
	var st string
	var flags []byte
	err := c.db.QueryRowContext(ctx, `
		SELECT id, score, watchlist_hit, flags, status FROM kyc_checks
		WHERE borrower_id = $1 ORDER BY created_at DESC LIMIT 1`, borrowerID).
		Scan(&r.CheckID, &r.IdentityScore, &r.WatchlistHit, &flags, &st)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("no kyc check for borrower %s", borrowerID)
	}
	if err != nil {
		return nil, err
	}
	r.Status = models.KYCStatus(st)
	_ = json.Unmarshal(flags, &r.Flags)
	return &r, nil
}
