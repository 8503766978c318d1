// Package syndication pushes published listings to internet listing services.
package syndication

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/listings"
)

type Partner struct {
	Name     string
	Endpoint string
	Token    string
}

type feed struct {
	XMLName  xml.Name      `xml:"listings"`
	Provider string        `xml:"provider,attr"`
	Items    []feedListing `xml:"listing"`
}

type feedListing struct {
	ID          string `xml:"id"`
	Title       string `xml:"title"`
	Description string `xml:"description"`
	City        string `xml:"city"`
	State       string `xml:"state"`
	Bedrooms    int    `xml:"bedrooms"`
	Bathrooms   string `xml:"bathrooms"`
	Rent        int64  `xml:"rent"`
	Available   string `xml:"available"`
	Pets        bool   `xml:"pets"`
}

type Job struct {
	conn     *sql.DB
	listings *listings.Service
	partners []Partner
	client   *http.Client
}

func NewJob(conn *sql.DB, l *listings.Service, partners []Partner) *Job {
	return &Job{conn: conn, listings: l, partners: partners, client: &http.Client{Timeout: 30 * time.Second}}
}

func (j *Job) Name() string { return "syndication.push" }

func (j *Job) Run(ctx context.Context) error {
	published, err := j.listings.Published(ctx)
	if err != nil {
		return err
	}
	f := feed{Provider: "keystone"}
	for _, l := range published {
		f.Items = append(f.Items, feedListing{
			ID: l.ID, Title: l.Headline, Description: l.Description, City: l.City, State: l.State,
			Bedrooms: l.Bedrooms, Bathrooms: fmt.Sprintf("%.1f", l.Bathrooms), Rent: int64(l.AskingRent) / 100,
			Available: l.AvailableOn.Format("2006-01-02"), Pets: l.PetsAllowed,
		})
	}
	body, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	for _, p := range j.partners {
		status := "ok"
		if err := j.push(ctx, p, body); err != nil {
			status = err.Error()
		}
		_, _ = j.conn.ExecContext(ctx, `INSERT INTO listing_syndications (partner, pushed_at, listing_count, status)
			VALUES ($1, now(), $2, $3)`, p.Name, len(f.Items), status)
	}
	return nil
}

func (j *Job) push(ctx context.Context, p Partner, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, p.Endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Authorization", "Bearer "+p.Token)
	resp, err := j.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s returned %d", p.Name, resp.StatusCode)
	}
	return nil
}
