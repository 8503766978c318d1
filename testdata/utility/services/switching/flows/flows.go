// Package flows runs gain and loss switches: registering gains with the hub,
// handling hub messages, objecting to losses for debt, and the supply start
// and end work on completion.
package flows

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/metering/estimation"
	pricing "gridline.energy/platform/services/pricing/service"
	"gridline.energy/platform/services/switching/domain"
	"gridline.energy/platform/services/switching/hub"
	"gridline.energy/platform/services/switching/store"
)

type Service struct {
	db        *sql.DB
	store     *store.Store
	hub       *hub.Client
	sites     *sites.Service
	accounts  *accounts.Store
	estimator *estimation.Estimator
	pricing   *pricing.Service
	bus       *events.Bus
	log       *slog.Logger
	debtBlock money.Pence
	now       func() time.Time
}

func New(d *sql.DB, s *store.Store, h *hub.Client, st *sites.Service, acc *accounts.Store, est *estimation.Estimator,
	p *pricing.Service, bus *events.Bus, log *slog.Logger, debtBlock money.Pence) *Service {
	return &Service{db: d, store: s, hub: h, sites: st, accounts: acc, estimator: est, pricing: p, bus: bus,
		log: log, debtBlock: debtBlock, now: time.Now}
}

type GainRequest struct {
	SiteID     string    `json:"site_id"`
	SwitchDate time.Time `json:"switch_date"`
	TariffCode string    `json:"tariff_code"`
}

// RequestGain registers a switch to us. The date must be at least one
// working day out and no more than 28 days.
func (s *Service) RequestGain(ctx context.Context, req GainRequest) (store.Switch, error) {
	const op = "flows.RequestGain"
	site, err := s.sites.Get(ctx, req.SiteID)
	if err != nil {
		return store.Switch{}, err
	}
	now := s.now()
	earliest := util.AddWorkingDays(now, 1)
	if req.SwitchDate.IsZero() {
		req.SwitchDate = earliest
	}
	if req.SwitchDate.Before(earliest) || req.SwitchDate.After(now.AddDate(0, 0, domain.MaxLeadDays)) {
		return store.Switch{}, errs.Invalid(op, "switch date must be between %s and %d days from today",
			earliest.Format("2006-01-02"), domain.MaxLeadDays)
	}
	if live, err := s.store.Live(ctx, site.ID, domain.Gain); err != nil {
		return store.Switch{}, err
	} else if live {
		return store.Switch{}, errs.Conflict(op, "a switch is already in progress for this supply")
	}
	if req.TariffCode != "" {
		if _, err := s.pricing.Tariff(ctx, req.TariffCode); err != nil {
			return store.Switch{}, err
		}
	}
	sw := store.Switch{SwitchRequest: models.SwitchRequest{ID: ids.New(ids.PrefixSwitch), SiteID: site.ID,
		AccountID: site.AccountID, Direction: domain.Gain, Status: domain.StatusRequested,
		SwitchDate: util.Day(req.SwitchDate), CreatedAt: now.UTC()}, Reason: req.TariffCode}
	if err := s.store.Insert(ctx, sw); err != nil {
		return sw, err
	}
	ref, err := s.hub.RegisterGain(ctx, site.SupplyNumber(), sw.SwitchDate)
	if err != nil {
		s.log.Warn("hub registration failed; will retry", "switch", sw.ID, "err", err)
		return sw, nil
	}
	sw.HubRef = ref
	return sw, s.store.Update(ctx, sw, "registration sent")
}

// Poll fetches and applies hub messages; returns how many were handled.
func (s *Service) Poll(ctx context.Context) (int, error) {
	cursor, err := s.store.Cursor(ctx)
	if err != nil {
		return 0, err
	}
	msgs, next, err := s.hub.Poll(ctx, cursor)
	if err != nil {
		return 0, err
	}
	for i, m := range msgs {
		if err := s.handle(ctx, m); err != nil {
			s.log.Error("switch message failed", "seq", m.Seq, "type", m.Type, "err", err)
			if i > 0 {
				cursor = msgs[i-1].Seq
			}
			return i, s.store.SetCursor(ctx, cursor)
		}
	}
	return len(msgs), s.store.SetCursor(ctx, next)
}

