package carriers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"example.com/shop/internal/platform/money"
)

// Express integrates an express carrier's REST API.
type Express struct {
	baseURL string
	account string
	client  *http.Client
}

// NewExpress returns the express carrier.
func NewExpress(baseURL, account string) *Express {
	return &Express{baseURL: strings.TrimSuffix(baseURL, "/"), account: account, client: &http.Client{Timeout: 15 * time.Second}}
}

// Code implements Carrier.
func (e *Express) Code() string { return "express" }

// Services implements Carrier.
func (e *Express) Services() []string { return []string{"standard", "next_day"} }

type expressParcel struct {
	WeightGrams int `json:"weight_g"`
	LengthCM    int `json:"length_cm"`
	WidthCM     int `json:"width_cm"`
	HeightCM    int `json:"height_cm"`
}

// Book implements Carrier.
func (e *Express) Book(ctx context.Context, req Request) (Booking, error) {
	body := map[string]any{
		"account":   e.account,
		"service":   req.Service,
		"reference": req.Reference,
		"consignee": map[string]string{
			"name": req.To.Name, "street": req.To.Line1, "street2": req.To.Line2,
			"city": req.To.City, "zip": req.To.Postcode, "country": req.To.Country, "phone": req.To.Phone,
		},
	}
	parcels := make([]expressParcel, 0, len(req.Parcels))
	for _, p := range req.Parcels {
		parcels = append(parcels, expressParcel{WeightGrams: p.WeightGrams, LengthCM: p.LengthCM, WidthCM: p.WidthCM, HeightCM: p.HeightCM})
	}
	body["parcels"] = parcels
	var resp struct {
		Tracking string `json:"tracking_number"`
		Price    struct {
			Cents    int64  `json:"cents"`
			Currency string `json:"currency"`
		} `json:"price"`
	}
	if err := e.call(ctx, http.MethodPost, "/shipments", body, &resp); err != nil {
		return Booking{}, err
	}
	return Booking{TrackingNumber: resp.Tracking, Cost: money.New(resp.Price.Cents, money.Currency(strings.ToUpper(resp.Price.Currency)))}, nil
}

// Track implements Carrier.
func (e *Express) Track(ctx context.Context, trackingNumber string) ([]Checkpoint, error) {
	var resp struct {
		Events []struct {
			Time     time.Time `json:"time"`
			Code     string    `json:"code"`
			Location string    `json:"location"`
			Text     string    `json:"text"`
		} `json:"events"`
	}
	if err := e.call(ctx, http.MethodGet, "/shipments/"+trackingNumber+"/events", nil, &resp); err != nil {
		return nil, err
	}
	out := make([]Checkpoint, 0, len(resp.Events))
	for _, ev := range resp.Events {
		out = append(out, Checkpoint{At: ev.Time, Status: expressStatus(ev.Code), Location: ev.Location, Detail: ev.Text})
	}
	return out, nil
}

func expressStatus(code string) string {
	switch code {
	case "PU", "AF", "DF":
		return StatusInTransit
	case "WC":
		return StatusOutForDeliv
	case "OK":
		return StatusDelivered
	case "CR", "NH", "RT":
		return StatusException
	}
	return StatusInfoReceived
}

func (e *Express) call(ctx context.Context, method, path string, body, out any) error {
	var buf bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&buf).Encode(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, e.baseURL+path, &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Account", e.account)
	resp, err := e.client.Do(req)
	if err != nil {
		return fmt.Errorf("express: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("express: %s %s: status %d", method, path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
