package funding

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
)

// ACHClient talks to the bank's ACH origination API.
type ACHClient struct {
	baseURL  string
	originID string
	http     *http.Client
}

func NewACHClient(baseURL, originID string) *ACHClient {
	return &ACHClient{baseURL: baseURL, originID: originID, http: &http.Client{Timeout: 30 * time.Second}}
}

// entry is one credit in a NACHA-style batch.
type entry struct {
	DisbursementID string `json:"individual_id"`
	Routing        string `json:"rdfi_routing"`
	AccountToken   string `json:"account_token"`
	AmountCents    int64  `json:"amount_cents"`
	Name           string `json:"individual_name"`
}

// BuildFile renders the batch in a simplified NACHA fixed-width layout.
func BuildFile(originID string, entries []entry, at time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "101 %-10s %s LENDWISE\n", originID, at.Format("060102"))
	fmt.Fprintf(&b, "5220LENDWISE LOANS %-10s PPDLOAN DISB %s\n", originID, at.Format("060102"))
	var total int64
	for i, e := range entries {
		fmt.Fprintf(&b, "622%9s%-17s%010d%-15s%-22s%07d\n", e.Routing, e.AccountToken[:min(17, len(e.AccountToken))],
			e.AmountCents, e.DisbursementID, e.Name, i+1)
		total += e.AmountCents
	}
	fmt.Fprintf(&b, "8220%06d%012d\n", len(entries), total)
	return b.String()
}

// Submit sends a batch and returns trace numbers keyed by disbursement id.
func (c *ACHClient) Submit(ctx context.Context, batchID, file string, entries []entry) (map[string]string, error) {
	body, _ := json.Marshal(map[string]any{"batch_id": batchID, "origin": c.originID, "file": file, "entries": entries})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/batches", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, errs.Upstream("ach: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return nil, errs.Upstream("ach: status %d", resp.StatusCode)
	}
	var out struct {
		Traces map[string]string `json:"traces"`
	}
	return out.Traces, json.NewDecoder(resp.Body).Decode(&out)
}

// Status returns the settlement status ("settled", "returned", "pending") per trace.
func (c *ACHClient) Status(ctx context.Context, batchIDs []string) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/status?batches="+strings.Join(batchIDs, ","), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, errs.Upstream("ach: %v", err)
	}
	defer resp.Body.Close()
	var out map[string]string
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

func newEntry(d *models.Disbursement, acct *models.BankAccount, name string) entry {
	return entry{DisbursementID: d.ID, Routing: acct.RoutingNumber, AccountToken: acct.AccountToken,
		AmountCents: int64(d.Amount), Name: strings.ToUpper(name)}
}
