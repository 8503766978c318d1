// Package sms is a client for the TextWire SMS API.
package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client sends SMS messages.
type Client struct {
	base  string
	sid   string
	token string
	from  string
	http  *http.Client
}

// New returns an SMS client.
func New(base, sid, token, from string) *Client {
	return &Client{base: base, sid: sid, token: token, from: from, http: &http.Client{Timeout: 5 * time.Second}}
}

// Message is the vendor's message resource.
type Message struct {
	SID    string `json:"sid"`
	Status string `json:"status"`
	To     string `json:"to"`
}

// Send sends body to the E.164 number to.
func (c *Client) Send(ctx context.Context, to, body string) (Message, error) {
	if !strings.HasPrefix(to, "+") {
		return Message{}, fmt.Errorf("sms: %q is not E.164", to)
	}
	if len(body) > 640 {
		body = body[:637] + "..."
	}
	form := url.Values{"To": {to}, "From": {c.from}, "Body": {body}}
	endpoint := fmt.Sprintf("%s/Accounts/%s/Messages.json", c.base, c.sid)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return Message{}, err
	}
	req.SetBasicAuth(c.sid, c.token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		return Message{}, fmt.Errorf("sms: send: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return Message{}, fmt.Errorf("sms: send: status %d", resp.StatusCode)
	}
	var m Message
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return Message{}, fmt.Errorf("sms: decode: %w", err)
	}
	return m, nil
}
