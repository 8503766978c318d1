// Package esign sends lease documents for electronic signature and tracks envelopes.
package esign

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/db"
)

type Signer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Order int    `json:"routing_order"`
}

type Envelope struct {
	ID        string
	LeaseID   string
	Provider  string
	Status    string // sent, delivered, completed, declined, voided
	SentAt    time.Time
	UpdatedAt time.Time
}

type Client struct {
	conn    *sql.DB
	baseURL string
	apiKey  string
	http    *http.Client
}

func New(conn *sql.DB, baseURL, apiKey string) *Client {
	return &Client{conn: conn, baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 30 * time.Second}}
}

// Send creates an envelope with the rendered lease PDF and returns its id and signing URL.
func (c *Client) Send(ctx context.Context, leaseID string, pdf []byte, signers []Signer) (Envelope, string, error) {
	payload, _ := json.Marshal(map[string]any{
		"subject":  "Residential Lease Agreement",
		"document": base64.StdEncoding.EncodeToString(pdf),
		"signers":  signers,
		"metadata": map[string]string{"lease_id": leaseID},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/envelopes", bytes.NewReader(payload))
	if err != nil {
		return Envelope{}, "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return Envelope{}, "", fmt.Errorf("esign: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return Envelope{}, "", fmt.Errorf("esign: status %d", resp.StatusCode)
	}
	var out struct {
		ID         string `json:"envelope_id"`
		SigningURL string `json:"signing_url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return Envelope{}, "", err
	}
	env := Envelope{ID: out.ID, LeaseID: leaseID, Provider: "signwell", Status: "sent", SentAt: time.Now().UTC()}
	env.UpdatedAt = env.SentAt
	_, err = c.conn.ExecContext(ctx, `INSERT INTO esign_envelopes (id, lease_id, provider, status, sent_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, env.ID, env.LeaseID, env.Provider, env.Status, env.SentAt, env.UpdatedAt)
	return env, out.SigningURL, err
}

type Callback struct {
	EnvelopeID string    `json:"envelope_id"`
	Status     string    `json:"status"`
	At         time.Time `json:"timestamp"`
}

// Record stores a provider callback and returns the envelope's lease.
func (c *Client) Record(ctx context.Context, cb Callback) (Envelope, error) {
	var env Envelope
	err := c.conn.QueryRowContext(ctx, `UPDATE esign_envelopes SET status = $2, updated_at = $3 WHERE id = $1
		RETURNING id, lease_id, provider, status, sent_at, updated_at`, cb.EnvelopeID, cb.Status, cb.At).
		Scan(&env.ID, &env.LeaseID, &env.Provider, &env.Status, &env.SentAt, &env.UpdatedAt)
	return env, db.Check(err, "envelope")
}

func (c *Client) Void(ctx context.Context, envelopeID, reason string) error {
	payload, _ := json.Marshal(map[string]string{"reason": reason})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/envelopes/"+envelopeID+"/void", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	_, err = c.conn.ExecContext(ctx, `UPDATE esign_envelopes SET status = 'voided', updated_at = now() WHERE id = $1`, envelopeID)
	return err
}
