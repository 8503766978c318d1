// Package maps is a client for the MapVendor routing and geocoding API.
package maps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/zipcab/backend/pkg/geo"
)

// Client calls the routing API.
type Client struct {
	base string
	key  string
	http *http.Client
	// fallback speed used when the vendor is down (km/h)
	fallbackKmh float64
}

// New returns a maps client.
func New(baseURL, apiKey string) *Client {
	return &Client{base: baseURL, key: apiKey, http: &http.Client{Timeout: 2 * time.Second}, fallbackKmh: 24}
}

// Route is a driving route summary.
type Route struct {
	DistanceKm  float64 `json:"distance_km"`
	DurationMin float64 `json:"duration_min"`
	Polyline    string  `json:"polyline"`
	Estimated   bool    `json:"estimated"`
}

type routeResp struct {
	Routes []struct {
		DistanceMeters int    `json:"distanceMeters"`
		Duration       string `json:"duration"`
		Polyline       struct {
			Encoded string `json:"encodedPolyline"`
		} `json:"polyline"`
	} `json:"routes"`
}

// Route returns the best driving route from a to b. When the vendor fails
// it falls back to a haversine estimate so dispatch keeps working.
func (c *Client) Route(ctx context.Context, a, b geo.Point) (Route, error) {
	q := url.Values{}
	q.Set("origin", fmt.Sprintf("%f,%f", a.Lat, a.Lng))
	q.Set("destination", fmt.Sprintf("%f,%f", b.Lat, b.Lng))
	q.Set("mode", "driving")
	q.Set("key", c.key)
	var rr routeResp
	if err := c.get(ctx, "/routes:compute?"+q.Encode(), &rr); err != nil || len(rr.Routes) == 0 {
		return c.estimate(a, b), nil
	}
	r := rr.Routes[0]
	secs, _ := time.ParseDuration(r.Duration)
	return Route{
		DistanceKm:  float64(r.DistanceMeters) / 1000,
		DurationMin: secs.Minutes(),
		Polyline:    r.Polyline.Encoded,
	}, nil
}

// ETAMatrix returns ETAs from each origin to one destination.
func (c *Client) ETAMatrix(ctx context.Context, origins []geo.Point, dest geo.Point) ([]float64, error) {
	out := make([]float64, len(origins))
	for i, o := range origins {
		r, err := c.Route(ctx, o, dest)
		if err != nil {
			return nil, err
		}
		out[i] = r.DurationMin
	}
	return out, nil
}

func (c *Client) estimate(a, b geo.Point) Route {
	km := geo.HaversineKm(a, b) * 1.3 // road factor
	return Route{DistanceKm: km, DurationMin: km / c.fallbackKmh * 60, Estimated: true}
}

func (c *Client) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("maps: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("maps: %s returned %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// DistanceAndDuration adapts Route for the pricing engine.
func (c *Client) DistanceAndDuration(ctx context.Context, a, b geo.Point) (float64, float64, error) {
	r, err := c.Route(ctx, a, b)
	return r.DistanceKm, r.DurationMin, err
}
