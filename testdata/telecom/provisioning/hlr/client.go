// Package hlr is the client for the host MNO's HLR/HSS provisioning gateway.
package hlr

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Command is a single provisioning command understood by the gateway.
type Command struct {
	Op        string            `json:"op"` // CREATE | BAR | UNBAR | DELETE | MOD_MSISDN | MOD_IMSI
	IMSI      string            `json:"imsi"`
	MSISDN    string            `json:"msisdn,omitempty"`
	Profile   string            `json:"profile,omitempty"`
	Params    map[string]string `json:"params,omitempty"`
	RequestID string            `json:"request_id"`
}

type Result struct {
	OK        bool   `json:"ok"`
	ErrorCode string `json:"error_code,omitempty"`
	Message   string `json:"message,omitempty"`
}

// Retryable reports whether the gateway asked us to try again later.
func (r Result) Retryable() bool {
	switch r.ErrorCode {
	case "BUSY", "TIMEOUT", "NE_UNREACHABLE":
		return true
	}
	return false
}

type Client struct {
	baseURL string
	http    *http.Client
}

func New(baseURL string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: timeout}}
}

func (c *Client) Execute(ctx context.Context, cmd Command) (Result, error) {
	body, err := json.Marshal(cmd)
	if err != nil {
		return Result{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/provision", bytes.NewReader(body))
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return Result{OK: false, ErrorCode: "NE_UNREACHABLE"}, fmt.Errorf("hlr: %w", err)
	}
	defer resp.Body.Close()
	var res Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return Result{}, fmt.Errorf("hlr: decode: %w", err)
	}
	return res, nil
}
