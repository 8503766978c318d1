// Package consultations handles pharmacist counseling: mandatory offers
// for new prescriptions, patient requests, booking and notes.
package consultations

import (
	"context"
	"fmt"
	"time"

	customersapp "rxnow.health/backend/application/customers"
	rxapp "rxnow.health/backend/application/prescriptions"
	"rxnow.health/backend/domain/consultations"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/messaging"
	pgconsultations "rxnow.health/backend/infrastructure/postgres/consultations"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Service is the consultations API.
type Service struct {
	store     *pgconsultations.Store
	customers *customersapp.Service
	rx        *rxapp.Service
	sender    messaging.Sender
	now       func() time.Time
}

// NewService builds the service.
func NewService(store *pgconsultations.Store, customers *customersapp.Service, rx *rxapp.Service, sender messaging.Sender) *Service {
	return &Service{store: store, customers: customers, rx: rx, sender: sender, now: time.Now}
}

// Subscribe offers counseling for every first fill.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(models.EventOrderPlaced, func(ctx context.Context, e events.Event) error {
		p, ok := e.Payload.(models.OrderPlaced)
		if !ok {
			return fmt.Errorf("consultations: unexpected payload %T", e.Payload)
		}
		for _, id := range p.NewPrescriptions {
			rxID := id
			c := consultations.Consultation{CustomerID: p.CustomerID, PrescriptionID: &rxID, Topic: consultations.TopicNewRx, Status: consultations.StatusOffered}
			if err := s.store.Create(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	})
}

// Request lets a patient ask for a call.
func (s *Service) Request(ctx context.Context, customerID int64, prescriptionID *int64, topic, question string) (consultations.Consultation, error) {
	switch topic {
	case consultations.TopicSideEffects, consultations.TopicInteraction, consultations.TopicGeneral, consultations.TopicNewRx:
	default:
		return consultations.Consultation{}, errs.Invalidf("consultations.Request", "unknown topic %q", topic)
	}
	if prescriptionID != nil {
		rx, err := s.rx.Get(ctx, *prescriptionID)
		if err != nil {
			return consultations.Consultation{}, err
		}
		if rx.CustomerID != customerID {
			return consultations.Consultation{}, errs.Forbiddenf("consultations.Request", "not your prescription")
		}
	}
	c := consultations.Consultation{CustomerID: customerID, PrescriptionID: prescriptionID, Topic: topic, Question: question, Status: consultations.StatusRequested}
	return c, s.store.Create(ctx, &c)
}

// Schedule books a session with the pharmacist identified by subject.
func (s *Service) Schedule(ctx context.Context, id int64, pharmacistSubject string, at time.Time) (consultations.Consultation, error) {
	const op = "consultations.Schedule"
	c, err := s.store.Get(ctx, id)
	if err != nil {
		return c, err
	}
	phID, err := s.store.PharmacistBySubject(ctx, pharmacistSubject)
	if err != nil {
		return c, err
	}
	ph, err := s.store.Pharmacist(ctx, phID)
	if err != nil {
		return c, err
	}
	addrs, err := s.customers.Addresses(ctx, c.CustomerID)
	if err != nil {
		return c, err
	}
	if len(addrs) == 0 {
		return c, errs.Conflictf(op, "patient has no address on file; cannot determine licensure")
	}
	if !ph.LicensedIn(addrs[0].State) {
		return c, errs.Forbiddenf(op, "%s is not licensed in %s", ph.Name, addrs[0].State)
	}
	taken, err := s.store.SlotTaken(ctx, ph.ID, at)
	if err != nil {
		return c, err
	}
	if taken {
		return c, errs.Conflictf(op, "slot already booked")
	}
	if err := c.Schedule(ph, at, s.now()); err != nil {
		return c, err
	}
	if err := s.store.Update(ctx, c); err != nil {
		return c, err
	}
	s.notify(ctx, c)
	return c, nil
}

func (s *Service) notify(ctx context.Context, c consultations.Consultation) {
	who, err := s.customers.Summary(ctx, c.CustomerID)
	if err != nil || c.ScheduledAt == nil {
		return
	}
	_ = s.sender.Send(ctx, messaging.Message{Channel: messaging.ChannelEmail, To: who.Email, Template: "consultation_booked",
		Subject: "Your pharmacist consultation", Body: fmt.Sprintf("Hi %s, a pharmacist will call you at %s.", who.FirstName, c.ScheduledAt.Format(time.RFC1123))})
}

// Complete records notes.
func (s *Service) Complete(ctx context.Context, id int64, notes string) (consultations.Consultation, error) {
	c, err := s.store.Get(ctx, id)
	if err != nil {
		return c, err
	}
	if err := c.Complete(notes, s.now()); err != nil {
		return c, err
	}
	return c, s.store.Update(ctx, c)
}

// Get loads a consultation.
func (s *Service) Get(ctx context.Context, id int64) (consultations.Consultation, error) {
	return s.store.Get(ctx, id)
}

// OpenQueue lists sessions needing a pharmacist.
func (s *Service) OpenQueue(ctx context.Context) ([]consultations.Consultation, error) {
	return s.store.Open(ctx)
}
