// Package porting runs mobile number portability: port-ins from other
// operators, port-outs to them, and PAC codes.
package porting

import (
	"context"
	"crypto/rand"
	"log/slog"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/numbers"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/msisdn"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/porting/clearinghouse"
	"mvno.telco/core/porting/store"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/sims"
	substore "mvno.telco/core/subscribers/store"
)

const (
	PACValidity = 30 * 24 * time.Hour
	pacAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	minLeadTime = 24 * time.Hour
)

type Service struct {
	store       *store.Store
	npc         *clearinghouse.Client
	subscribers *substore.Store
	numbers     *numbers.Pool
	sims        *sims.Service
	prov        *provisioning.Service
	bus         *events.Bus
	notifier    notify.Sender
	countryCode string
	log         *slog.Logger
}

func New(st *store.Store, npc *clearinghouse.Client, subs *substore.Store, nums *numbers.Pool, sm *sims.Service,
	prov *provisioning.Service, bus *events.Bus, n notify.Sender, countryCode string, log *slog.Logger) *Service {
	return &Service{store: st, npc: npc, subscribers: subs, numbers: nums, sims: sm, prov: prov, bus: bus,
		notifier: n, countryCode: countryCode, log: log}
}

func (s *Service) Get(ctx context.Context, id string) (models.PortRequest, error) {
	return s.store.Get(ctx, id)
}

// RequestPortIn brings a customer's existing number to an active line that
// is currently on a temporary number from our pool.
func (s *Service) RequestPortIn(ctx context.Context, subscriberID, number, donor, pac string, date time.Time) (models.PortRequest, error) {
	const op = "porting.RequestPortIn"
	num, err := msisdn.Normalize(number, s.countryCode)
	if err != nil {
		return models.PortRequest{}, errs.E(errs.Invalid, op, "invalid number")
	}
	sub, err := s.subscribers.Get(ctx, subscriberID)
	if err != nil {
		return models.PortRequest{}, err
	}
	if sub.Status != models.SubscriberActive {
		return models.PortRequest{}, errs.E(errs.Conflict, op, "line must be active to port a number in")
	}
	if len(pac) != 9 {
		return models.PortRequest{}, errs.E(errs.Invalid, op, "PAC must be 9 characters")
	}
	if earliest := time.Now().Add(minLeadTime); date.Before(earliest) {
		date = earliest
	}
	if date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
		date = date.AddDate(0, 0, int((8-date.Weekday())%7))
	}
	ref, err := s.npc.SubmitPortIn(ctx, num, donor, pac, date)
	if err != nil {
		return models.PortRequest{}, errs.Wrap(errs.Unavailable, op, err)
	}
	p := models.PortRequest{ID: ids.New("prt"), SubscriberID: sub.ID, MSISDN: num, Direction: models.PortIn, DonorOperator: donor,
		RecipientOp: s.npc.OperatorID(), PortingCode: pac, Status: models.PortSubmitted, ExternalRef: ref,
		ScheduledFor: date, CreatedAt: time.Now().UTC()}
	return p, s.store.Insert(ctx, p)
}

// GeneratePAC issues a porting authorisation code for a customer leaving us.
func (s *Service) GeneratePAC(ctx context.Context, subscriberID string) (string, time.Time, error) {
	sub, err := s.subscribers.Get(ctx, subscriberID)
	if err != nil {
		return "", time.Time{}, err
	}
	if sub.MSISDN == "" || sub.Status == models.SubscriberTerminated {
		return "", time.Time{}, errs.E(errs.Conflict, "porting.GeneratePAC", "no portable number on this account")
	}
	b := make([]byte, 9)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, err
	}
	for i := range b {
		b[i] = pacAlphabet[int(b[i])%len(pacAlphabet)]
	}
	exp := time.Now().Add(PACValidity).UTC()
	return string(b), exp, s.store.SavePAC(ctx, sub.ID, sub.MSISDN, string(b), exp)
}

