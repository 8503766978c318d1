// Package sims manages the SIM and eSIM inventory: batches, allocation,
// activation codes and SIM swaps.
package sims

import (
	"context"
	"log/slog"
	"strings"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/sims/esim"
	"mvno.telco/core/sims/store"
)

type Service struct {
	store *store.Store
	smdp  *esim.Client
	prov  *provisioning.Service
	bus   *events.Bus
	log   *slog.Logger
}

func New(s *store.Store, smdp *esim.Client, prov *provisioning.Service, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: s, smdp: smdp, prov: prov, bus: bus, log: log}
}

func (s *Service) Get(ctx context.Context, iccid string) (models.SimCard, error) {
	return s.store.Get(ctx, iccid)
}

func (s *Service) ForSubscriber(ctx context.Context, subscriberID string) (models.SimCard, error) {
	return s.store.ActiveForSubscriber(ctx, subscriberID)
}

// Allocate reserves a SIM for a subscriber. For eSIM the profile is
// released on the SM-DP+ immediately so the QR code can be shown.
func (s *Service) Allocate(ctx context.Context, subscriberID, kind string) (models.SimCard, error) {
	if kind != models.SimKindPhysical && kind != models.SimKindESIM {
		return models.SimCard{}, errs.E(errs.Invalid, "sims.Allocate", "unknown sim kind "+kind)
	}
	card, err := s.store.ReserveNext(ctx, kind, subscriberID)
	if err != nil {
		return card, err
	}
	if kind == models.SimKindESIM {
		p, err := s.smdp.DownloadOrder(ctx, card.ICCID, "")
		if err != nil {
			_ = s.store.SetStatus(ctx, card.ICCID, models.SimAvailable, "")
			return card, errs.Wrap(errs.Unavailable, "sims.Allocate", err)
		}
		if err := s.store.SetActivationCode(ctx, card.ICCID, p.ActivationCode, p.MatchingID); err != nil {
			return card, err
		}
		card.ActivationCode = p.ActivationCode
	}
	return card, nil
}

// AssignReserved binds a physical SIM (e.g. from a shop starter pack) to a subscriber.
func (s *Service) AssignReserved(ctx context.Context, iccid, subscriberID string) (models.SimCard, error) {
	card, err := s.store.Get(ctx, iccid)
	if err != nil {
		return card, err
	}
	if card.Status != models.SimReserved && card.Status != models.SimAvailable {
		return card, errs.E(errs.Conflict, "sims.AssignReserved", "sim is "+card.Status)
	}
	if card.SubscriberID != "" && card.SubscriberID != subscriberID {
		return card, errs.E(errs.Conflict, "sims.AssignReserved", "sim reserved for another subscriber")
	}
	card.SubscriberID, card.Status = subscriberID, models.SimReserved
	return card, s.store.SetStatus(ctx, iccid, models.SimReserved, subscriberID)
}

func (s *Service) MarkActive(ctx context.Context, iccid, subscriberID string) error {
	return s.store.SetStatus(ctx, iccid, models.SimActive, subscriberID)
}

// Release returns an unused reserved card to stock or retires a used one.
func (s *Service) Release(ctx context.Context, iccid string) error {
	card, err := s.store.Get(ctx, iccid)
	if err != nil {
		return err
	}
	if card.Status == models.SimReserved && card.Kind == models.SimKindPhysical {
		return s.store.SetStatus(ctx, iccid, models.SimAvailable, "")
	}
	return s.store.SetStatus(ctx, iccid, models.SimRetired, card.SubscriberID)
}

// Swap moves a subscriber to a new SIM (lost/stolen/upgrade to eSIM).
func (s *Service) Swap(ctx context.Context, subscriberID, newICCID string) (models.SimCard, error) {
	const op = "sims.Swap"
	old, err := s.store.ActiveForSubscriber(ctx, subscriberID)
	if err != nil {
		return models.SimCard{}, err
	}
	nc, err := s.store.Get(ctx, newICCID)
	if err != nil {
		return nc, err
	}
	if nc.Status != models.SimAvailable && !(nc.Status == models.SimReserved && nc.SubscriberID == subscriberID) {
		return nc, errs.E(errs.Conflict, op, "new sim is not available")
	}
	if err := s.prov.ChangeIMSI(ctx, subscriberID, old.IMSI, nc.IMSI); err != nil {
		return nc, err
	}
	if err := s.store.SetStatus(ctx, old.ICCID, models.SimRetired, subscriberID); err != nil {
		return nc, err
	}
	if err := s.store.SetStatus(ctx, nc.ICCID, models.SimActive, subscriberID); err != nil {
		return nc, err
	}
	nc.Status, nc.SubscriberID = models.SimActive, subscriberID
	_ = s.bus.Publish(ctx, events.SimSwapped, subscriberID, map[string]string{
		"subscriber_id": subscriberID, "old_iccid": old.ICCID, "new_iccid": nc.ICCID})
	return nc, nil
}

// ImportBatch validates ICCIDs (Luhn) and IMSIs before loading a delivery.
func (s *Service) ImportBatch(ctx context.Context, vendor string, cards []models.SimCard) (string, error) {
	const op = "sims.ImportBatch"
	if len(cards) == 0 {
		return "", errs.E(errs.Invalid, op, "empty batch")
	}
	for i := range cards {
		cards[i].ICCID = strings.TrimSpace(cards[i].ICCID)
		if !ValidICCID(cards[i].ICCID) {
			return "", errs.E(errs.Invalid, op, "bad ICCID checksum: "+cards[i].ICCID)
		}
		if len(cards[i].IMSI) != 15 {
			return "", errs.E(errs.Invalid, op, "bad IMSI for "+cards[i].ICCID)
		}
		if cards[i].Kind == "" {
			cards[i].Kind = models.SimKindPhysical
		}
	}
	batchID := ids.New("bat")
	return batchID, s.store.InsertBatch(ctx, batchID, vendor, cards)
}

// ValidICCID checks length and the Luhn check digit.
func ValidICCID(iccid string) bool {
	if len(iccid) < 19 || len(iccid) > 20 || !strings.HasPrefix(iccid, "89") {
		return false
	}
	sum := 0
	double := false
	for i := len(iccid) - 1; i >= 0; i-- {
		d := int(iccid[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
