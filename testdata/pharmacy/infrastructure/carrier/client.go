// Package carrier is the parcel carrier API client (labels and rates).
package carrier

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// LabelRequest asks for a shipping label.
type LabelRequest struct {
	Reference         string  `json:"reference"`
	Service           string  `json:"service"`
	ToName            string  `json:"to_name"`
	ToLine1           string  `json:"to_line1"`
	ToLine2           string  `json:"to_line2,omitempty"`
	ToCity            string  `json:"to_city"`
	ToState           string  `json:"to_state"`
	ToZip             string  `json:"to_zip"`
	WeightOz          float64 `json:"weight_oz"`
	SignatureRequired bool    `json:"signature_required"`
	Insulated         bool    `json:"insulated"`
}

// Label is the carrier's response.
type Label struct {
	Carrier        string `json:"carrier"`
	TrackingNumber string `json:"tracking_number"`
	LabelURL       string `json:"label_url"`
	CostCents      int64  `json:"cost_cents"`
}

// Client talks to the carrier aggregator.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// New builds a client.
func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 20 * time.Second}}
}

// CreateLabel buys a label.
func (c *Client) CreateLabel(ctx context.Context, req LabelRequest) (Label, error) {
	var out Label
	b, _ := json.Marshal(req)
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/labels", bytes.NewReader(b))
	if err != nil {
		return out, err
	}
	r.Header.Set("Authorization", "Bearer "+c.apiKey)
	r.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(r)
	if err != nil {
		return out, &errs.Error{Op: "carrier.CreateLabel", Kind: errs.Unavailable, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnprocessableEntity {
		return out, errs.Invalidf("carrier.CreateLabel", "carrier rejected the address")
	}
	if resp.StatusCode >= 300 {
		return out, &errs.Error{Op: "carrier.CreateLabel", Kind: errs.Unavailable, Msg: fmt.Sprintf("status %d", resp.StatusCode)}
	}
	return out, json.NewDecoder(resp.Body).Decode(&out)
}
