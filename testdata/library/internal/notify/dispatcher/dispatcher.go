// Package dispatcher turns domain events into queued notifications and
// delivers the queue.
package dispatcher

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"citylib.org/ils/internal/notify/channels"
	"citylib.org/ils/internal/notify/store"
	"citylib.org/ils/internal/notify/templates"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/platform/money"
	"citylib.org/ils/models"
	branchsvc "citylib.org/ils/services/branches"
)

type Dispatcher struct {
	store    *store.Store
	tmpl     *templates.Set
	senders  map[string]channels.Sender
	branches *branchsvc.Service
	clock    clock.Clock
	log      *slog.Logger
}

func New(s *store.Store, t *templates.Set, senders map[string]channels.Sender, b *branchsvc.Service, c clock.Clock, log *slog.Logger) *Dispatcher {
	return &Dispatcher{store: s, tmpl: t, senders: senders, branches: b, clock: c, log: log}
}

// Subscribe wires the dispatcher to the bus.
func (d *Dispatcher) Subscribe(bus *eventbus.Bus) {
	bus.Subscribe(models.TopicHoldReady, d.onHoldReady)
	bus.Subscribe(models.TopicHoldExpired, d.simple("hold_expired"))
	bus.Subscribe(models.TopicLoanOverdue, d.onOverdue)
	bus.Subscribe(models.TopicFineAssessed, d.onFine)
	bus.Subscribe(models.TopicPaymentReceived, d.onPayment)
	bus.Subscribe(models.TopicMembershipExpiring, d.onMember("membership_expiring"))
	bus.Subscribe(models.TopicMemberRegistered, d.onMember("welcome"))
	bus.Subscribe(models.TopicEventCancelled, d.onEventCancelled)
}

func (d *Dispatcher) enqueue(ctx context.Context, memberID int64, template string, data map[string]any) error {
	payload, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return d.store.Enqueue(ctx, &store.Notification{MemberID: memberID, Template: template, Payload: payload})
}

func (d *Dispatcher) onHoldReady(ctx context.Context, e eventbus.Event) error {
	ev := e.Payload.(models.HoldEvent)
	branch := ""
	if b, err := d.branches.Get(ctx, ev.PickupBranchID); err == nil {
		branch = b.Name
	}
	return d.enqueue(ctx, ev.MemberID, "hold_ready", map[string]any{
		"title": ev.Title, "branch": branch, "expires": ev.ExpiresAt.Format("Mon Jan 2"),
	})
}

func (d *Dispatcher) simple(template string) eventbus.Handler {
	return func(ctx context.Context, e eventbus.Event) error {
		ev := e.Payload.(models.HoldEvent)
		return d.enqueue(ctx, ev.MemberID, template, map[string]any{"title": ev.Title})
	}
}

func (d *Dispatcher) onOverdue(ctx context.Context, e eventbus.Event) error {
	ev := e.Payload.(models.LoanEvent)
	return d.enqueue(ctx, ev.MemberID, "overdue", map[string]any{
		"title": ev.Title, "due": ev.DueAt.Format("Jan 2"), "days_late": ev.DaysLate,
	})
}

func (d *Dispatcher) onFine(ctx context.Context, e eventbus.Event) error {
	ev := e.Payload.(models.FineEvent)
	if ev.Kind == models.FineOverdue {
		return nil // covered by the overdue notice ladder
	}
	return d.enqueue(ctx, ev.MemberID, "fine_assessed", map[string]any{
		"kind": string(ev.Kind), "amount": money.Cents(ev.AmountCents).String(),
	})
}

func (d *Dispatcher) onPayment(ctx context.Context, e eventbus.Event) error {
	ev := e.Payload.(models.PaymentEvent)
	return d.enqueue(ctx, ev.MemberID, "payment_receipt", map[string]any{"amount": money.Cents(ev.AmountCents).String()})
}

func (d *Dispatcher) onMember(template string) eventbus.Handler {
	return func(ctx context.Context, e eventbus.Event) error {
		ev := e.Payload.(models.MemberEvent)
		return d.enqueue(ctx, ev.MemberID, template, map[string]any{"expires": ev.ExpiresAt.Format("January 2, 2006")})
	}
}

func (d *Dispatcher) onEventCancelled(ctx context.Context, e eventbus.Event) error {
	ev := e.Payload.(models.ProgramCancelledEvent)
	for _, m := range ev.MemberIDs {
		if err := d.enqueue(ctx, m, "event_cancelled", map[string]any{
			"title": ev.Title, "starts": ev.StartsAt.In(clock.Local).Format("Mon Jan 2 at 15:04"),
		}); err != nil {
			return err
		}
	}
	return nil
}

// Flush delivers due notifications. Run by the worker every minute.
func (d *Dispatcher) Flush(ctx context.Context) error {
	batch, err := d.store.Claim(ctx, 100)
	if err != nil {
		return err
	}
	var sent, failed int
	for _, n := range batch {
		if err := d.deliver(ctx, n); err != nil {
			if errors.Is(err, channels.ErrQuietHours) {
				next := clock.Day(d.clock.Now()).Add(8 * time.Hour)
				if next.Before(d.clock.Now()) {
					next = next.AddDate(0, 0, 1)
				}
				_ = d.store.Reschedule(ctx, n.ID, next)
				continue
			}
			failed++
			d.log.Warn("notification failed", "id", n.ID, "err", err)
			if err := d.store.MarkFailed(ctx, n, err.Error()); err != nil {
				return err
			}
			continue
		}
		sent++
		if err := d.store.MarkSent(ctx, n.ID); err != nil {
			return err
		}
	}
	if len(batch) > 0 {
		d.log.Info("notifications flushed", "sent", sent, "failed", failed)
	}
	return nil
}

func (d *Dispatcher) deliver(ctx context.Context, n store.Notification) error {
	r, err := d.store.Recipient(ctx, n.MemberID)
	if err != nil {
		return err
	}
	if r.OptOut[n.Template] || len(r.Channels) == 0 {
		return nil // nothing to do; counted as sent
	}
	var data map[string]any
	if err := json.Unmarshal(n.Payload, &data); err != nil {
		return err
	}
	data["name"] = r.FirstName
	subject, body, err := d.tmpl.Render(r.Language, n.Template, data)
	if err != nil {
		return err
	}
	ch := r.Channels[0]
	sender, ok := d.senders[ch]
	if !ok {
		return errors.New("no sender for channel " + ch)
	}
	msg := channels.Message{To: r.Email, Subject: subject, Body: body}
	if ch == "sms" {
		msg = channels.Message{To: r.Phone, Body: templates.SMS(subject, body)}
	}
	return sender.Send(ctx, msg)
}
