// Package npiregistry is a client for the CMS NPPES NPI registry API.
package npiregistry

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Result is the subset of an NPPES record we use.
type Result struct {
	NPI       string
	FirstName string
	LastName  string
	State     string
	Taxonomy  string
	Active    bool
}

// Client queries the registry.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// New builds a client with sane timeouts.
func New(baseURL string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), HTTP: &http.Client{Timeout: 8 * time.Second}}
}

type apiResponse struct {
	ResultCount int `json:"result_count"`
	Results     []struct {
		Number string `json:"number"`
		Basic  struct {
			FirstName string `json:"first_name"`
			LastName  string `json:"last_name"`
			Status    string `json:"status"`
		} `json:"basic"`
		Addresses []struct {
			Purpose string `json:"address_purpose"`
			State   string `json:"state"`
		} `json:"addresses"`
		Taxonomies []struct {
			Code    string `json:"code"`
			Primary bool   `json:"primary"`
		} `json:"taxonomies"`
	} `json:"results"`
}

// Lookup fetches one NPI.
func (c *Client) Lookup(ctx context.Context, npi string) (Result, error) {
	const op = "npiregistry.Lookup"
	q := url.Values{"version": {"2.1"}, "number": {npi}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/?"+q.Encode(), nil)
	if err != nil {
		return Result{}, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Result{}, &errs.Error{Op: op, Kind: errs.Unavailable, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Result{}, &errs.Error{Op: op, Kind: errs.Unavailable, Msg: fmt.Sprintf("status %d", resp.StatusCode)}
	}
	var body apiResponse
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return Result{}, errs.Wrap(op, err)
	}
	if body.ResultCount == 0 || len(body.Results) == 0 {
		return Result{}, errs.NotFoundf(op, "NPI %s not in registry", npi)
	}
	r := body.Results[0]
	out := Result{NPI: r.Number, FirstName: r.Basic.FirstName, LastName: r.Basic.LastName, Active: r.Basic.Status == "A"}
	for _, a := range r.Addresses {
		if a.Purpose == "LOCATION" {
			out.State = a.State
		}
	}
	for _, t := range r.Taxonomies {
		if t.Primary {
			out.Taxonomy = t.Code
		}
	}
	return out, nil
}
