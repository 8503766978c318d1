// Package subscribers owns the customer and line lifecycle: registration,
// identity verification, activation, plan changes, suspension, termination.
package subscribers

import (
	"context"
	"log/slog"
	"net/mail"
	"time"

	"mvno.telco/core/catalog"
	"mvno.telco/core/models"
	"mvno.telco/core/numbers"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/sims"
	"mvno.telco/core/subscribers/kyc"
	"mvno.telco/core/subscribers/store"
)

type Service struct {
	store   *store.Store
	kyc     *kyc.Checker
	catalog *catalog.Service
	sims    *sims.Service
	numbers *numbers.Pool
	prov    *provisioning.Service
	bus     *events.Bus
	log     *slog.Logger
}

func New(st *store.Store, k *kyc.Checker, cat *catalog.Service, sm *sims.Service, nums *numbers.Pool,
	prov *provisioning.Service, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: st, kyc: k, catalog: cat, sims: sm, numbers: nums, prov: prov, bus: bus, log: log}
}

type RegisterRequest struct {
	FirstName   string    `json:"first_name"`
	LastName    string    `json:"last_name"`
	Email       string    `json:"email"`
	DateOfBirth time.Time `json:"date_of_birth"`
	Address     string    `json:"address"`
	PlanCode    string    `json:"plan_code"`
}

func (s *Service) Register(ctx context.Context, r RegisterRequest) (models.Subscriber, error) {
	const op = "subscribers.Register"
	if r.FirstName == "" || r.LastName == "" {
		return models.Subscriber{}, errs.E(errs.Invalid, op, "name is required")
	}
	if _, err := mail.ParseAddress(r.Email); err != nil {
		return models.Subscriber{}, errs.E(errs.Invalid, op, "invalid email")
	}
	plan, err := s.catalog.Plan(ctx, r.PlanCode)
	if err != nil {
		return models.Subscriber{}, err
	}
	if !plan.Active {
		return models.Subscriber{}, errs.E(errs.Invalid, op, "plan is not on sale")
	}
	sub := models.Subscriber{
		ID: ids.New("sub"), FirstName: r.FirstName, LastName: r.LastName, Email: r.Email,
		DateOfBirth: r.DateOfBirth, Address: r.Address, PlanCode: plan.Code, PaymentMode: plan.PaymentMode,
		Status: models.SubscriberPending, KYCStatus: "none", BillingDay: 1, CreatedAt: time.Now().UTC(),
	}
	return sub, s.store.Insert(ctx, sub)
}

func (s *Service) Get(ctx context.Context, id string) (models.Subscriber, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) ByMSISDN(ctx context.Context, msisdn string) (models.Subscriber, error) {
	return s.store.ByMSISDN(ctx, msisdn)
}

func (s *Service) Search(ctx context.Context, q string, limit, offset int) ([]models.Subscriber, error) {
	return s.store.Search(ctx, q, limit, offset)
}

func (s *Service) Subscription(ctx context.Context, id string) (models.Subscription, error) {
	return s.store.Subscription(ctx, id)
}

// DueForBilling is used by the bill run.
func (s *Service) DueForBilling(ctx context.Context, day int) ([]models.Subscriber, error) {
	return s.store.DueForBilling(ctx, day)
}

func (s *Service) VerifyIdentity(ctx context.Context, id string, doc kyc.Document) (models.KYCCheck, error) {
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return models.KYCCheck{}, err
	}
	if sub.KYCStatus == "passed" {
		return models.KYCCheck{}, errs.E(errs.Conflict, "subscribers.VerifyIdentity", "already verified")
	}
	chk, err := s.kyc.Check(ctx, sub, doc)
	if err != nil {
		return chk, errs.Wrap(errs.Unavailable, "subscribers.VerifyIdentity", err)
	}
	return chk, s.store.SetKYC(ctx, chk)
}

type ActivateRequest struct {
	SimKind string `json:"sim_kind"`
	ICCID   string `json:"iccid,omitempty"` // physical SIM already in hand (shop/retail)
	Golden  bool   `json:"golden"`
}

// Activate gives a verified subscriber a number and a SIM and turns the line on.
func (s *Service) Activate(ctx context.Context, id string, r ActivateRequest) (models.Subscriber, error) {
	const op = "subscribers.Activate"
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return sub, err
	}
	if sub.Status != models.SubscriberPending {
		return sub, errs.E(errs.Conflict, op, "subscriber is "+string(sub.Status))
	}
	if sub.KYCStatus != "passed" {
		return sub, errs.E(errs.Forbidden, op, "identity not verified")
	}
	number, err := s.numbers.Reserve(ctx, id, r.Golden)
	if err != nil {
		return sub, err
	}
	var card models.SimCard
	if r.ICCID != "" {
		card, err = s.sims.AssignReserved(ctx, r.ICCID, id)
	} else {
		card, err = s.sims.Allocate(ctx, id, r.SimKind)
	}
	if err != nil {
		_ = s.numbers.Release(ctx, number)
		return sub, err
	}
	profile := provisioning.ProfileFor(sub.PlanCode, sub.PaymentMode == models.PaymentModePrepaid)
	if err := s.prov.Activate(ctx, id, card.IMSI, number, profile); err != nil {
		return sub, err
	}
	if err := s.numbers.Assign(ctx, number, id); err != nil {
		return sub, err
	}
	if err := s.sims.MarkActive(ctx, card.ICCID, id); err != nil {
		return sub, err
	}
	now := time.Now().UTC()
	if err := s.store.SetLine(ctx, id, number, card.ICCID, sub.PlanCode, now); err != nil {
		return sub, err
	}
	sub.MSISDN, sub.ICCID, sub.Status, sub.ActivatedAt = number, card.ICCID, models.SubscriberActive, now
	_ = s.bus.Publish(ctx, events.SubscriberActivated, id, sub)
	return sub, nil
}

