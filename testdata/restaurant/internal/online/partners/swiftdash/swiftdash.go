// Package swiftdash adapts the SwiftDash marketplace API.
package swiftdash

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Adapter implements partners.Partner.
type Adapter struct {
	BaseURL string
	Secret  string
	Client  *http.Client
}

// New returns an adapter.
func New(baseURL, secret string) *Adapter {
	return &Adapter{BaseURL: baseURL, Secret: secret, Client: &http.Client{Timeout: 20 * time.Second}}
}

func (a *Adapter) Name() string { return "swiftdash" }

type webhook struct {
	OrderID  string `json:"order_id"`
	StoreRef int64  `json:"merchant_store_id"`
	Customer struct {
		FirstName string `json:"first_name"`
		Phone     string `json:"phone"`
	} `json:"customer"`
	PickupTime time.Time `json:"estimated_pickup_time"`
	Items      []struct {
		MerchantID int64  `json:"merchant_supplied_id"`
		Quantity   int    `json:"quantity"`
		Notes      string `json:"special_instructions"`
	} `json:"items"`
	Subtotal int64 `json:"subtotal"`
}

// ParseWebhook checks the X-SwiftDash-Signature HMAC and decodes the order.
func (a *Adapter) ParseWebhook(r *http.Request) (*models.OnlineOrder, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, []byte(a.Secret))
	mac.Write(body)
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(r.Header.Get("X-SwiftDash-Signature"))) {
		return nil, errs.Forbidden("bad signature")
	}
	var w webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, errs.Invalid("swiftdash: %v", err)
	}
	o := &models.OnlineOrder{LocationID: w.StoreRef, Source: a.Name(), ExternalID: w.OrderID,
		Customer: w.Customer.FirstName, Phone: w.Customer.Phone, PickupAt: w.PickupTime}
	for _, it := range w.Items {
		o.Items = append(o.Items, models.CartItem{MenuItemID: it.MerchantID, Qty: it.Quantity, Notes: it.Notes})
	}
	return o, nil
}

func (a *Adapter) send(ctx context.Context, method, path string, body any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, method, a.BaseURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	mac := hmac.New(sha256.New, []byte(a.Secret))
	mac.Write(b)
	req.Header.Set("X-SwiftDash-Signature", hex.EncodeToString(mac.Sum(nil)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.Client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("swiftdash %s %s: %s", method, path, resp.Status)
	}
	return nil
}

func (a *Adapter) PushMenu(ctx context.Context, storeRef string, items []partners.MenuEntry) error {
	return a.send(ctx, http.MethodPut, "/stores/"+storeRef+"/menu", map[string]any{"items": items})
}

func (a *Adapter) UpdateStatus(ctx context.Context, externalID, status string) error {
	return a.send(ctx, http.MethodPatch, "/orders/"+externalID, map[string]string{"status": status})
}
