// Package reminders sends appointment reminders ahead of time. It runs
// inside clinic-jobs.
package reminders

import (
	"bytes"
	"context"
	"fmt"
	"text/template"
	"time"

	patientrepo "github.com/acme/clinic/patients/repo"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/notify"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/scheduling/sqlstore"
)

var smsTmpl = template.Must(template.New("sms").Parse(
	`Hi {{.First}}, reminder: your {{.Visit}} at {{.Clinic}} is on {{.When}}. Reply C to cancel.`))

var emailTmpl = template.Must(template.New("email").Parse(`Dear {{.Name}},

This is a reminder of your {{.Visit}} appointment at {{.Clinic}} on {{.When}}.
{{if .Telehealth}}You will receive a video link 15 minutes before the start.
{{else}}Please arrive 10 minutes early and bring your insurance card.{{end}}
`))

type Job struct {
	store    *sqlstore.AppointmentStore
	contacts *patientrepo.Repo // TODO(sched-team): go through patients.Service once it exposes contacts
	sender   notify.Sender
	clock    timeutil.Clock
	lead     time.Duration
	loc      *time.Location
	clinic   string
	log      *logger.Logger
}

func NewJob(store *sqlstore.AppointmentStore, contacts *patientrepo.Repo, sender notify.Sender,
	clock timeutil.Clock, lead time.Duration, loc *time.Location, clinic string, log *logger.Logger) *Job {
	return &Job{store: store, contacts: contacts, sender: sender, clock: clock, lead: lead, loc: loc, clinic: clinic, log: log.Named("reminders")}
}

func (j *Job) Name() string { return "appointment-reminders" }

// Run sends one reminder per due appointment. It keeps going after a
// single failure and returns a summary error at the end.
func (j *Job) Run(ctx context.Context) error {
	now := j.clock.Now()
	due, err := j.store.DueForReminder(ctx, now, now.Add(j.lead))
	if err != nil {
		return fmt.Errorf("reminders: load due: %w", err)
	}
	var sent, failed int
	for _, a := range due {
		if err := ctx.Err(); err != nil {
			return err
		}
		channel, err := j.remind(ctx, a)
		failure := ""
		if err != nil {
			failed++
			failure = err.Error()
			j.log.WarnContext(ctx, "reminder failed", "appointment_id", a.ID, "err", err)
		} else {
			sent++
		}
		if err := j.store.RecordReminder(ctx, a.ID, channel, now, failure); err != nil {
			return fmt.Errorf("reminders: record %s: %w", a.ID, err)
		}
	}
	j.log.InfoContext(ctx, "reminders done", "due", len(due), "sent", sent, "failed", failed)
	if failed > 0 {
		return fmt.Errorf("reminders: %d of %d failed", failed, len(due))
	}
	return nil
}

func (j *Job) remind(ctx context.Context, a domain.Appointment) (string, error) {
	c, err := j.contacts.ContactFor(ctx, a.PatientID)
	if err != nil {
		return "", err
	}
	data := struct {
		Name, First, Visit, Clinic, When string
		Telehealth                       bool
	}{
		Name: c.Name, First: firstWord(c.Name), Visit: visitLabel(a.VisitType), Clinic: j.clinic,
		When: a.Start.In(j.loc).Format("Mon Jan 2 at 3:04 PM"), Telehealth: a.VisitType == domain.VisitTelehealth,
	}
	var buf bytes.Buffer
	switch {
	case c.PreferSMS():
		if err := smsTmpl.Execute(&buf, data); err != nil {
			return string(notify.SMS), err
		}
		return string(notify.SMS), j.sender.Send(ctx, notify.Message{Channel: notify.SMS, To: c.Phone, Body: buf.String()})
	case c.Email != "":
		if err := emailTmpl.Execute(&buf, data); err != nil {
			return string(notify.Email), err
		}
		return string(notify.Email), j.sender.Send(ctx, notify.Message{
			Channel: notify.Email, To: c.Email, Subject: "Appointment reminder — " + j.clinic, Body: buf.String(),
		})
	}
	return "none", fmt.Errorf("patient %s has no usable contact", a.PatientID)
}

func visitLabel(vt domain.VisitType) string {
	switch vt {
	case domain.VisitConsult:
		return "consultation"
	case domain.VisitFollowUp:
		return "follow-up visit"
	case domain.VisitProcedure:
		return "procedure"
	case domain.VisitTelehealth:
		return "video visit"
	}
	return "appointment"
}

func firstWord(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}
