// Package hub is the client for the central switching service. We push gain
// registrations and objections, and poll for messages about our
// supply points.
package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Message types we receive.
const (
	MsgRegistrationAccepted = "registration_accepted"
	MsgRegistrationRejected = "registration_rejected"
	MsgObjectionRaised      = "objection_raised"
	MsgObjectionCleared     = "objection_cleared"
	MsgSwitchConfirmed      = "switch_confirmed"
	MsgSwitchCompleted      = "switch_completed"
	MsgLossNotification     = "loss_notification"
)

type Message struct {
	Seq           string    `json:"seq"`
	Type          string    `json:"type"`
	HubRef        string    `json:"hub_ref"`
	SupplyNumber  string    `json:"supply_number"`
	SwitchDate    time.Time `json:"switch_date"`
	OtherSupplier string    `json:"other_supplier,omitempty"`
	Reason        string    `json:"reason,omitempty"`
}

type Client struct {
	base string
	mpid string
	http *http.Client
}

func New(base, mpid string) *Client {
	return &Client{base: base, mpid: mpid, http: &http.Client{Timeout: 20 * time.Second}}
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
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Market-Participant", c.mpid)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("hub: %s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// RegisterGain asks the hub to register us as supplier from the date.
func (c *Client) RegisterGain(ctx context.Context, supplyNumber string, date time.Time) (string, error) {
	var out struct {
		HubRef string `json:"hub_ref"`
	}
	err := c.do(ctx, http.MethodPost, "/registrations", map[string]any{
		"supply_number": supplyNumber, "switch_date": date.Format("2006-01-02"), "supplier": c.mpid,
	}, &out)
	return out.HubRef, err
}

func (c *Client) Object(ctx context.Context, hubRef, reason string) error {
	return c.do(ctx, http.MethodPost, "/registrations/"+url.PathEscape(hubRef)+"/objections",
		map[string]string{"reason": reason, "supplier": c.mpid}, nil)
}

// Poll returns messages after the cursor and the new cursor.
func (c *Client) Poll(ctx context.Context, cursor string) ([]Message, string, error) {
	var out struct {
		Messages []Message `json:"messages"`
		Next     string    `json:"next"`
	}
	err := c.do(ctx, http.MethodGet, "/messages?after="+url.QueryEscape(cursor)+"&limit=200", nil, &out)
	if err != nil {
		return nil, cursor, err
	}
	if out.Next == "" {
		out.Next = cursor
	}
	return out.Messages, out.Next, nil
}
