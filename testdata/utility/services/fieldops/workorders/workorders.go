// Package workorders raises, books and completes field visits: meter
// exchanges and smart installs, safety checks, and debt disconnections and
// reconnections.
package workorders

import (
	"context"
	"strings"
	"time"

	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/fieldops/store"
	"gridline.energy/platform/services/metering/meters"
)

const (
	KindMeterExchange = "meter_exchange"
	KindSmartInstall  = "smart_install"
	KindSafetyCheck   = "safety_check"
	KindDisconnect    = "disconnect"
	KindReconnect     = "reconnect"

	StatusRaised    = "raised"
	StatusBooked    = "booked"
	StatusCompleted = "completed"
	StatusNoAccess  = "no_access"

	MinNoticeWorkingDays = 2
)

var slots = map[string]bool{"AM": true, "PM": true}

type Service struct {
	store  *store.Store
	meters *meters.Registry
	sites  *sites.Service
	psr    *priority.Register
	now    func() time.Time
}

func New(s *store.Store, m *meters.Registry, st *sites.Service, psr *priority.Register) *Service {
	return &Service{store: s, meters: m, sites: st, psr: psr, now: time.Now}
}

// winterMoratorium: no debt disconnections from October to March.
func winterMoratorium(t time.Time) bool {
	m := t.Month()
	return m >= time.October || m <= time.March
}

func (s *Service) Raise(ctx context.Context, siteID, kind, notes string) (models.WorkOrder, error) {
	const op = "workorders.Raise"
	site, err := s.sites.Get(ctx, siteID)
	if err != nil {
		return models.WorkOrder{}, err
	}
	switch kind {
	case KindMeterExchange, KindSmartInstall, KindSafetyCheck, KindReconnect:
	case KindDisconnect:
		if winterMoratorium(s.now()) {
			return models.WorkOrder{}, errs.Forbidden(op, "no debt disconnections between October and March")
		}
		protected, err := s.psr.Protected(ctx, site.AccountID)
		if err != nil {
			return models.WorkOrder{}, err
		}
		if protected {
			return models.WorkOrder{}, errs.Forbidden(op, "account is on the Priority Services Register")
		}
	default:
		return models.WorkOrder{}, errs.Invalid(op, "unknown work order kind %q", kind)
	}
	w := models.WorkOrder{ID: ids.New(ids.PrefixWorkOrder), SiteID: siteID, Kind: kind, Status: StatusRaised,
		Notes: notes, CreatedAt: s.now().UTC()}
	return w, s.store.InsertOrder(ctx, w)
}

// region is the postcode area ("SW" of "SW1A 1AA") used for engineer patches.
func region(postcode string) string {
	d := util.PostcodeDistrict(postcode)
	if i := strings.IndexAny(d, "0123456789"); i > 0 {
		return d[:i]
	}
	return d
}

func (s *Service) Book(ctx context.Context, id string, day time.Time, slot string) (models.WorkOrder, error) {
	const op = "workorders.Book"
	w, err := s.store.Order(ctx, id)
	if err != nil {
		return w, err
	}
	if w.Status != StatusRaised && w.Status != StatusNoAccess {
		return w, errs.Conflict(op, "work order is %s", w.Status)
	}
	if !slots[slot] {
		return w, errs.Invalid(op, "slot must be AM or PM")
	}
	if !util.IsWorkingDay(day) || util.WorkingDaysBetween(s.now(), day) < MinNoticeWorkingDays {
		return w, errs.Invalid(op, "appointments need %d working days' notice on a working day", MinNoticeWorkingDays)
	}
	site, err := s.sites.Get(ctx, w.SiteID)
	if err != nil {
		return w, err
	}
	reg := region(site.Address.Postcode)
	booked, capacity, err := s.store.SlotLoad(ctx, reg, util.Day(day), slot)
	if err != nil {
		return w, err
	}
	if booked >= capacity {
		return w, errs.Conflict(op, "no engineer capacity in %s on %s %s", reg, day.Format("2006-01-02"), slot)
	}
	if err := s.store.Book(ctx, id, reg, util.Day(day), slot); err != nil {
		return w, err
	}
	d := util.Day(day)
	w.Status, w.ScheduledFor, w.Slot = StatusBooked, &d, slot
	return w, nil
}

type CompleteRequest struct {
	EngineerID string                 `json:"engineer_id"`
	Notes      string                 `json:"notes"`
	OldMeterID string                 `json:"old_meter_id,omitempty"`
	Closing    map[string]float64     `json:"closing_reads,omitempty"`
	NewMeter   *meters.InstallRequest `json:"new_meter,omitempty"`
	NoAccess   bool                   `json:"no_access"`
}

func (s *Service) Complete(ctx context.Context, id string, req CompleteRequest) (models.WorkOrder, error) {
	const op = "workorders.Complete"
	w, err := s.store.Order(ctx, id)
	if err != nil {
		return w, err
	}
	if w.Status != StatusBooked {
		return w, errs.Conflict(op, "work order is %s", w.Status)
	}
	if req.NoAccess {
		return w, s.store.SetOrderStatus(ctx, id, StatusNoAccess, req.EngineerID, "no access: "+req.Notes)
	}
	switch w.Kind {
	case KindMeterExchange, KindSmartInstall:
		if req.OldMeterID == "" || req.NewMeter == nil {
			return w, errs.Invalid(op, "exchange needs the old meter, closing reads and the new meter")
		}
		req.NewMeter.At = s.now().UTC()
		if _, err := s.meters.Exchange(ctx, req.OldMeterID, req.Closing, *req.NewMeter); err != nil {
			return w, err
		}
	}
	w.Status, w.EngineerID = StatusCompleted, req.EngineerID
	return w, s.store.SetOrderStatus(ctx, id, StatusCompleted, req.EngineerID, req.Notes)
}

func (s *Service) Get(ctx context.Context, id string) (models.WorkOrder, error) {
	return s.store.Order(ctx, id)
}

func (s *Service) ForSite(ctx context.Context, siteID string) ([]models.WorkOrder, error) {
	return s.store.OrdersForSite(ctx, siteID)
}
