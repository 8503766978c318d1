// Package templates renders notification texts. Only English is live;
// the French set is pending translation review.
package templates

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
)

type tmpl struct {
	subject string
	body    string
}

var sources = map[string]map[string]tmpl{
	"en": {
		"hold_ready": {"Your hold is ready: {{.title}}",
			"Hi {{.name}},\n\n\"{{.title}}\" is waiting for you at {{.branch}}. Please pick it up by {{.expires}}.\n"},
		"hold_expired": {"Hold expired: {{.title}}",
			"Hi {{.name}},\n\nYour hold on \"{{.title}}\" was not picked up and has expired.\n"},
		"overdue": {"Overdue: {{.title}}",
			"Hi {{.name}},\n\n\"{{.title}}\" was due on {{.due}} and is now {{.days_late}} day(s) late. Please return or renew it.\n"},
		"checkout_receipt": {"Checkout receipt",
			"Hi {{.name}},\n\nYou borrowed \"{{.title}}\". It is due on {{.due}}.\n"},
		"fine_assessed": {"A charge was added to your account",
			"Hi {{.name}},\n\nA {{.kind}} charge of {{.amount}} was added to your library account.\n"},
		"payment_receipt": {"Payment received",
			"Hi {{.name}},\n\nThank you. We received your payment of {{.amount}}.\n"},
		"membership_expiring": {"Your library card expires soon",
			"Hi {{.name}},\n\nYour membership expires on {{.expires}}. Renew online or at any branch.\n"},
		"event_cancelled": {"Cancelled: {{.title}}",
			"Hi {{.name}},\n\nWe're sorry: \"{{.title}}\" on {{.starts}} has been cancelled.\n"},
		"welcome": {"Welcome to City Library",
			"Hi {{.name}},\n\nWelcome! Your card is valid until {{.expires}}.\n"},
	},
}

type Set struct {
	t map[string]map[string][2]*template.Template
}

// Load parses all templates once at startup.
func Load() (*Set, error) {
	s := &Set{t: map[string]map[string][2]*template.Template{}}
	for lang, byName := range sources {
		s.t[lang] = map[string][2]*template.Template{}
		for name, src := range byName {
			subj, err := template.New(name + ".subject").Option("missingkey=zero").Parse(src.subject)
			if err != nil {
				return nil, fmt.Errorf("templates: %s/%s subject: %w", lang, name, err)
			}
			body, err := template.New(name + ".body").Option("missingkey=zero").Parse(src.body)
			if err != nil {
				return nil, fmt.Errorf("templates: %s/%s body: %w", lang, name, err)
			}
			s.t[lang][name] = [2]*template.Template{subj, body}
		}
	}
	return s, nil
}

// Render falls back to English when a translation is missing.
func (s *Set) Render(lang, name string, data map[string]any) (subject, body string, err error) {
	lang = strings.ToLower(lang)
	pair, ok := s.t[lang][name]
	if !ok {
		pair, ok = s.t["en"][name]
	}
	if !ok {
		return "", "", fmt.Errorf("templates: unknown template %q", name)
	}
	var sb, bb bytes.Buffer
	if err := pair[0].Execute(&sb, data); err != nil {
		return "", "", err
	}
	if err := pair[1].Execute(&bb, data); err != nil {
		return "", "", err
	}
	return sb.String(), bb.String(), nil
}

// SMS shortens a rendered notification to one 160-character segment.
func SMS(subject, body string) string {
	msg := "CityLib: " + subject
	if len(msg) > 160 {
		msg = msg[:157] + "..."
	}
	return msg
}
