// Package pbm is the client for our claims switch, which relays NCPDP
// transactions to pharmacy benefit managers as JSON.
package pbm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Request is a billing (B1) transaction.
type Request struct {
	ProcessorID   string `json:"processor_id"`
	BIN           string `json:"bin"`
	PCN           string `json:"pcn"`
	GroupID       string `json:"group_id"`
	MemberID      string `json:"cardholder_id"`
	RxNumber      string `json:"rx_number"`
	FillNumber    int    `json:"fill_number"`
	NDC           string `json:"product_id"`
	Quantity      int    `json:"quantity_dispensed"`
	DaysSupply    int    `json:"days_supply"`
	IngredientFee int64  `json:"ingredient_cost_submitted"`
	DispensingFee int64  `json:"dispensing_fee_submitted"`
	UsualCustom   int64  `json:"usual_and_customary"`
}

// Response is the switch's answer.
type Response struct {
	Status      string   `json:"transaction_status"` // "P" paid, "R" rejected
	AuthNumber  string   `json:"authorization_number"`
	PlanPaid    int64    `json:"total_amount_paid"`
	PatientPay  int64    `json:"patient_pay_amount"`
	RejectCodes []string `json:"reject_codes"`
}

// Client talks to the switch.
type Client struct {
	baseURL     string
	processorID string
	http        *http.Client
}

// New builds a client.
func New(baseURL, processorID string) *Client {
	return &Client{baseURL: baseURL, processorID: processorID, http: &http.Client{Timeout: 15 * time.Second}}
}

// Bill submits a B1.
func (c *Client) Bill(ctx context.Context, req Request) (Response, error) {
	req.ProcessorID = c.processorID
	var out Response
	return out, c.post(ctx, "/v1/claims/billing", req, &out)
}

// Reverse submits a B2 for a previously paid claim.
func (c *Client) Reverse(ctx context.Context, bin, pcn, authNumber string) error {
	body := map[string]string{"processor_id": c.processorID, "bin": bin, "pcn": pcn, "authorization_number": authNumber}
	var out Response
	if err := c.post(ctx, "/v1/claims/reversal", body, &out); err != nil {
		return err
	}
	if out.Status != "A" && out.Status != "P" {
		return errs.Conflictf("pbm.Reverse", "reversal not accepted: %v", out.RejectCodes)
	}
	return nil
}

func (c *Client) post(ctx context.Context, path string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return &errs.Error{Op: "pbm.post", Kind: errs.Unavailable, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return &errs.Error{Op: "pbm.post", Kind: errs.Unavailable, Msg: fmt.Sprintf("switch returned %d", resp.StatusCode)}
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("pbm: %s returned %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
