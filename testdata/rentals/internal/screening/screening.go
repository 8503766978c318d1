// Package screening orders tenant background/credit checks and applies our criteria.
package screening

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

const (
	RecommendApprove     = "approve"
	RecommendConditional = "conditional"
	RecommendDeny        = "deny"
)

// Criteria are the written screening criteria we publish to applicants.
type Criteria struct {
	MinCreditScore    int
	IncomeMultiple    int64 // monthly income must be >= rent * IncomeMultiple
	MaxEvictions      int
	ConditionalCredit int // between this and MinCreditScore -> extra deposit
}

var DefaultCriteria = Criteria{MinCreditScore: 620, IncomeMultiple: 3, MaxEvictions: 0, ConditionalCredit: 560}

type Service struct {
	conn     *sql.DB
	baseURL  string
	apiKey   string
	client   *http.Client
	criteria Criteria
}

func NewService(conn *sql.DB, baseURL, apiKey string) *Service {
	return &Service{conn: conn, baseURL: baseURL, apiKey: apiKey, client: &http.Client{Timeout: 45 * time.Second}, criteria: DefaultCriteria}
}

type providerResp struct {
	ReportID     string `json:"report_id"`
	CreditScore  int    `json:"credit_score"`
	Evictions    int    `json:"eviction_records"`
	CriminalHits int    `json:"criminal_records"`
	IncomeMatch  bool   `json:"income_verified"`
}

// Run orders a report for the application, evaluates it and stores the result.
func (s *Service) Run(ctx context.Context, app models.Application, rent money.Cents) (models.ScreeningReport, error) {
	body, _ := json.Marshal(map[string]any{
		"reference": app.ID, "name": app.ApplicantName, "email": app.Email,
		"ssn_last4": app.SSNLast4, "stated_income_cents": app.MonthlyIncome,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.baseURL+"/reports", bytes.NewReader(body))
	if err != nil {
		return models.ScreeningReport{}, err
	}
	req.Header.Set("X-Api-Key", s.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return models.ScreeningReport{}, fmt.Errorf("screening provider: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return models.ScreeningReport{}, fmt.Errorf("screening provider status %d", resp.StatusCode)
	}
	var pr providerResp
	if err := json.NewDecoder(resp.Body).Decode(&pr); err != nil {
		return models.ScreeningReport{}, err
	}
	r := models.ScreeningReport{
		ID: ids.New("scr"), ApplicationID: app.ID, Provider: "screenco:" + pr.ReportID,
		CreditScore: pr.CreditScore, Evictions: pr.Evictions, CriminalHits: pr.CriminalHits,
		IncomeVerified: pr.IncomeMatch, CompletedAt: time.Now().UTC(),
	}
	r.Recommendation = s.criteria.Evaluate(r, app.MonthlyIncome, rent)
	_, err = s.conn.ExecContext(ctx, `INSERT INTO screening_reports
		(id, application_id, provider, credit_score, evictions, criminal_hits, income_verified, recommendation, completed_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		r.ID, r.ApplicationID, r.Provider, r.CreditScore, r.Evictions, r.CriminalHits, r.IncomeVerified, r.Recommendation, r.CompletedAt)
	return r, err
}

// Evaluate applies the criteria. Criminal history is intentionally not a
// factor (fair-chance housing ordinances in several of our cities).
func (c Criteria) Evaluate(r models.ScreeningReport, income, rent money.Cents) string {
	if r.Evictions > c.MaxEvictions {
		return RecommendDeny
	}
	if int64(income) < int64(rent)*c.IncomeMultiple && !r.IncomeVerified {
		return RecommendDeny
	}
	switch {
	case r.CreditScore >= c.MinCreditScore:
		return RecommendApprove
	case r.CreditScore >= c.ConditionalCredit:
		return RecommendConditional
	}
	return RecommendDeny
}

func (s *Service) Latest(ctx context.Context, applicationID string) (models.ScreeningReport, error) {
	var r models.ScreeningReport
	err := s.conn.QueryRowContext(ctx, `SELECT id, application_id, provider, credit_score, evictions, criminal_hits,
		income_verified, recommendation, completed_at FROM screening_reports
		WHERE application_id = $1 ORDER BY completed_at DESC LIMIT 1`, applicationID).
		Scan(&r.ID, &r.ApplicationID, &r.Provider, &r.CreditScore, &r.Evictions, &r.CriminalHits, &r.IncomeVerified, &r.Recommendation, &r.CompletedAt)
	return r, db.Check(err, "screening report")
}
