// Package calendarsync integrates interviewers' calendars (Google/Microsoft
// via our calendar gateway) for interview invites.
package calendarsync

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
)

type Client struct {
	baseURL string
	http    *http.Client
	db      *sql.DB
}

func New(baseURL string, db *sql.DB) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: 10 * time.Second}, db: db}
}

// Connect stores a user's calendar grant.
func (c *Client) Connect(ctx context.Context, userID, provider, refreshToken string) error {
	if provider != "google" && provider != "microsoft" {
		return errs.Validation("unsupported calendar provider %q", provider)
	}
	_, err := c.db.ExecContext(ctx,
		`INSERT INTO calendar_connections (user_id, provider, refresh_token, connected_at) VALUES ($1, $2, $3, now())
		 ON CONFLICT (user_id) DO UPDATE SET provider = EXCLUDED.provider, refresh_token = EXCLUDED.refresh_token, connected_at = now(), broken = false`,
		userID, provider, refreshToken)
	return err
}

type grant struct{ id, email, provider, token string }

// grants loads calendar grants together with users' email addresses.
func (c *Client) grants(ctx context.Context, userIDs []string) (map[string]grant, error) {
	args := make([]any, len(userIDs))
	for i, u := range userIDs {
		args[i] = u
	}
	list, err := dbx.Collect(func(r dbx.Scanner) (grant, error) {
		var g grant
		return g, r.Scan(&g.id, &g.email, &g.provider, &g.token)
	})(c.db.QueryContext(ctx,
		`SELECT u.id, u.email, coalesce(cc.provider, ''), coalesce(cc.refresh_token, '')
		 FROM users u LEFT JOIN calendar_connections cc ON cc.user_id = u.id AND NOT cc.broken
		 WHERE u.id IN (`+dbx.Placeholders(1, len(userIDs))+`)`, args...))
	out := map[string]grant{}
	for _, g := range list {
		out[g.id] = g
	}
	return out, err
}

type Event struct {
	Title       string
	Start, End  time.Time
	Location    string
	OrganizerID string
	AttendeeIDs []string
}

// CreateEvent creates the invite on the organizer's calendar; returns the provider reference.
func (c *Client) CreateEvent(ctx context.Context, ev Event) (string, error) {
	gs, err := c.grants(ctx, append([]string{ev.OrganizerID}, ev.AttendeeIDs...))
	if err != nil {
		return "", err
	}
	org := gs[ev.OrganizerID]
	if org.token == "" {
		return "", errs.Validation("organizer has not connected a calendar")
	}
	var attendees []string
	for _, id := range ev.AttendeeIDs {
		attendees = append(attendees, gs[id].email)
	}
	var resp struct {
		ID string `json:"id"`
	}
	err = c.call(ctx, "/events", org, map[string]any{"title": ev.Title, "start": ev.Start, "end": ev.End,
		"location": ev.Location, "attendees": attendees}, &resp)
	return resp.ID, err
}

func (c *Client) call(ctx context.Context, path string, g grant, body, out any) error {
	buf, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/"+g.provider+path, bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("calendarsync: %s: %w", path, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		_, _ = c.db.ExecContext(ctx, `UPDATE calendar_connections SET broken = true WHERE user_id = $1`, g.id)
		return errs.Validation("calendar connection expired; please reconnect")
	case resp.StatusCode >= 300:
		return fmt.Errorf("calendarsync: %s: status %d", path, resp.StatusCode)
	case out != nil:
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}
