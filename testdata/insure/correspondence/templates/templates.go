// Package templates holds the customer correspondence templates. Wording
// changes must be approved by compliance (ticket prefix COMP-).
package templates

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"harbormutual.com/core/platform/money"
)

const (
	Declarations       = "declarations"
	CancellationNotice = "cancellation_notice"
	NonRenewalNotice   = "nonrenewal_notice"
	RenewalOffer       = "renewal_offer"
	ClaimAcknowledged  = "claim_acknowledged"
	PaymentReminder    = "payment_reminder"
	PaymentFailed      = "payment_failed"
	FinalNotice        = "final_notice"
	LapseNotice        = "lapse_notice"
)

// Spec is a template with its compliance metadata.
type Spec struct {
	Name      string
	Subject   string
	Body      string
	Mandatory bool // must be mailed on paper even to paperless customers
	FormID    string
}

var specs = map[string]Spec{
	Declarations: {Declarations, "Your Harbor Mutual policy {{.PolicyNumber}}",
		`Dear {{.Name}},

Thank you for choosing Harbor Mutual. Your {{.LOB}} policy {{.PolicyNumber}} is effective
{{.Effective}} through {{.Expiry}}. Your total term premium is {{money .Premium}}.

Your declarations page is attached.
`, false, "HM-DEC-01"},
	CancellationNotice: {CancellationNotice, "Notice of cancellation: {{.PolicyNumber}}",
		`Dear {{.Name}},

Your policy {{.PolicyNumber}} is cancelled effective {{.Effective}} ({{.Reason}}).
{{if .ReturnPremium}}A return premium of {{money .ReturnPremium}} will be refunded to your payment method.{{end}}
`, true, "HM-CXL-03"},
	NonRenewalNotice: {NonRenewalNotice, "Important: your policy will not renew",
		`Dear {{.Name}},

We regret that policy {{.PolicyNumber}} will not be renewed when it expires on {{.Expiry}}.
Reason(s): {{join .Reasons "; "}}

You may request a review by the underwriting department within 30 days.
`, true, "HM-NR-02"},
	RenewalOffer: {RenewalOffer, "Your renewal offer for {{.PolicyNumber}}",
		`Dear {{.Name}},

Your policy renews on {{.Effective}} as {{.PolicyNumber}} with a premium of {{money .Premium}}.
`, false, "HM-REN-01"},
	ClaimAcknowledged: {ClaimAcknowledged, "We received your claim {{.ClaimNumber}}",
		`Dear {{.Name}},

We have received your claim {{.ClaimNumber}} for a loss on {{.LossDate}}. An adjuster will
contact you within two business days.
`, false, "HM-CLM-01"},
	PaymentReminder: {PaymentReminder, "Payment reminder",
		`Dear {{.Name}},

Our records show {{money .Balance}} due on {{.DueDate}} for invoice {{.InvoiceNumber}} is unpaid.
`, false, "HM-BIL-02"},
	PaymentFailed: {PaymentFailed, "Your payment could not be processed",
		`Dear {{.Name}},

Your payment for policy {{.PolicyNumber}} was declined ({{.Reason}}). Please update your payment method.
`, false, "HM-BIL-04"},
	FinalNotice: {FinalNotice, "FINAL NOTICE before cancellation",
		`Dear {{.Name}},

Unless {{money .Balance}} is received by {{.CancelDate}}, policy {{.PolicyNumber}} will be cancelled
for non-payment.
`, true, "HM-BIL-05"},
	LapseNotice: {LapseNotice, "Your policy has lapsed",
		`Dear {{.Name}},

Policy {{.PolicyNumber}} lapsed for non-payment on {{.LapseDate}}. You are no longer insured.
`, true, "HM-BIL-06"},
}

var funcs = template.FuncMap{
	"money": func(v any) string {
		switch m := v.(type) {
		case money.Money:
			return m.String()
		case int64:
			return money.Money(m).String()
		}
		return fmt.Sprint(v)
	},
	"join": strings.Join,
}

// Lookup returns a template spec.
func Lookup(name string) (Spec, bool) {
	s, ok := specs[name]
	return s, ok
}

// Render executes subject and body with data.
func Render(name string, data map[string]any) (subject, body string, err error) {
	s, ok := specs[name]
	if !ok {
		return "", "", fmt.Errorf("templates: unknown template %q", name)
	}
	exec := func(part, text string) (string, error) {
		t, err := template.New(name + "." + part).Funcs(funcs).Option("missingkey=error").Parse(text)
		if err != nil {
			return "", err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	if subject, err = exec("subject", s.Subject); err != nil {
		return "", "", err
	}
	body, err = exec("body", s.Body)
	return subject, body, err
}