// ChangePlan moves the line to another plan of the same payment mode.
// Takes effect immediately; the bill run prorates both plans.
func (s *Service) ChangePlan(ctx context.Context, id, planCode string) error {
	const op = "subscribers.ChangePlan"
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if sub.Status != models.SubscriberActive {
		return errs.E(errs.Conflict, op, "line is not active")
	}
	plan, err := s.catalog.Plan(ctx, planCode)
	if err != nil {
		return err
	}
	if !plan.Active || plan.PaymentMode != sub.PaymentMode {
		return errs.E(errs.Invalid, op, "plan not available for this line")
	}
	if plan.Code == sub.PlanCode {
		return nil
	}
	if err := s.store.ChangePlan(ctx, id, plan.Code, time.Now().UTC()); err != nil {
		return err
	}
	return s.bus.Publish(ctx, events.PlanChanged, id, map[string]string{"subscriber_id": id, "from": sub.PlanCode, "to": plan.Code})
}

func (s *Service) BuyAddOn(ctx context.Context, id, code string) (models.AddOn, error) {
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return models.AddOn{}, err
	}
	if sub.Status != models.SubscriberActive {
		return models.AddOn{}, errs.E(errs.Conflict, "subscribers.BuyAddOn", "line is not active")
	}
	a, err := s.catalog.CanAttach(ctx, sub.PlanCode, code)
	if err != nil {
		return a, err
	}
	var expires time.Time
	if a.ValidityDays > 0 {
		expires = time.Now().UTC().AddDate(0, 0, a.ValidityDays)
	}
	if err := s.store.AddAddOn(ctx, id, code, a.Recurring, expires); err != nil {
		return a, err
	}
	return a, s.bus.Publish(ctx, events.AddOnPurchased, id, map[string]any{
		"subscriber_id": id, "addon": a, "payment_mode": sub.PaymentMode})
}

func (s *Service) Suspend(ctx context.Context, id, reason string) error {
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if sub.Status != models.SubscriberActive {
		return errs.E(errs.Conflict, "subscribers.Suspend", "line is not active")
	}
	card, err := s.sims.ForSubscriber(ctx, id)
	if err != nil {
		return err
	}
	if err := s.prov.Bar(ctx, id, card.IMSI, reason); err != nil {
		return err
	}
	if err := s.store.SetStatus(ctx, id, models.SubscriberSuspended); err != nil {
		return err
	}
	return s.bus.Publish(ctx, events.SubscriberSuspended, id, map[string]string{"subscriber_id": id, "reason": reason})
}

func (s *Service) Resume(ctx context.Context, id string) error {
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if sub.Status != models.SubscriberSuspended {
		return errs.E(errs.Conflict, "subscribers.Resume", "line is not suspended")
	}
	card, err := s.sims.ForSubscriber(ctx, id)
	if err != nil {
		return err
	}
	if err := s.prov.Unbar(ctx, id, card.IMSI); err != nil {
		return err
	}
	return s.store.SetStatus(ctx, id, models.SubscriberActive)
}

// Terminate ends the contract. releaseNumber is false when the number has
// been ported out (it no longer belongs to us).
func (s *Service) Terminate(ctx context.Context, id, reason string, releaseNumber bool) error {
	sub, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if sub.Status == models.SubscriberTerminated {
		return nil
	}
	if sub.ICCID != "" {
		if card, err := s.sims.Get(ctx, sub.ICCID); err == nil {
			if err := s.prov.Deactivate(ctx, id, card.IMSI); err != nil {
				return err
			}
			if err := s.sims.Release(ctx, card.ICCID); err != nil {
				return err
			}
		}
	}
	if sub.MSISDN != "" && releaseNumber {
		if err := s.numbers.Release(ctx, sub.MSISDN); err != nil {
			return err
		}
	}
	now := time.Now().UTC()
	if err := s.store.EndSubscription(ctx, id, now); err != nil {
		return err
	}
	if err := s.store.SetStatus(ctx, id, models.SubscriberTerminated); err != nil {
		return err
	}
	s.log.Info("subscriber terminated", "subscriber", id, "reason", reason)
	return s.bus.Publish(ctx, events.SubscriberTerminated, id, map[string]string{"subscriber_id": id, "reason": reason})
}
