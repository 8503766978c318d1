// Package geocoder is the HTTP client for the third-party geocoding API.
package geocoder

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
)

type Client struct {
	base string
	key  string
	http *http.Client
}

func New(base, key string) *Client {
	return &Client{base: base, key: key, http: &http.Client{Timeout: 5 * time.Second}}
}

type response struct {
	Results []struct {
		Lat        float64 `json:"lat"`
		Lon        float64 `json:"lon"`
		Confidence float64 `json:"confidence"`
		MatchLevel string  `json:"match_level"`
	} `json:"results"`
}

// Geocode implements addressing.Geocoder.
func (c *Client) Geocode(ctx context.Context, a model.Address) (geo.Point, float64, error) {
	q := url.Values{}
	q.Set("street", a.Line1)
	q.Set("postcode", a.PostalCode)
	q.Set("city", a.City)
	q.Set("country", a.Country)
	q.Set("limit", "1")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/search?"+q.Encode(), nil)
	if err != nil {
		return geo.Point{}, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	resp, err := c.http.Do(req)
	if err != nil {
		return geo.Point{}, 0, errs.Upstream("geocoder: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return geo.Point{}, 0, errs.Upstream("geocoder: status %d", resp.StatusCode)
	}
	var body response
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return geo.Point{}, 0, fmt.Errorf("geocoder: decode: %w", err)
	}
	if len(body.Results) == 0 {
		return geo.Point{}, 0, nil
	}
	r := body.Results[0]
	conf := r.Confidence
	// Street-level matches are not precise enough for a doorstep.
	if r.MatchLevel == "street" && conf > 0.6 {
		conf = 0.6
	}
	return geo.Point{Lat: r.Lat, Lng: r.Lon}, conf, nil
}
