// Package carriers adapts carrier web APIs (parcel and LTL) to one
// interface.
package carriers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"shipwell.io/wms/pkg/config"
	"shipwell.io/wms/pkg/models"
	"shipwell.io/wms/pkg/money"
)

type RateRequest struct {
	From     models.Address   `json:"from"`
	To       models.Address   `json:"to"`
	Packages []models.Package `json:"packages"`
	Service  string           `json:"service,omitempty"`
	Account  string           `json:"account,omitempty"`
}

type Label struct {
	TrackingNo string      `json:"tracking_no"`
	LabelURL   string      `json:"label_url"`
	Cost       money.Money `json:"cost"`
}

type Carrier interface {
	Code() string
	Rates(ctx context.Context, req RateRequest) ([]models.RateQuote, error)
	Labels(ctx context.Context, req RateRequest) ([]Label, error)
	Track(ctx context.Context, trackingNo string) ([]models.TrackingEvent, error)
	Void(ctx context.Context, trackingNo string) error
}

// Registry looks carriers up by code.
type Registry map[string]Carrier

func (r Registry) Get(code string) (Carrier, error) {
	c, ok := r[code]
	if !ok {
		return nil, fmt.Errorf("unknown carrier %q", code)
	}
	return c, nil
}

// NewRegistry builds the configured carriers.
func NewRegistry(cfg config.Config) Registry {
	hc := &http.Client{Timeout: 20 * time.Second}
	return Registry{
		"UPS":   &jsonCarrier{code: "UPS", base: cfg.UPSBaseURL, key: cfg.UPSAPIKey, hc: hc, currency: cfg.Currency},
		"FEDEX": &jsonCarrier{code: "FEDEX", base: cfg.FedExBaseURL, key: cfg.FedExAPIKey, hc: hc, currency: cfg.Currency},
		"LTL":   &jsonCarrier{code: "LTL", base: cfg.LTLBaseURL, hc: hc, currency: cfg.Currency},
	}
}

// jsonCarrier talks to our carrier gateway, which normalises the carriers'
// own APIs into a common JSON shape.
type jsonCarrier struct {
	code, base, key string
	currency        string
	hc              *http.Client
}

func (c *jsonCarrier) Code() string { return c.code }

func (c *jsonCarrier) call(ctx context.Context, method, path string, in, out any) error {
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
	req.Header.Set("Content-Type", "application/json")
	if c.key != "" {
		req.Header.Set("X-Api-Key", c.key)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", c.code, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: status %d", c.code, path, resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *jsonCarrier) Rates(ctx context.Context, req RateRequest) ([]models.RateQuote, error) {
	var resp struct {
		Rates []struct {
			Service     string `json:"service"`
			TotalCents  int64  `json:"total_cents"`
			TransitDays int    `json:"transit_days"`
		} `json:"rates"`
	}
	if err := c.call(ctx, http.MethodPost, "/rates", req, &resp); err != nil {
		return nil, err
	}
	out := make([]models.RateQuote, 0, len(resp.Rates))
	for _, r := range resp.Rates {
		out = append(out, models.RateQuote{Carrier: c.code, Service: r.Service,
			Cost: money.New(r.TotalCents, c.currency), TransitDays: r.TransitDays})
	}
	return out, nil
}

func (c *jsonCarrier) Labels(ctx context.Context, req RateRequest) ([]Label, error) {
	var resp struct {
		Labels []Label `json:"labels"`
	}
	if err := c.call(ctx, http.MethodPost, "/shipments", req, &resp); err != nil {
		return nil, err
	}
	if len(resp.Labels) != len(req.Packages) {
		return nil, fmt.Errorf("%s returned %d labels for %d packages", c.code, len(resp.Labels), len(req.Packages))
	}
	return resp.Labels, nil
}

func (c *jsonCarrier) Track(ctx context.Context, trackingNo string) ([]models.TrackingEvent, error) {
	var resp struct {
		Events []models.TrackingEvent `json:"events"`
	}
	err := c.call(ctx, http.MethodGet, "/tracking/"+trackingNo, nil, &resp)
	return resp.Events, err
}

func (c *jsonCarrier) Void(ctx context.Context, trackingNo string) error {
	return c.call(ctx, http.MethodDelete, "/shipments/"+trackingNo, nil, nil)
}