// HandleCallback processes a verified clearinghouse webhook.
func (s *Service) HandleCallback(ctx context.Context, cb clearinghouse.Callback) error {
	now := time.Now().UTC()
	switch cb.Type {
	case clearinghouse.PortOutRequested:
		return s.portOutRequested(ctx, cb)
	case clearinghouse.PortInAccepted:
		p, err := s.store.ByRef(ctx, cb.Ref)
		if err != nil {
			return err
		}
		if err := s.store.SetSchedule(ctx, p.ID, cb.ScheduledFor); err != nil {
			return err
		}
		if sub, err := s.subscribers.Get(ctx, p.SubscriberID); err == nil && sub.MSISDN != "" {
			_ = s.notifier.Send(ctx, sub.MSISDN, notify.TplPortScheduled, map[string]string{
				"msisdn": p.MSISDN, "date": cb.ScheduledFor.Format("2 Jan")})
		}
		return s.store.Transition(ctx, p.ID, models.PortAccepted, "", now)
	case clearinghouse.PortInRejected:
		p, err := s.store.ByRef(ctx, cb.Ref)
		if err != nil {
			return err
		}
		return s.store.Transition(ctx, p.ID, models.PortRejected, cb.Reason, now)
	case clearinghouse.PortInCompleted:
		return s.completePortIn(ctx, cb, now)
	case clearinghouse.PortOutCompleted:
		p, err := s.store.ByRef(ctx, cb.Ref)
		if err != nil {
			return err
		}
		if err := s.numbers.MarkPortedOut(ctx, p.MSISDN); err != nil {
			return err
		}
		if err := s.store.Transition(ctx, p.ID, models.PortCompleted, "", now); err != nil {
			return err
		}
		return s.bus.Publish(ctx, events.PortCompleted, p.SubscriberID, models.PortCompletedEvent{
			PortID: p.ID, SubscriberID: p.SubscriberID, MSISDN: p.MSISDN, Direction: models.PortOut})
	}
	return errs.E(errs.Invalid, "porting.HandleCallback", "unknown callback type "+cb.Type)
}

func (s *Service) completePortIn(ctx context.Context, cb clearinghouse.Callback, now time.Time) error {
	p, err := s.store.ByRef(ctx, cb.Ref)
	if err != nil {
		return err
	}
	sub, err := s.subscribers.Get(ctx, p.SubscriberID)
	if err != nil {
		return err
	}
	card, err := s.sims.ForSubscriber(ctx, sub.ID)
	if err != nil {
		return err
	}
	if err := s.numbers.ImportPorted(ctx, p.MSISDN, sub.ID); err != nil {
		return err
	}
	if err := s.prov.ChangeMSISDN(ctx, sub.ID, card.IMSI, p.MSISDN); err != nil {
		return err
	}
	temporary := sub.MSISDN
	if err := s.subscribers.UpdateMSISDN(ctx, sub.ID, p.MSISDN); err != nil {
		return err
	}
	if temporary != "" && temporary != p.MSISDN {
		if err := s.numbers.Release(ctx, temporary); err != nil {
			s.log.Error("temporary number not released", "msisdn", temporary, "err", err)
		}
	}
	if err := s.store.Transition(ctx, p.ID, models.PortCompleted, "", now); err != nil {
		return err
	}
	return s.bus.Publish(ctx, events.PortCompleted, sub.ID, models.PortCompletedEvent{
		PortID: p.ID, SubscriberID: sub.ID, MSISDN: p.MSISDN, Direction: models.PortIn})
}

// portOutRequested validates a recipient operator's request. Prepaid lines
// always port; postpaid lines with unpaid bills are rejected (allowed by
// the regulator for accounts in collections).
func (s *Service) portOutRequested(ctx context.Context, cb clearinghouse.Callback) error {
	reject := func(reason string) error { return s.npc.RespondPortOut(ctx, cb.Ref, false, reason) }
	ls, err := s.store.Standing(ctx, cb.MSISDN)
	if errs.Is(err, errs.NotFound) {
		return reject("NUMBER_NOT_FOUND")
	}
	if err != nil {
		return err
	}
	subID, err := s.store.ValidPAC(ctx, cb.PortingCode, cb.MSISDN)
	if err != nil || subID != ls.SubscriberID {
		return reject("PAC_INVALID")
	}
	if ls.PaymentMode == models.PaymentModePostpaid && ls.Unpaid > 0 && ls.Status == string(models.SubscriberSuspended) {
		return reject("DEBT_OUTSTANDING")
	}
	p := models.PortRequest{ID: ids.New("prt"), SubscriberID: ls.SubscriberID, MSISDN: cb.MSISDN, Direction: models.PortOut,
		DonorOperator: s.npc.OperatorID(), RecipientOp: cb.Recipient, PortingCode: cb.PortingCode, Status: models.PortAccepted,
		ExternalRef: cb.Ref, ScheduledFor: cb.ScheduledFor, CreatedAt: time.Now().UTC()}
	if err := s.store.Insert(ctx, p); err != nil {
		return err
	}
	if err := s.store.UsePAC(ctx, cb.PortingCode); err != nil {
		return err
	}
	return s.npc.RespondPortOut(ctx, cb.Ref, true, "")
}
