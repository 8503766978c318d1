package stripe

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Event is a webhook event.
type Event struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object json.RawMessage `json:"object"`
	} `json:"data"`
}

// ErrBadSignature is returned for webhooks that fail verification.
var ErrBadSignature = errors.New("stripe: bad webhook signature")

// ParseWebhook verifies the Stripe-Signature header and decodes the event.
func ParseWebhook(payload []byte, header, secret string, now time.Time) (Event, error) {
	var ev Event
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	t, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || now.Sub(time.Unix(t, 0)) > 5*time.Minute {
		return ev, ErrBadSignature
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "." + string(payload)))
	want := hex.EncodeToString(m.Sum(nil))
	ok := false
	for _, s := range sigs {
		if hmac.Equal([]byte(s), []byte(want)) {
			ok = true
		}
	}
	if !ok {
		return ev, ErrBadSignature
	}
	return ev, json.Unmarshal(payload, &ev)
}

// CheckoutCompleted is the object of checkout.session.completed.
type CheckoutCompleted struct {
	ID                string `json:"id"`
	ClientReference   string `json:"client_reference_id"`
	Subscription      string `json:"subscription"`
	PaymentIntent     string `json:"payment_intent"`
	AmountTotal       int64  `json:"amount_total"`
	Currency          string `json:"currency"`
	CustomerEmail     string `json:"customer_email"`
	CurrentPeriodEnd  int64  `json:"current_period_end"`
	SubscriptionState string `json:"status"`
}

// InvoiceObject is the object of invoice.* events.
type InvoiceObject struct {
	ID           string `json:"id"`
	Subscription string `json:"subscription"`
	AmountPaid   int64  `json:"amount_paid"`
	Currency     string `json:"currency"`
	PeriodEnd    int64  `json:"period_end"`
}
