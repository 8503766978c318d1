// Package messaging turns "tell the family about X" into queued SMS/email
// messages, honouring language and contact preferences.
package messaging

import (
	"bytes"
	"context"
	"log/slog"
	"text/template"

	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/repositories/guardians"
	"github.com/k12district/sis/repositories/messages"
)

// Categories a guardian can opt in/out of. Emergency cannot be opted out.
const (
	CatAttendance = "attendance"
	CatGrades     = "grades"
	CatTransport  = "transport"
	CatCafeteria  = "cafeteria"
	CatAdmissions = "admissions"
	CatGeneral    = "general"
	CatEmergency  = "emergency"
)

type Service struct {
	Messages  *messages.Store
	Guardians *guardians.Store
	Log       *slog.Logger
}

// NotifyGuardians renders the template for each custodial guardian in their
// language and queues one message per allowed channel. Returns the number
// of messages queued.
func (s *Service) NotifyGuardians(ctx context.Context, studentID int64, category, templateKey string, data map[string]any) (int, error) {
	gs, err := s.Guardians.ForStudent(ctx, studentID)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, g := range gs {
		if !g.HasCustody && category != CatEmergency {
			continue
		}
		subj, body, err := s.render(ctx, templateKey, g.Language, g, data)
		if err != nil {
			return queued, err
		}
		prefs, err := s.Messages.Preferences(ctx, g.ID)
		if err != nil {
			return queued, err
		}
		p, ok := prefs[category]
		if !ok || category == CatEmergency {
			p = messages.Preference{SMS: true, Email: true}
		}
		if p.Email && g.Email != "" {
			if err := s.Messages.Enqueue(ctx, s.Messages.DB, &models.Message{
				Channel: "email", Recipient: g.Email, Subject: subj, Body: body, Category: category, StudentID: studentID,
			}); err != nil {
				return queued, err
			}
			queued++
		}
		if p.SMS && g.Phone != "" {
			if err := s.Messages.Enqueue(ctx, s.Messages.DB, &models.Message{
				Channel: "sms", Recipient: g.Phone, Body: truncateSMS(body), Category: category, StudentID: studentID,
			}); err != nil {
				return queued, err
			}
			queued++
		}
	}
	return queued, nil
}

// SendDirect queues a message to a known address (staff, applicants).
func (s *Service) SendDirect(ctx context.Context, channel, recipient, subject, body, category string) error {
	if recipient == "" {
		return errs.Invalid("recipient is required")
	}
	if channel == "sms" {
		body = truncateSMS(body)
	}
	return s.Messages.Enqueue(ctx, s.Messages.DB, &models.Message{
		Channel: channel, Recipient: recipient, Subject: subject, Body: body, Category: category,
	})
}

// Broadcast sends a school- or grade-wide announcement.
func (s *Service) Broadcast(ctx context.Context, schoolID int64, grade *int, subject, body string, emergency bool) (int, error) {
	contacts, err := s.Messages.SchoolContacts(ctx, schoolID, grade)
	if err != nil {
		return 0, err
	}
	cat := CatGeneral
	if emergency {
		cat = CatEmergency
	}
	seen := map[string]bool{}
	n := 0
	for _, c := range contacts {
		for ch, addr := range map[string]string{"email": c.Email, "sms": c.Phone} {
			if addr == "" || seen[ch+addr] {
				continue
			}
			seen[ch+addr] = true
			if err := s.SendDirect(ctx, ch, addr, subject, body, cat); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

func (s *Service) render(ctx context.Context, key, lang string, g models.Guardian, data map[string]any) (string, string, error) {
	t, err := s.Messages.Template(ctx, key, lang)
	if err != nil {
		return "", "", err
	}
	vars := map[string]any{"Guardian": g}
	for k, v := range data {
		vars[k] = v
	}
	var subj, body bytes.Buffer
	if err := template.Must(template.New("s").Parse(t.Subject)).Execute(&subj, vars); err != nil {
		return "", "", errs.Wrap(err, "render subject "+key)
	}
	bt, err := template.New("b").Parse(t.Body)
	if err != nil {
		return "", "", errs.Wrap(err, "parse template "+key)
	}
	if err := bt.Execute(&body, vars); err != nil {
		return "", "", errs.Wrap(err, "render body "+key)
	}
	return subj.String(), body.String(), nil
}

func truncateSMS(s string) string {
	const max = 320
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
