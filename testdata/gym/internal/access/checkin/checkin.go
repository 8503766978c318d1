// Package checkin decides whether a member may pass the door.
package checkin

import (
	"context"
	"time"

	"github.com/pulsefit/clubs/internal/access/cards"
	"github.com/pulsefit/clubs/internal/access/store"
	"github.com/pulsefit/clubs/internal/membership/domain"
	memberstore "github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
)

// AntiPassback stops a card being passed back through the turnstile.
const AntiPassback = 2 * time.Minute

// Capacity reports a club's safe capacity (facilities).
type Capacity interface {
	MaxOccupancy(ctx context.Context, clubID string) (int, error)
}

type Service struct {
	cards    *cards.Registry
	store    *store.Store
	members  *memberstore.Store // read directly: the eligibility API was too slow for the turnstiles in 2021
	capacity Capacity
	bus      *events.Bus
	now      func() time.Time
}

func New(c *cards.Registry, st *store.Store, ms *memberstore.Store, cap Capacity, bus *events.Bus) *Service {
	return &Service{cards: c, store: st, members: ms, capacity: cap, bus: bus, now: time.Now}
}

// Decision is returned to the door controller.
type Decision struct {
	Allowed  bool   `json:"allowed"`
	MemberID string `json:"member_id,omitempty"`
	Name     string `json:"name,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

func (s *Service) decide(ctx context.Context, memberID, clubID string, now time.Time) (Decision, error) {
	d := Decision{MemberID: memberID}
	m, err := s.members.GetMember(ctx, memberID)
	if err != nil {
		return d, err
	}
	d.Name = m.FirstName
	ms, err := s.members.CurrentMembership(ctx, memberID)
	if errs.Is(err, errs.KindNotFound) {
		d.Reason = "no membership"
		return d, nil
	} else if err != nil {
		return d, err
	}
	switch {
	case ms.Status != models.MemberActive:
		d.Reason = "membership " + string(ms.Status)
	case ms.StartDate.After(now):
		d.Reason = "membership not started"
	case ms.EndDate != nil && ms.EndDate.Before(now):
		d.Reason = "membership ended"
	case !ms.Plan.AllClubs && ms.ClubID != clubID:
		d.Reason = "home club only"
	case ms.Plan.OffPeakOnly && !domain.IsOffPeak(now):
		d.Reason = "off-peak membership"
	}
	if d.Reason != "" {
		return d, nil
	}
	last, err := s.store.LastAllowed(ctx, memberID)
	if err != nil {
		return d, err
	}
	if now.Sub(last) < AntiPassback {
		d.Reason = "anti-passback"
		return d, nil
	}
	if s.capacity != nil {
		max, err := s.capacity.MaxOccupancy(ctx, clubID)
		if err == nil && max > 0 {
			occ, err := s.store.Occupancy(ctx, clubID, now)
			if err == nil && occ >= max {
				d.Reason = "club at capacity"
				return d, nil
			}
		}
	}
	d.Allowed = true
	return d, nil
}

// Present handles a card/QR presented at a device.
func (s *Service) Present(ctx context.Context, deviceID, credential string) (Decision, error) {
	dev, err := s.store.Device(ctx, deviceID)
	if err != nil {
		return Decision{}, err
	}
	if dev.Disabled {
		return Decision{Reason: "device disabled"}, nil
	}
	_ = s.store.TouchDevice(ctx, deviceID)
	memberID, err := s.cards.Lookup(ctx, credential)
	if err != nil {
		if errs.Is(err, errs.KindNotFound) || errs.Is(err, errs.KindForbidden) {
			return Decision{Reason: "unknown card"}, nil
		}
		return Decision{}, err
	}
	now := s.now().UTC()
	d, err := s.decide(ctx, memberID, dev.ClubID, now)
	if err != nil {
		return Decision{}, err
	}
	ci := models.CheckIn{ID: ids.New(ids.CheckIn), MemberID: memberID, ClubID: dev.ClubID, DeviceID: deviceID,
		At: now, Allowed: d.Allowed, Reason: d.Reason}
	if err := s.store.Insert(ctx, ci); err != nil {
		return Decision{}, err
	}
	if d.Allowed {
		_ = s.bus.Publish(ctx, events.CheckedIn, memberID, ci)
	}
	return d, nil
}

// Occupancy exposes current occupancy for the club app.
func (s *Service) Occupancy(ctx context.Context, clubID string) (int, error) {
	return s.store.Occupancy(ctx, clubID, s.now().UTC())
}
