// Package expedia integrates with Expedia Partner Central's JSON APIs.
package expedia

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/staybright/platform/internal/channel/ota"
)

// Client pushes ARI and parses booking notifications.
type Client struct {
	base string
	key  string
	http *http.Client
}

// New returns an Expedia client.
func New(base, key string) *Client {
	return &Client{base: base, key: key, http: &http.Client{Timeout: 30 * time.Second}}
}

// Name implements ota.Client.
func (c *Client) Name() string { return ota.Expedia }

type ariItem struct {
	PropertyID string   `json:"propertyId"`
	RoomTypeID string   `json:"roomTypeId"`
	RatePlanID string   `json:"ratePlanId"`
	Date       string   `json:"date"`
	TotalInv   int      `json:"totalInventoryAvailable"`
	Closed     bool     `json:"closed"`
	Price      *float64 `json:"price,omitempty"`
	Currency   string   `json:"currency,omitempty"`
}

// PushARI implements ota.Client.
func (c *Client) PushARI(ctx context.Context, updates []ota.ARIUpdate) error {
	items := make([]ariItem, 0, len(updates))
	for _, u := range updates {
		it := ariItem{PropertyID: u.HotelRef, RoomTypeID: u.RoomRef, RatePlanID: u.RateRef,
			Date: u.Day.Format(time.DateOnly), TotalInv: u.Available, Closed: u.Closed}
		if u.PriceCents > 0 {
			p := float64(u.PriceCents) / 100
			it.Price, it.Currency = &p, u.Currency
		}
		items = append(items, it)
	}
	body, err := json.Marshal(map[string]any{"items": items})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/products/ari", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("expedia: push: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("expedia: push: status %d", resp.StatusCode)
	}
	return nil
}

type notification struct {
	ConfirmationID string `json:"bookingId"`
	Action         string `json:"action"` // Book, Modify, Cancel
	PropertyID     string `json:"propertyId"`
	RoomTypeID     string `json:"roomTypeId"`
	RatePlanID     string `json:"ratePlanId"`
	Arrival        string `json:"arrivalDate"`
	Departure      string `json:"departureDate"`
	Adults         int    `json:"adults"`
	Children       int    `json:"children"`
	Guest          struct {
		Given   string `json:"givenName"`
		Surname string `json:"surname"`
		Email   string `json:"email"`
		Phone   string `json:"phone"`
		Country string `json:"country"`
	} `json:"primaryGuest"`
	Total struct {
		Amount   float64 `json:"amount"`
		Currency string  `json:"currency"`
	} `json:"totalAmount"`
	SpecialRequest string `json:"specialRequest"`
}

// ParseBooking implements ota.Client.
func (c *Client) ParseBooking(body []byte, _ http.Header) (*ota.Booking, error) {
	var n notification
	if err := json.Unmarshal(body, &n); err != nil {
		return nil, fmt.Errorf("expedia: parse: %w", err)
	}
	in, err1 := time.Parse(time.DateOnly, n.Arrival)
	out, err2 := time.Parse(time.DateOnly, n.Departure)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("expedia: bad stay dates")
	}
	st := map[string]ota.BookingStatus{"Book": ota.BookingNew, "Modify": ota.BookingModified, "Cancel": ota.BookingCancelled}[n.Action]
	if st == "" {
		return nil, fmt.Errorf("expedia: unknown action %q", n.Action)
	}
	return &ota.Booking{
		Channel: ota.Expedia, ChannelRef: n.ConfirmationID, Status: st, HotelRef: n.PropertyID,
		RoomRef: n.RoomTypeID, RateRef: n.RatePlanID, CheckIn: in, CheckOut: out, Adults: n.Adults, Children: n.Children,
		FirstName: n.Guest.Given, LastName: n.Guest.Surname, Email: n.Guest.Email, Phone: n.Guest.Phone,
		Country: n.Guest.Country, TotalCents: int64(n.Total.Amount*100 + 0.5), Currency: n.Total.Currency,
		Remarks: n.SpecialRequest,
	}, nil
}

// Ack implements ota.Client.
func (c *Client) Ack(ref string) []byte {
	b, _ := json.Marshal(map[string]string{"bookingId": ref, "status": "ACCEPTED"})
	return b
}
