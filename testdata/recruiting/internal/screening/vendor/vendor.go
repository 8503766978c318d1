// Package vendor is the client for VerifyFirst, our background check
// provider.
package vendor

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Packages we resell, mapped to the vendor's package slugs.
var Packages = map[string]string{
	"basic":     "basic_criminal",
	"standard":  "standard_criminal_employment",
	"executive": "pro_criminal_employment_education_credit",
	"driver":    "basic_criminal_mvr",
}

type Client struct {
	baseURL, apiKey string
	http            *http.Client
}

func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 15 * time.Second}}
}

type OrderRequest struct {
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Email        string `json:"email"`
	Package      string `json:"package"`
	WorkLocation string `json:"work_location,omitempty"`
	Reference    string `json:"reference"`
}

type Report struct {
	ID          string     `json:"id"`
	Status      string     `json:"status"` // pending, complete, suspended, canceled
	Result      string     `json:"result"` // clear, consider
	CompletedAt *time.Time `json:"completed_at"`
}

// WebhookEvent is what VerifyFirst posts to us.
type WebhookEvent struct {
	Type string `json:"type"`
	Data Report `json:"data"`
}

// Order creates the vendor candidate and sends them the consent invitation.
func (c *Client) Order(ctx context.Context, req OrderRequest) (string, error) {
	req.Package = Packages[req.Package]
	var out struct {
		ReportID string `json:"report_id"`
	}
	err := c.do(ctx, http.MethodPost, "/v1/invitations", req, &out)
	return out.ReportID, err
}

func (c *Client) Report(ctx context.Context, id string) (Report, error) {
	var r Report
	err := c.do(ctx, http.MethodGet, "/v1/reports/"+id, nil, &r)
	return r, err
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var buf bytes.Buffer
	if body != nil {
		_ = json.NewEncoder(&buf).Encode(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, &buf)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("vendor: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("vendor: %s %s: status %d", method, path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// VerifySignature checks a "t=<unix>,v1=<hex hmac>" header within tolerance.
func VerifySignature(secret string, body []byte, header string, now time.Time, tolerance time.Duration) bool {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		switch k, v, _ := strings.Cut(strings.TrimSpace(part), "="); k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" || now.Sub(time.Unix(sec, 0)).Abs() > tolerance {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig))
}
