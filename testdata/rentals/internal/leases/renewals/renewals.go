// Package renewals generates and processes lease renewal offers.
package renewals

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/tenants"
	"github.com/keystoneprop/platform/internal/units"
)

// capBps is the statewide rent-increase cap we apply everywhere (CA AB1482
// style: 5% + CPI, max 10%). CPI is read from config table rent_caps.
const defaultCapBps = 800

type Service struct {
	conn    *sql.DB
	leases  *leases.Service
	units   *units.Service
	tenants *tenants.Service
	notify  *notify.Service
}

func NewService(conn *sql.DB, l *leases.Service, u *units.Service, t *tenants.Service, n *notify.Service) *Service {
	return &Service{conn: conn, leases: l, units: u, tenants: t, notify: n}
}

// OfferRent moves the tenant toward market rent but never by more than the cap.
func OfferRent(current, market money.Cents, capBps int64) money.Cents {
	if market <= current {
		return current
	}
	ceiling := current + current.MulBps(capBps)
	return money.Min(market, ceiling)
}

func (s *Service) capFor(ctx context.Context, propertyID string) int64 {
	var bps int64
	err := s.conn.QueryRowContext(ctx, `SELECT rc.cap_bps FROM rent_caps rc
		JOIN properties p ON p.state = rc.state WHERE p.id = $1 AND rc.effective_on <= current_date
		ORDER BY rc.effective_on DESC LIMIT 1`, propertyID).Scan(&bps)
	if err != nil {
		return defaultCapBps
	}
	return bps
}

func (s *Service) Name() string { return "renewals.offer" }

// Run creates offers for leases expiring in 60–90 days.
func (s *Service) Run(ctx context.Context) error {
	exp, err := s.leases.Expiring(ctx, 60, 90)
	if err != nil {
		return err
	}
	log := logging.From(ctx)
	for _, l := range exp {
		u, err := s.units.Get(ctx, l.UnitID)
		if err != nil {
			log.Error("renewal unit", "lease", l.ID, "err", err)
			continue
		}
		r := models.Renewal{
			ID: ids.New("rnw"), LeaseID: l.ID, OfferedRent: OfferRent(l.MonthlyRent, u.MarketRent, s.capFor(ctx, l.PropertyID)),
			TermMonths: 12, Status: "offered", OfferedAt: time.Now().UTC(),
		}
		r.RespondBy = l.EndDate.AddDate(0, 0, -30)
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO lease_renewals (id, lease_id, offered_rent_cents, term_months, status, offered_at, respond_by)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, r.ID, r.LeaseID, r.OfferedRent, r.TermMonths, r.Status, r.OfferedAt, r.RespondBy); err != nil {
			log.Error("renewal insert", "lease", l.ID, "err", err)
			continue
		}
		ts, _ := s.tenants.GetMany(ctx, l.TenantIDs)
		for _, t := range ts {
			_ = s.notify.Tenant(ctx, t, "lease.renewal_offer", map[string]string{
				"amount": r.OfferedRent.String(), "term": "12", "respond_by": r.RespondBy.Format("Jan 2"),
			})
		}
	}
	return nil
}

func (s *Service) get(ctx context.Context, id string) (models.Renewal, error) {
	var r models.Renewal
	err := s.conn.QueryRowContext(ctx, `SELECT id, lease_id, offered_rent_cents, term_months, status, offered_at, respond_by
		FROM lease_renewals WHERE id = $1`, id).Scan(&r.ID, &r.LeaseID, &r.OfferedRent, &r.TermMonths, &r.Status, &r.OfferedAt, &r.RespondBy)
	return r, db.Check(err, "renewal")
}

// Accept extends the lease at the offered rent.
func (s *Service) Accept(ctx context.Context, id string) error {
	r, err := s.get(ctx, id)
	if err != nil {
		return err
	}
	if r.Status != "offered" {
		return errs.E(errs.Conflict, "renewal is %s", r.Status)
	}
	if time.Now().After(r.RespondBy) {
		return errs.E(errs.Conflict, "offer expired on %s", r.RespondBy.Format("2006-01-02"))
	}
	return db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE lease_renewals SET status = 'accepted', responded_at = now() WHERE id = $1`, id); err != nil {
			return err
		}
		if err := s.leases.Extend(ctx, tx, r.LeaseID, r.TermMonths, int64(r.OfferedRent)); err != nil {
			return err
		}
		// keep billing in step with the new rent
		_, err := tx.ExecContext(ctx, `UPDATE rent_schedules SET amount_cents = $2, ends_on = NULL WHERE lease_id = $1`, r.LeaseID, r.OfferedRent)
		return err
	})
}

func (s *Service) Decline(ctx context.Context, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE lease_renewals SET status = 'declined', responded_at = now() WHERE id = $1 AND status = 'offered'`, id)
	return db.MustAffect(res, err, "open renewal")
}
