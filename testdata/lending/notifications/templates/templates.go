// Package templates holds the customer communication templates.
package templates

import (
	"bytes"
	"fmt"
	"text/template"
)

// Template describes one communication.
type Template struct {
	Key       string
	Channel   string // "email" or "sms"
	Marketing bool
	Subject   *template.Template
	Body      *template.Template
}

var registry = map[string]Template{}

func reg(key, channel string, marketing bool, subject, body string) {
	registry[key] = Template{
		Key: key, Channel: channel, Marketing: marketing,
		Subject: template.Must(template.New(key + ".s").Parse(subject)),
		Body:    template.Must(template.New(key + ".b").Parse(body)),
	}
}

func init() {
	reg("application_approved", "email", false, "You're approved, {{.FirstName}}!",
		"Good news {{.FirstName}}, your application {{.ApplicationID}} was approved. Log in to review your offers.")
	reg("application_declined", "email", false, "About your LendWise application",
		"Dear {{.FirstName}}, we are unable to approve application {{.ApplicationID}} at this time.\n"+
			"Principal reasons: {{range .Reasons}}\n - {{.}}{{end}}\n"+
			"The credit reporting agency did not make this decision. You have the right to a free copy of your report within 60 days (ECOA / FCRA notice).")
	reg("loan_funded", "email", false, "Your funds are on the way",
		"Hi {{.FirstName}}, {{.Amount}} has been sent to your bank account. Your first payment is due {{.FirstDue}}.")
	reg("payment_receipt", "email", false, "Payment received",
		"Thanks {{.FirstName}}, we received your payment of {{.Amount}} for loan {{.LoanID}}.")
	reg("payment_returned", "sms", false, "",
		"LendWise: your payment on loan {{.LoanID}} was returned by your bank ({{.Code}}). A fee may apply. Reply STOP to opt out.")
	reg("past_due_reminder", "sms", false, "",
		"LendWise: your loan {{.LoanID}} is {{.DaysPastDue}} days past due. Pay at lendwise.example/pay. Reply STOP to opt out.")
	reg("collections_notice", "email", false, "Important notice about your account",
		"{{.FirstName}}, your account is {{.DaysPastDue}} days past due with {{.AmountDue}} owed. This is an attempt to collect a debt.")
	reg("paid_off", "email", false, "Congratulations, your loan is paid off!",
		"{{.FirstName}}, loan {{.LoanID}} is paid in full. A paid-in-full letter is attached.")
	reg("refinance_offer", "email", true, "You may qualify for a lower rate",
		"{{.FirstName}}, based on your on-time payments you may qualify to refinance.")
}

// Get returns a template by key.
func Get(key string) (Template, error) {
	t, ok := registry[key]
	if !ok {
		return Template{}, fmt.Errorf("templates: unknown template %q", key)
	}
	return t, nil
}

// Render produces subject and body.
func (t Template) Render(data map[string]any) (subject, body string, err error) {
	var s, b bytes.Buffer
	if err = t.Subject.Execute(&s, data); err != nil {
		return
	}
	if err = t.Body.Execute(&b, data); err != nil {
		return
	}
	return s.String(), b.String(), nil
}
