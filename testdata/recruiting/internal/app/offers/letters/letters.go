// Package letters renders offer letters from tenant templates.
package letters

import (
	"bytes"
	"strings"
	"text/template"
	"time"

	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/money"
)

// Default is used when the tenant has no template of its own.
const Default = `Dear {{.CandidateName}},

We are delighted to offer you the position of {{.JobTitle}}.

Your annual base salary will be {{money .BaseSalary}}{{if not .SigningBonus.IsZero}}, with a one-time signing bonus of {{money .SigningBonus}}{{end}}.
{{- if .EquityUnits}} You will also be granted {{.EquityUnits}} equity units, subject to the plan's vesting schedule.{{end}}

Your anticipated start date is {{date .StartDate}}. This offer expires on {{date .ExpiresAt}}.

To accept, visit: {{.AcceptURL}}

Sincerely,
{{.SignerName}}
`

// Data is the template context.
type Data struct {
	CandidateName string
	JobTitle      string
	BaseSalary    money.Amount
	SigningBonus  money.Amount
	EquityUnits   int64
	StartDate     time.Time
	ExpiresAt     time.Time
	AcceptURL     string
	SignerName    string
}

var funcs = template.FuncMap{
	"money": func(a money.Amount) string { return a.String() },
	"date":  func(t time.Time) string { return t.Format("January 2, 2006") },
}

// Render executes the template; it fails on unknown fields so a broken
// template never reaches a candidate.
func Render(tmpl string, d Data) (string, error) {
	if strings.TrimSpace(tmpl) == "" {
		tmpl = Default
	}
	t, err := template.New("offer").Funcs(funcs).Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return "", errs.Validation("offer template is invalid: %v", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return "", errs.Validation("offer template failed: %v", err)
	}
	if !strings.Contains(buf.String(), d.AcceptURL) {
		return "", errs.Validation("offer template must include {{.AcceptURL}}")
	}
	return buf.String(), nil
}
