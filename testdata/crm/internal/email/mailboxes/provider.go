package mailboxes

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/platform/errs"
)

// ProviderMessage is a message as returned by a provider.
type ProviderMessage struct {
	ID       string
	ThreadID string
	From     string
	To       []string
	Subject  string
	Snippet  string
	Date     time.Time
}

// Outgoing is a message to send.
type Outgoing struct {
	To       string
	Subject  string
	HTML     string
	ThreadID string
}

// Provider talks to a mail provider.
type Provider interface {
	Fetch(ctx context.Context, m *Mailbox) (msgs []ProviderMessage, cursor string, err error)
	Send(ctx context.Context, m *Mailbox, out Outgoing) (id, threadID string, err error)
}

// Providers maps provider names ("gmail", "outlook") to clients.
type Providers map[string]Provider

// For returns the provider of m.
func (p Providers) For(m Mailbox) (Provider, error) {
	pr, ok := p[m.Provider]
	if !ok {
		return nil, fmt.Errorf("mailboxes: no provider %q", m.Provider)
	}
	return pr, nil
}

// ErrRevoked is returned when the user revoked access.
var ErrRevoked = errs.E(errs.KindUnauthorized, "mailboxes", "mailbox authorisation revoked")

// Gmail is a minimal Gmail REST client.
type Gmail struct {
	BaseURL      string
	TokenURL     string
	ClientID     string
	ClientSecret string
	Store        *Store
	HTTP         *http.Client
}

func (g *Gmail) client() *http.Client {
	if g.HTTP != nil {
		return g.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (g *Gmail) token(ctx context.Context, m *Mailbox) (string, error) {
	if time.Until(m.TokenExpiry) > time.Minute {
		return m.AccessToken, nil
	}
	form := url.Values{"client_id": {g.ClientID}, "client_secret": {g.ClientSecret},
		"refresh_token": {m.RefreshToken}, "grant_type": {"refresh_token"}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, g.TokenURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := g.client().Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusUnauthorized {
		return "", ErrRevoked
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return "", err
	}
	m.AccessToken, m.TokenExpiry = tok.AccessToken, time.Now().Add(time.Duration(tok.ExpiresIn)*time.Second)
	return m.AccessToken, g.Store.SaveTokens(ctx, m.ID, m.AccessToken, m.TokenExpiry)
}

func (g *Gmail) do(ctx context.Context, m *Mailbox, method, path string, body, out any) error {
	tok, err := g.token(ctx, m)
	if err != nil {
		return err
	}
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, g.BaseURL+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return ErrRevoked
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("gmail %s %s: %s", method, path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Fetch lists messages added since the mailbox cursor (history id).
func (g *Gmail) Fetch(ctx context.Context, m *Mailbox) ([]ProviderMessage, string, error) {
	var hist struct {
		HistoryID string `json:"historyId"`
		Messages  []struct {
			ID       string `json:"id"`
			ThreadID string `json:"threadId"`
			Snippet  string `json:"snippet"`
			Internal string `json:"internalDate"`
			Headers  []struct{ Name, Value string }
		} `json:"messages"`
	}
	path := "/gmail/v1/users/me/crm-history?startHistoryId=" + url.QueryEscape(m.SyncCursor)
	if err := g.do(ctx, m, http.MethodGet, path, nil, &hist); err != nil {
		return nil, m.SyncCursor, err
	}
	var out []ProviderMessage
	for _, raw := range hist.Messages {
		pm := ProviderMessage{ID: raw.ID, ThreadID: raw.ThreadID, Snippet: raw.Snippet}
		var ms int64
		fmt.Sscan(raw.Internal, &ms)
		pm.Date = time.UnixMilli(ms).UTC()
		for _, h := range raw.Headers {
			switch strings.ToLower(h.Name) {
			case "from":
				pm.From = addr(h.Value)
			case "to", "cc":
				for _, a := range strings.Split(h.Value, ",") {
					pm.To = append(pm.To, addr(a))
				}
			case "subject":
				pm.Subject = h.Value
			}
		}
		out = append(out, pm)
	}
	return out, hist.HistoryID, nil
}

// Send sends an HTML message, optionally in an existing thread.
func (g *Gmail) Send(ctx context.Context, m *Mailbox, o Outgoing) (string, string, error) {
	mime := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s", m.Address, o.To, o.Subject, o.HTML)
	body := map[string]string{"raw": base64.URLEncoding.EncodeToString([]byte(mime))}
	if o.ThreadID != "" {
		body["threadId"] = o.ThreadID
	}
	var res struct {
		ID       string `json:"id"`
		ThreadID string `json:"threadId"`
	}
	err := g.do(ctx, m, http.MethodPost, "/gmail/v1/users/me/messages/send", body, &res)
	return res.ID, res.ThreadID, err
}

func addr(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "<"); i >= 0 {
		s = strings.TrimSuffix(s[i+1:], ">")
	}
	return strings.ToLower(s)
}
