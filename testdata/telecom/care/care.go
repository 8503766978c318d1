// Package care is the customer care desk: cases, SLAs and the agent's
// 360° view of a subscriber.
package care

import (
	"context"
	"log/slog"
	"time"

	"mvno.telco/core/care/store"
	"mvno.telco/core/catalog"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/rating"
	"mvno.telco/core/subscribers"
)

// SLA per priority.
var SLA = map[string]time.Duration{
	"p1": 4 * time.Hour,
	"p2": 24 * time.Hour,
	"p3": 72 * time.Hour,
	"p4": 7 * 24 * time.Hour,
}

var categories = map[string]bool{"billing": true, "network": true, "porting": true, "device": true, "other": true}

type Service struct {
	store       *store.Store
	subscribers *subscribers.Service
	catalog     *catalog.Service
	rating      *rating.Service
	notifier    notify.Sender
	currency    string
	log         *slog.Logger
}

func New(st *store.Store, subs *subscribers.Service, cat *catalog.Service, r *rating.Service, n notify.Sender,
	currency string, log *slog.Logger) *Service {
	return &Service{store: st, subscribers: subs, catalog: cat, rating: r, notifier: n, currency: currency, log: log}
}

type OpenRequest struct {
	SubscriberID string `json:"subscriber_id"`
	Category     string `json:"category"`
	Subject      string `json:"subject"`
	Priority     string `json:"priority"`
	Description  string `json:"description"`
	Agent        string `json:"agent"`
}

func (s *Service) Open(ctx context.Context, r OpenRequest) (models.Case, error) {
	const op = "care.Open"
	if !categories[r.Category] {
		return models.Case{}, errs.E(errs.Invalid, op, "unknown category")
	}
	if r.Subject == "" {
		return models.Case{}, errs.E(errs.Invalid, op, "subject required")
	}
	if _, ok := SLA[r.Priority]; !ok {
		r.Priority = "p3"
	}
	// Network outages affecting a line are never lower than p2.
	if r.Category == "network" && r.Priority > "p2" {
		r.Priority = "p2"
	}
	if _, err := s.subscribers.Get(ctx, r.SubscriberID); err != nil {
		return models.Case{}, err
	}
	now := time.Now().UTC()
	c := models.Case{ID: ids.New("case"), SubscriberID: r.SubscriberID, Category: r.Category, Subject: r.Subject,
		Status: "open", Priority: r.Priority, OpenedAt: now, DueAt: now.Add(SLA[r.Priority])}
	note := models.CaseNote{ID: ids.New("note"), CaseID: c.ID, Author: r.Agent, Body: r.Description, Internal: false, CreatedAt: now}
	return c, s.store.Insert(ctx, c, note)
}

func (s *Service) Get(ctx context.Context, id string) (models.Case, []models.CaseNote, error) {
	c, err := s.store.Get(ctx, id)
	if err != nil {
		return c, nil, err
	}
	notes, err := s.store.Notes(ctx, id, true)
	return c, notes, err
}

func (s *Service) Queue(ctx context.Context, agent string, limit int) ([]models.Case, error) {
	return s.store.Queue(ctx, agent, limit)
}

func (s *Service) AddNote(ctx context.Context, caseID, author, body string, internal bool) error {
	c, err := s.store.Get(ctx, caseID)
	if err != nil {
		return err
	}
	if c.Status == "closed" {
		return errs.E(errs.Conflict, "care.AddNote", "case is closed")
	}
	if err := s.store.AddNote(ctx, models.CaseNote{ID: ids.New("note"), CaseID: caseID, Author: author, Body: body,
		Internal: internal, CreatedAt: time.Now().UTC()}); err != nil {
		return err
	}
	if !internal {
		s.tellCustomer(ctx, c, "updated")
	}
	return nil
}

func (s *Service) Close(ctx context.Context, caseID, agent, resolution string) error {
	if resolution == "" {
		return errs.E(errs.Invalid, "care.Close", "resolution required")
	}
	c, err := s.store.Get(ctx, caseID)
	if err != nil {
		return err
	}
	if err := s.store.AddNote(ctx, models.CaseNote{ID: ids.New("note"), CaseID: caseID, Author: agent,
		Body: "Resolved: " + resolution, CreatedAt: time.Now().UTC()}); err != nil {
		return err
	}
	c.Status, c.ClosedAt = "closed", time.Now().UTC()
	if err := s.store.Update(ctx, c); err != nil {
		return err
	}
	s.tellCustomer(ctx, c, "resolved")
	return nil
}

// EscalateBreached is a scheduler job: bump priority of cases past SLA.
func (s *Service) EscalateBreached(ctx context.Context) error {
	now := time.Now().UTC()
	cases, err := s.store.Breached(ctx, now)
	if err != nil {
		return err
	}
	for _, c := range cases {
		switch c.Priority {
		case "p4":
			c.Priority = "p3"
		case "p3":
			c.Priority = "p2"
		default:
			c.Priority = "p1"
		}
		c.Status, c.DueAt = "escalated", now.Add(SLA[c.Priority])
		if err := s.store.Update(ctx, c); err != nil {
			return err
		}
		s.log.Warn("case escalated", "case", c.ID, "priority", c.Priority)
	}
	return nil
}

// Overview assembles the agent's view of a subscriber.
func (s *Service) Overview(ctx context.Context, subscriberID string) (models.SubscriberOverview, error) {
	sub, err := s.subscribers.Get(ctx, subscriberID)
	if err != nil {
		return models.SubscriberOverview{}, err
	}
	ov := models.SubscriberOverview{Subscriber: sub}
	if p, err := s.catalog.Plan(ctx, sub.PlanCode); err == nil {
		ov.Plan = &p
	}
	if sub.PaymentMode == models.PaymentModePrepaid {
		if b, err := s.rating.Balance(ctx, sub.ID); err == nil {
			ov.Balance = &b
		}
	}
	acc, err := s.store.AccountSnapshot(ctx, sub.ID, s.currency)
	if err != nil {
		return ov, err
	}
	ov.Outstanding, ov.OpenInvoices, ov.PendingPort, ov.LastPaymentAt = acc.Outstanding, acc.OpenInvoices, acc.PendingPort, acc.LastPaymentAt
	ov.OpenCases, err = s.store.OpenForSubscriber(ctx, sub.ID)
	return ov, err
}

func (s *Service) tellCustomer(ctx context.Context, c models.Case, status string) {
	sub, err := s.subscribers.Get(ctx, c.SubscriberID)
	if err != nil || sub.MSISDN == "" {
		return
	}
	if err := s.notifier.Send(ctx, sub.MSISDN, notify.TplCaseUpdate, map[string]string{"case": c.ID, "status": status}); err != nil {
		s.log.Warn("case notification failed", "case", c.ID, "err", err)
	}
}
