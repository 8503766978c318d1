// Package muxvideo is a small client for Mux Video (direct uploads, asset
// status, signed playback).
package muxvideo

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Client talks to api.mux.com.
type Client struct {
	TokenID, TokenSecret string
	HTTP                 *http.Client
}

// New returns a client.
func New(id, secret string) *Client {
	return &Client{TokenID: id, TokenSecret: secret, HTTP: &http.Client{Timeout: 15 * time.Second}}
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, "https://api.mux.com"+path, &body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.TokenID, c.TokenSecret)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		return fmt.Errorf("mux: %s %s: %s", method, path, res.Status)
	}
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil {
		return err
	}
	return json.Unmarshal(env.Data, out)
}

// Upload is a direct-upload slot.
type Upload struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// CreateUpload reserves a direct upload URL.
func (c *Client) CreateUpload(ctx context.Context, passthrough string) (Upload, error) {
	var u Upload
	err := c.do(ctx, http.MethodPost, "/video/v1/uploads", map[string]any{
		"cors_origin": "*", "new_asset_settings": map[string]any{"playback_policy": []string{"signed"}, "passthrough": passthrough},
	}, &u)
	return u, err
}

// Asset is Mux's view of a transcoded asset.
type Asset struct {
	ID          string  `json:"id"`
	Status      string  `json:"status"`
	Duration    float64 `json:"duration"`
	Passthrough string  `json:"passthrough"`
	PlaybackIDs []struct {
		ID string `json:"id"`
	} `json:"playback_ids"`
}

// GetAsset fetches an asset.
func (c *Client) GetAsset(ctx context.Context, id string) (Asset, error) {
	var a Asset
	return a, c.do(ctx, http.MethodGet, "/video/v1/assets/"+id, nil, &a)
}

// SignedPlaybackURL returns a short-lived playback URL.
func (c *Client) SignedPlaybackURL(playbackID string, ttl time.Duration, now time.Time) string {
	exp := strconv.FormatInt(now.Add(ttl).Unix(), 10)
	m := hmac.New(sha256.New, []byte(c.TokenSecret))
	m.Write([]byte(playbackID + "." + exp))
	return fmt.Sprintf("https://stream.mux.com/%s.m3u8?exp=%s&sig=%s", playbackID, exp, hex.EncodeToString(m.Sum(nil)))
}
