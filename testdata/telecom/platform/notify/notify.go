// Package notify sends customer-facing SMS and e-mail through the SMS
// gateway. Templates live here so marketing can review them in one place.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

const (
	TplWelcome         = "welcome"
	TplInvoiceReady    = "invoice_ready"
	TplPaymentReminder = "payment_reminder"
	TplServiceBarred   = "service_barred"
	TplTopUpOK         = "topup_ok"
	TplLowBalance      = "low_balance"
	TplPortScheduled   = "port_scheduled"
	TplOrderShipped    = "order_shipped"
	TplCaseUpdate      = "case_update"
)

var templates = map[string]string{
	TplWelcome:         "Welcome to the network! Your number {msisdn} is now active on {plan}.",
	TplInvoiceReady:    "Your bill {number} for {total} is ready. Due {due}.",
	TplPaymentReminder: "Reminder: bill {number} for {total} is overdue. Please pay to avoid interruption.",
	TplServiceBarred:   "Your outgoing service has been paused due to an unpaid bill. Pay now to restore it.",
	TplTopUpOK:         "Top-up of {amount} received. New balance: {balance}.",
	TplLowBalance:      "Your balance is low ({balance}). Top up to stay connected.",
	TplPortScheduled:   "Your number {msisdn} will move to us on {date}.",
	TplOrderShipped:    "Your order {order} has shipped. Tracking: {tracking}.",
	TplCaseUpdate:      "Update on your case {case}: {status}.",
}

// Sender delivers a templated message to a subscriber.
type Sender interface {
	Send(ctx context.Context, msisdn, template string, vars map[string]string) error
}

// Render expands a template with {var} placeholders.
func Render(template string, vars map[string]string) (string, error) {
	body, ok := templates[template]
	if !ok {
		return "", fmt.Errorf("notify: unknown template %q", template)
	}
	for k, v := range vars {
		body = strings.ReplaceAll(body, "{"+k+"}", v)
	}
	return body, nil
}

// SMSGateway posts messages to the SMSC HTTP gateway.
type SMSGateway struct {
	BaseURL string
	Sender  string
	Client  *http.Client
}

func NewSMSGateway(baseURL string, timeout time.Duration) *SMSGateway {
	return &SMSGateway{BaseURL: baseURL, Sender: "MVNO", Client: &http.Client{Timeout: timeout}}
}

func (g *SMSGateway) Send(ctx context.Context, msisdn, template string, vars map[string]string) error {
	text, err := Render(template, vars)
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]string{"from": g.Sender, "to": msisdn, "text": text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.BaseURL+"/v1/sms", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.Client.Do(req)
	if err != nil {
		return fmt.Errorf("notify: sms gateway: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: sms gateway status %d", resp.StatusCode)
	}
	return nil
}
