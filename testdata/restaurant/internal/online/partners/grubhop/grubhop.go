// Package grubhop adapts the GrubHop marketplace API.
package grubhop

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Adapter implements partners.Partner.
type Adapter struct {
	BaseURL string
	Token   string
	Client  *http.Client
}

// New returns an adapter.
func New(baseURL, token string) *Adapter {
	return &Adapter{BaseURL: baseURL, Token: token, Client: &http.Client{Timeout: 20 * time.Second}}
}

func (a *Adapter) Name() string { return "grubhop" }

// ParseWebhook checks the shared bearer token and decodes the order.
func (a *Adapter) ParseWebhook(r *http.Request) (*models.OnlineOrder, error) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+a.Token)) != 1 {
		return nil, errs.Forbidden("bad token")
	}
	var w struct {
		ID         int64  `json:"id"`
		Restaurant string `json:"restaurant_ref"`
		Diner      string `json:"diner_name"`
		Phone      string `json:"diner_phone"`
		ReadyBy    int64  `json:"ready_by_epoch"`
		Lines      []struct {
			PLU   string `json:"external_item_id"`
			Qty   int    `json:"qty"`
			Notes string `json:"notes"`
		} `json:"lines"`
	}
	if err := json.NewDecoder(r.Body).Decode(&w); err != nil {
		return nil, errs.Invalid("grubhop: %v", err)
	}
	loc, err := strconv.ParseInt(w.Restaurant, 10, 64)
	if err != nil {
		return nil, errs.Invalid("grubhop: bad restaurant_ref %q", w.Restaurant)
	}
	o := &models.OnlineOrder{LocationID: loc, Source: a.Name(), ExternalID: strconv.FormatInt(w.ID, 10),
		Customer: w.Diner, Phone: w.Phone, PickupAt: time.Unix(w.ReadyBy, 0)}
	for _, l := range w.Lines {
		id, err := strconv.ParseInt(l.PLU, 10, 64) // we register menu item ids as their PLU
		if err != nil {
			return nil, errs.Invalid("grubhop: bad item %q", l.PLU)
		}
		o.Items = append(o.Items, models.CartItem{MenuItemID: id, Qty: l.Qty, Notes: l.Notes})
	}
	return o, nil
}

func (a *Adapter) post(ctx context.Context, path string, body any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.BaseURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+a.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.Client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("grubhop %s: %s", path, resp.Status)
	}
	return nil
}

func (a *Adapter) PushMenu(ctx context.Context, storeRef string, items []partners.MenuEntry) error {
	return a.post(ctx, "/restaurants/"+storeRef+"/menu:replace", map[string]any{"entries": items})
}

func (a *Adapter) UpdateStatus(ctx context.Context, externalID, status string) error {
	return a.post(ctx, "/orders/"+externalID+"/status", map[string]string{"state": status})
}
