// Package shipping talks to the carrier aggregation API to validate carriers
// and poll tracking numbers.
package shipping

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type Status string

const (
	StatusInTransit Status = "in_transit"
	StatusDelivered Status = "delivered"
	StatusException Status = "exception"
	StatusUnknown   Status = "unknown"
)

var carriers = map[string]string{
	"usps":  "USPS",
	"ups":   "UPS",
	"fedex": "FedEx",
	"dhl":   "DHL Express",
	"royal": "Royal Mail",
	"ca":    "Canada Post",
}

type Tracker struct {
	base string
	http *http.Client
}

func NewTracker(base string) *Tracker {
	return &Tracker{base: strings.TrimRight(base, "/"), http: &http.Client{Timeout: 10 * time.Second}}
}

func (t *Tracker) Supports(carrier string) bool {
	_, ok := carriers[strings.ToLower(carrier)]
	return ok
}

func DisplayName(carrier string) string {
	if n, ok := carriers[strings.ToLower(carrier)]; ok {
		return n
	}
	return carrier
}

type Event struct {
	Status    Status    `json:"status"`
	Location  string    `json:"location"`
	Timestamp time.Time `json:"timestamp"`
}

// Track returns the latest status for a tracking number.
func (t *Tracker) Track(ctx context.Context, carrier, trackingNo string) (Event, error) {
	u := fmt.Sprintf("%s/track/%s/%s", t.base, url.PathEscape(strings.ToLower(carrier)), url.PathEscape(trackingNo))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Event{}, err
	}
	resp, err := t.http.Do(req)
	if err != nil {
		return Event{}, fmt.Errorf("shipping: track: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return Event{Status: StatusUnknown}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return Event{}, fmt.Errorf("shipping: track: %s", resp.Status)
	}
	var out struct {
		Events []Event `json:"events"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return Event{}, err
	}
	if len(out.Events) == 0 {
		return Event{Status: StatusUnknown}, nil
	}
	return out.Events[len(out.Events)-1], nil
}

// TrackingURL builds a public link shown to buyers.
func TrackingURL(carrier, trackingNo string) string {
	switch strings.ToLower(carrier) {
	case "usps":
		return "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + url.QueryEscape(trackingNo)
	case "ups":
		return "https://www.ups.com/track?tracknum=" + url.QueryEscape(trackingNo)
	case "fedex":
		return "https://www.fedex.com/fedextrack/?trknbr=" + url.QueryEscape(trackingNo)
	}
	return ""
}