func (s *Service) handle(ctx context.Context, m hub.Message) error {
	if m.Type == hub.MsgLossNotification {
		return s.startLoss(ctx, m)
	}
	sw, err := s.store.ByHubRef(ctx, m.HubRef)
	if err != nil {
		return err
	}
	to := map[string]string{
		hub.MsgRegistrationAccepted: domain.StatusRegistered,
		hub.MsgRegistrationRejected: domain.StatusRejected,
		hub.MsgObjectionRaised:      domain.StatusObjected,
		hub.MsgObjectionCleared:     domain.StatusRegistered,
		hub.MsgSwitchConfirmed:      domain.StatusConfirmed,
		hub.MsgSwitchCompleted:      domain.StatusCompleted,
	}[m.Type]
	if to == "" {
		s.log.Info("ignoring hub message", "type", m.Type)
		return nil
	}
	if err := domain.Move(&sw.Status, to); err != nil {
		s.log.Warn("out-of-order hub message", "switch", sw.ID, "err", err)
		return nil
	}
	sw.Reason = m.Reason
	if !m.SwitchDate.IsZero() {
		sw.SwitchDate = m.SwitchDate
	}
	if to == domain.StatusCompleted {
		if err := s.complete(ctx, sw); err != nil {
			return err
		}
	}
	return s.store.Update(ctx, sw, m.Type)
}

// startLoss records a loss and objects if the customer is in arrears we may
// object for: more than the threshold and overdue for 28 days or more.
func (s *Service) startLoss(ctx context.Context, m hub.Message) error {
	site, err := s.sites.BySupplyNumber(ctx, m.SupplyNumber)
	if err != nil {
		return err
	}
	sw := store.Switch{SwitchRequest: models.SwitchRequest{ID: ids.New(ids.PrefixSwitch), SiteID: site.ID,
		AccountID: site.AccountID, Direction: domain.Loss, Status: domain.StatusRegistered,
		OtherSupplier: m.OtherSupplier, SwitchDate: m.SwitchDate, CreatedAt: s.now().UTC()}, HubRef: m.HubRef}
	if err := s.store.Insert(ctx, sw); err != nil {
		return err
	}
	object, err := s.debtObjection(ctx, site.AccountID)
	if err != nil || !object {
		return err
	}
	if err := s.hub.Object(ctx, m.HubRef, domain.ObjectDebt); err != nil {
		return err
	}
	sw.Status, sw.Reason = domain.StatusObjected, domain.ObjectDebt
	return s.store.Update(ctx, sw, "objected for debt")
}

func (s *Service) debtObjection(ctx context.Context, accountID string) (bool, error) {
	acc, err := s.accounts.Get(ctx, accountID)
	if err != nil {
		return false, err
	}
	if acc.Balance < s.debtBlock {
		return false, nil
	}
	var oldest sql.NullTime
	if err := s.db.QueryRowContext(ctx, `SELECT min(due_date) FROM bills
		WHERE account_id = $1 AND status IN ('issued', 'part_paid')`, accountID).Scan(&oldest); err != nil {
		return false, err
	}
	return oldest.Valid && s.now().Sub(oldest.Time) >= domain.ObjectionDebtDays*24*time.Hour, nil
}

func (s *Service) complete(ctx context.Context, sw store.Switch) error {
	if sw.Direction == domain.Gain {
		if err := s.sites.StartSupply(ctx, sw.SiteID, sw.SwitchDate); err != nil {
			return err
		}
		site, err := s.sites.Get(ctx, sw.SiteID)
		if err != nil {
			return err
		}
		if code := sw.Reason; code != "" {
			if _, err := s.pricing.Change(ctx, sw.SiteID, site.Fuel, code, sw.SwitchDate); err != nil {
				s.log.Warn("tariff on gain", "switch", sw.ID, "err", err)
			}
		}
		if acc, err := s.accounts.Get(ctx, sw.AccountID); err == nil && acc.Status == models.AccountPending {
			if err := s.accounts.SetStatus(ctx, sw.AccountID, models.AccountActive); err != nil {
				return err
			}
		}
	} else {
		if _, err := s.estimator.FinalReads(ctx, sw.SiteID, sw.SwitchDate); err != nil {
			return err
		}
		if err := s.store.EndSupply(ctx, sw.SiteID, sw.SwitchDate); err != nil {
			return err
		}
		if err := s.finalIfNoLiveSites(ctx, sw.AccountID); err != nil {
			return err
		}
	}
	return s.bus.Publish(ctx, models.EventSwitchCompleted, sw.SiteID, models.SwitchCompletedPayload{
		SwitchID: sw.ID, SiteID: sw.SiteID, AccountID: sw.AccountID, Direction: sw.Direction, SwitchDate: sw.SwitchDate})
}

// finalIfNoLiveSites moves the account to final billing when its last
// supply has gone.
func (s *Service) finalIfNoLiveSites(ctx context.Context, accountID string) error {
	ss, err := s.sites.ForAccount(ctx, accountID)
	if err != nil {
		return err
	}
	for _, st := range ss {
		if st.SupplyEnd == nil {
			return nil
		}
	}
	return s.accounts.SetStatus(ctx, accountID, models.AccountFinal)
}

func (s *Service) Get(ctx context.Context, id string) (store.Switch, error) {
	return s.store.Get(ctx, id)
}
