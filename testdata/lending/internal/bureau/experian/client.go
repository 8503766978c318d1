// Package experian is the HTTP client for the credit bureau's consumer API.
package experian

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
)

type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 20 * time.Second}}
}

type inquiry struct {
	FirstName   string         `json:"firstName"`
	LastName    string         `json:"lastName"`
	SSNToken    string         `json:"ssnToken"`
	DOB         string         `json:"dob"`
	Address     models.Address `json:"currentAddress"`
	Permissible string         `json:"permissiblePurpose"`
	Hard        bool           `json:"hardInquiry"`
}

type report struct {
	ReportID string `json:"reportId"`
	Frozen   bool   `json:"securityFreeze"`
	Score    struct {
		Model string `json:"model"`
		Value int    `json:"value"`
	} `json:"riskModel"`
	Inquiries6    int `json:"inquiriesLast6Months"`
	PublicRecords []struct {
		Type string `json:"type"`
	} `json:"publicRecords"`
	Trades []struct {
		Subscriber  string  `json:"subscriberName"`
		AccountType string  `json:"accountType"`
		Balance     float64 `json:"balanceAmount"`
		Payment     float64 `json:"monthlyPaymentAmount"`
		DPD         int     `json:"daysPastDue"`
		Opened      string  `json:"openDate"`
	} `json:"tradelines"`
}

// Pull requests a credit report. Hard pulls require the application's consent.
func (c *Client) Pull(ctx context.Context, b *models.Borrower, hard bool) (*models.CreditReport, string, error) {
	body, _ := json.Marshal(inquiry{
		FirstName: b.FirstName, LastName: b.LastName, SSNToken: b.SSNToken,
		DOB: b.DateOfBirth.Format("2006-01-02"), Address: b.Address, Permissible: "credit_transaction", Hard: hard,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/credit-report", bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, "", errs.Upstream("bureau: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", errs.Upstream("bureau: status %d", resp.StatusCode)
	}
	var rep report
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		return nil, "", errs.Upstream("bureau: decode: %v", err)
	}
	cr := &models.CreditReport{
		BorrowerID: b.ID, Bureau: "experian", Score: rep.Score.Value, Inquiries6Mo: rep.Inquiries6,
		Frozen: rep.Frozen, PulledAt: time.Now().UTC(), PullType: "soft",
	}
	if hard {
		cr.PullType = "hard"
	}
	for _, pr := range rep.PublicRecords {
		if pr.Type == "bankruptcy" {
			cr.Bankruptcies++
		}
	}
	for _, t := range rep.Trades {
		opened, _ := time.Parse("2006-01-02", t.Opened)
		cr.Tradelines = append(cr.Tradelines, models.Tradeline{
			Creditor: t.Subscriber, Kind: t.AccountType, Balance: money.FromDollars(t.Balance),
			MonthlyPayment: money.FromDollars(t.Payment), DaysPastDue: t.DPD, OpenedAt: opened,
		})
	}
	return cr, rep.ReportID, nil
}
