// Package reminders schedules and sends refill reminders. It has no HTTP
// surface; the worker drives it and it reacts to order events.
package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/reminders"
	"rxnow.health/backend/infrastructure/messaging"
	pgreminders "rxnow.health/backend/infrastructure/postgres/reminders"
	"rxnow.health/backend/kernel/events"
)

// Service runs reminders.
type Service struct {
	store    *pgreminders.Store
	sender   messaging.Sender
	log      *slog.Logger
	leadDays int
	now      func() time.Time
}

// NewService builds the service.
func NewService(store *pgreminders.Store, sender messaging.Sender, log *slog.Logger, leadDays int) *Service {
	return &Service{store: store, sender: sender, log: log, leadDays: leadDays, now: time.Now}
}

// Subscribe cancels reminders when the patient orders the refill.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(models.EventOrderPlaced, func(ctx context.Context, e events.Event) error {
		p, ok := e.Payload.(models.OrderPlaced)
		if !ok {
			return fmt.Errorf("reminders: unexpected payload %T", e.Payload)
		}
		for _, id := range p.PrescriptionIDs {
			if err := s.store.CancelForPrescription(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScheduleDue creates reminders for prescriptions running out soon.
func (s *Service) ScheduleDue(ctx context.Context) (int, error) {
	horizon := s.now().AddDate(0, 0, s.leadDays+1)
	cands, err := s.store.RefillCandidates(ctx, horizon, 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range cands {
		loc, err := time.LoadLocation(c.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		due := reminders.DueDate(c, s.leadDays)
		if due.Before(s.now()) {
			due = s.now()
		}
		ch := reminders.Channel(c)
		if ch == messaging.ChannelSMS {
			due = reminders.ShiftOutOfQuietHours(due, loc)
		}
		r := reminders.Reminder{CustomerID: c.CustomerID, PrescriptionID: c.PrescriptionID, Channel: ch, DueAt: due, Status: reminders.StatusScheduled}
		if err := s.store.Schedule(ctx, &r); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// SendDue sends reminders whose time has come.
func (s *Service) SendDue(ctx context.Context) (sent int, err error) {
	due, err := s.store.Due(ctx, s.now(), 200)
	if err != nil {
		return 0, err
	}
	for _, r := range due {
		email, phone, name, err := s.store.Contact(ctx, r.CustomerID)
		if err != nil {
			s.log.Warn("reminder contact lookup", "reminder", r.ID, "err", err)
			continue
		}
		msg := messaging.Message{Channel: r.Channel, Template: "refill_due"}
		if r.Channel == messaging.ChannelSMS {
			msg.To = phone
			msg.Body = fmt.Sprintf("Hi %s, a refill from RxNow is ready to order. Reply STOP to opt out.", name)
		} else {
			msg.To = email
			msg.Subject = "Time to refill your prescription"
			msg.Body = fmt.Sprintf("Hi %s,\n\nOne of your prescriptions is running low. Log in to RxNow to order your refill.", name)
		}
		r.Attempts++
		if err := s.sender.Send(ctx, msg); err != nil {
			r.LastError = err.Error()
			if r.Attempts >= reminders.MaxAttempts {
				r.Status = reminders.StatusFailed
			} else {
				r.DueAt = s.now().Add(reminders.Backoff(r.Attempts))
			}
		} else {
			r.Status = reminders.StatusSent
			sent++
		}
		if err := s.store.Update(ctx, r); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// OptOut handles an inbound STOP.
func (s *Service) OptOut(ctx context.Context, customerID int64, source string) error {
	return s.store.OptOut(ctx, customerID, source)
}
