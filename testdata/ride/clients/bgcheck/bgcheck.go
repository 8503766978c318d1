// Package bgcheck is a client for the ClearPath driver background check vendor.
package bgcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client calls ClearPath.
type Client struct {
	base string
	key  string
	http *http.Client
}

// New returns a client.
func New(base, key string) *Client {
	return &Client{base: base, key: key, http: &http.Client{Timeout: 15 * time.Second}}
}

// Candidate is the person being screened.
type Candidate struct {
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
	DOB           string `json:"dob"`
	LicenseNumber string `json:"driver_license_number"`
	LicenseState  string `json:"driver_license_state"`
}

// Report is the vendor's report status.
type Report struct {
	ID           string    `json:"id"`
	CandidateID  string    `json:"candidate_id"`
	Status       string    `json:"status"` // pending | clear | consider | suspended
	Adjudication string    `json:"adjudication,omitempty"`
	CompletedAt  time.Time `json:"completed_at,omitempty"`
}

// Clear reports whether the check passed.
func (r Report) Clear() bool { return r.Status == "clear" }

// Pending reports whether the check is still running.
func (r Report) Pending() bool { return r.Status == "pending" }

// StartCheck creates a candidate and orders the "driver_pro" package.
func (c *Client) StartCheck(ctx context.Context, cand Candidate) (Report, error) {
	var created struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, http.MethodPost, "/v1/candidates", cand, &created); err != nil {
		return Report{}, err
	}
	var rep Report
	err := c.do(ctx, http.MethodPost, "/v1/reports", map[string]string{
		"candidate_id": created.ID,
		"package":      "driver_pro",
	}, &rep)
	return rep, err
}

// GetReport fetches a report by id.
func (c *Client) GetReport(ctx context.Context, id string) (Report, error) {
	var rep Report
	err := c.do(ctx, http.MethodGet, "/v1/reports/"+id, nil, &rep)
	return rep, err
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, &body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.key, "")
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("bgcheck: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("bgcheck: %s %s: status %d", method, path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
