// Package clearinghouse is the client for the national number portability
// clearinghouse (NPC) and the verifier for its webhook callbacks.
package clearinghouse

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Callback types sent by the clearinghouse.
const (
	PortInAccepted   = "port_in_accepted"
	PortInRejected   = "port_in_rejected"
	PortInCompleted  = "port_in_completed"
	PortOutRequested = "port_out_requested"
	PortOutCompleted = "port_out_completed"
)

type Callback struct {
	Type         string    `json:"type"`
	Ref          string    `json:"ref"`
	MSISDN       string    `json:"msisdn"`
	Donor        string    `json:"donor"`
	Recipient    string    `json:"recipient"`
	PortingCode  string    `json:"porting_code,omitempty"`
	ScheduledFor time.Time `json:"scheduled_for"`
	Reason       string    `json:"reason,omitempty"`
}

type Client struct {
	baseURL, key, operatorID string
	http                     *http.Client
}

func New(baseURL, key, operatorID string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, key: key, operatorID: operatorID, http: &http.Client{Timeout: timeout}}
}

func (c *Client) OperatorID() string { return c.operatorID }

func (c *Client) call(ctx context.Context, path string, in, out any) error {
	body, _ := json.Marshal(in)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Operator", c.operatorID)
	req.Header.Set("X-Signature", Sign(c.key, body))
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("npc: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("npc: %s returned %d", path, resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// SubmitPortIn asks the donor to release a number to us.
func (c *Client) SubmitPortIn(ctx context.Context, msisdn, donor, code string, date time.Time) (string, error) {
	var out struct {
		Ref string `json:"ref"`
	}
	err := c.call(ctx, "/v1/ports", map[string]any{
		"msisdn": msisdn, "donor": donor, "recipient": c.operatorID, "porting_code": code,
		"requested_date": date.Format("2006-01-02")}, &out)
	return out.Ref, err
}

// RespondPortOut accepts or rejects a port-out request addressed to us.
func (c *Client) RespondPortOut(ctx context.Context, ref string, accept bool, reason string) error {
	return c.call(ctx, "/v1/ports/"+ref+"/response", map[string]any{"accept": accept, "reason": reason}, nil)
}

func Sign(key string, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify checks a webhook signature in constant time.
func Verify(key string, body []byte, sig string) bool {
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return hmac.Equal(m.Sum(nil), want)
}
