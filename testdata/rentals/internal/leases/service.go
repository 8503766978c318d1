// Package leases manages the lease lifecycle: drafting, signing, activation,
// notice and move-out.
package leases

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/leases/esign"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/storage"
	"github.com/keystoneprop/platform/internal/tenants"
	"github.com/keystoneprop/platform/internal/units"
)

type Service struct {
	conn    *sql.DB
	store   *Store
	units   *units.Service
	tenants *tenants.Service
	esign   *esign.Client
	files   storage.Store
	notify  *notify.Service
}

func NewService(conn *sql.DB, store *Store, u *units.Service, t *tenants.Service, e *esign.Client, f storage.Store, n *notify.Service) *Service {
	return &Service{conn: conn, store: store, units: u, tenants: t, esign: e, files: f, notify: n}
}

func (s *Service) Get(ctx context.Context, id string) (models.Lease, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) CurrentForUnit(ctx context.Context, unitID string) (models.Lease, error) {
	return s.store.CurrentForUnit(ctx, unitID)
}

func (s *Service) ForTenant(ctx context.Context, tenantID string) ([]models.Lease, error) {
	return s.store.ListForTenant(ctx, tenantID)
}

type Draft struct {
	UnitID        string
	ApplicationID string
	Tenants       []models.Tenant
	StartDate     time.Time
	TermMonths    int
	MonthlyRent   int64
	Deposit       int64
	RentDueDay    int
}

// CreateDraft creates tenants (if new) and a draft lease.
func (s *Service) CreateDraft(ctx context.Context, d Draft) (models.Lease, error) {
	if len(d.Tenants) == 0 {
		return models.Lease{}, errs.E(errs.Invalid, "a lease needs at least one tenant")
	}
	if d.TermMonths < 1 || d.TermMonths > 24 {
		return models.Lease{}, errs.E(errs.Invalid, "term must be 1-24 months")
	}
	if d.RentDueDay == 0 {
		d.RentDueDay = 1
	}
	u, err := s.units.Get(ctx, d.UnitID)
	if err != nil {
		return models.Lease{}, err
	}
	if cur, err := s.store.CurrentForUnit(ctx, u.ID); err == nil && cur.EndDate.After(d.StartDate) {
		return models.Lease{}, errs.E(errs.Conflict, "unit has a lease through %s", cur.EndDate.Format("2006-01-02"))
	}
	l := models.Lease{
		ID: ids.New(ids.Lease), UnitID: u.ID, PropertyID: u.PropertyID, ApplicationID: d.ApplicationID,
		StartDate: d.StartDate, EndDate: d.StartDate.AddDate(0, d.TermMonths, -1),
		MonthlyRent: u.MarketRent, RentDueDay: d.RentDueDay, Status: models.LeaseDraft,
	}
	if d.MonthlyRent > 0 {
		l.MonthlyRent = moneyOf(d.MonthlyRent)
	}
	l.Deposit = moneyOf(d.Deposit)
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		for _, t := range d.Tenants {
			saved, err := s.tenants.Upsert(ctx, tx, t)
			if err != nil {
				return err
			}
			l.TenantIDs = append(l.TenantIDs, saved.ID)
		}
		return s.store.Insert(ctx, tx, l)
	})
	return l, err
}

// SendForSignature renders the lease document and sends it to all tenants.
func (s *Service) SendForSignature(ctx context.Context, id string) (string, error) {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if l.Status != models.LeaseDraft {
		return "", errs.E(errs.Conflict, "lease is %s, not draft", l.Status)
	}
	ts, err := s.tenants.GetMany(ctx, l.TenantIDs)
	if err != nil {
		return "", err
	}
	doc := render(l, ts)
	if _, err := s.files.Put(ctx, "leases/"+l.ID+"/unsigned.pdf", bytes.NewReader(doc)); err != nil {
		return "", err
	}
	var signers []esign.Signer
	for i, t := range ts {
		signers = append(signers, esign.Signer{Name: t.FullName(), Email: t.Email, Order: i + 1})
	}
	env, url, err := s.esign.Send(ctx, l.ID, doc, signers)
	if err != nil {
		return "", errs.Wrap(err, errs.Unavailable, "e-signature provider")
	}
	if err := s.store.SetEnvelope(ctx, l.ID, env.ID); err != nil {
		return "", err
	}
	for _, t := range ts {
		_ = s.notify.Tenant(ctx, t, "lease.sent", map[string]string{"url": url})
	}
	return url, nil
}

// HandleSignature processes an e-sign callback; a completed envelope activates the lease.
func (s *Service) HandleSignature(ctx context.Context, cb esign.Callback) error {
	env, err := s.esign.Record(ctx, cb)
	if err != nil {
		return err
	}
	switch env.Status {
	case "completed":
		return s.Activate(ctx, env.LeaseID)
	case "declined":
		return s.store.SetStatus(ctx, s.conn, env.LeaseID, []models.LeaseStatus{models.LeaseSent}, models.LeaseDraft)
	}
	return nil
}

func (s *Service) Activate(ctx context.Context, id string) error {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if err := s.store.MarkSigned(ctx, tx, id); err != nil {
			return err
		}
		if err := s.store.SetStatus(ctx, tx, id, []models.LeaseStatus{models.LeaseSent, models.LeaseDraft}, models.LeaseActive); err != nil {
			return err
		}
		return events.Publish(ctx, tx, models.EvtLeaseActivated, models.LeaseActivated{
			LeaseID: l.ID, UnitID: l.UnitID, PropertyID: l.PropertyID, TenantIDs: l.TenantIDs,
			StartDate: l.StartDate, MonthlyRent: l.MonthlyRent, Deposit: l.Deposit, RentDueDay: l.RentDueDay,
		})
	})
	if err != nil {
		return err
	}
	return s.units.MarkOccupied(ctx, l.UnitID)
}

// GiveNotice records a tenant's notice to vacate. Most of our leases require
// 30 days' notice; shorter notice is accepted but the end date is pushed out.
func (s *Service) GiveNotice(ctx context.Context, id string, moveOut time.Time) (time.Time, error) {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return time.Time{}, err
	}
	earliest := time.Now().UTC().AddDate(0, 0, 30)
	if moveOut.Before(earliest) {
		moveOut = earliest
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if err := s.store.SetStatus(ctx, tx, id, []models.LeaseStatus{models.LeaseActive}, models.LeaseNotice); err != nil {
			return err
		}
		return s.store.SetEnd(ctx, tx, id, moveOut)
	})
	if err != nil {
		return time.Time{}, err
	}
	return moveOut, s.units.MarkNotice(ctx, l.UnitID)
}

// End closes out a lease at move-out (or early termination).
func (s *Service) End(ctx context.Context, id, reason string) error {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	to := models.LeaseEnded
	if reason != "" && reason != "expired" && reason != "notice" {
		to = models.LeaseTerminated
	}
	now := time.Now().UTC()
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if err := s.store.SetStatus(ctx, tx, id, []models.LeaseStatus{models.LeaseActive, models.LeaseNotice}, to); err != nil {
			return err
		}
		return events.Publish(ctx, tx, models.EvtLeaseEnded, models.LeaseEndedEvent{LeaseID: id, UnitID: l.UnitID, EndedOn: now, Reason: reason})
	})
	if err != nil {
		return err
	}
	return s.units.MarkMakeReady(ctx, l.UnitID)
}

// Extend is used by renewals to roll the lease forward.
func (s *Service) Extend(ctx context.Context, q db.Querier, id string, months int, rent int64) error {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.store.Extend(ctx, q, id, l.EndDate.AddDate(0, months, 0), rent)
}

func render(l models.Lease, ts []models.Tenant) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "RESIDENTIAL LEASE AGREEMENT\n\nLease %s\nUnit %s\n", l.ID, l.UnitID)
	for _, t := range ts {
		fmt.Fprintf(&b, "Tenant: %s <%s>\n", t.FullName(), t.Email)
	}
	fmt.Fprintf(&b, "Term: %s to %s\nMonthly rent: %s due on day %d\nSecurity deposit: %s\n",
		l.StartDate.Format("January 2, 2006"), l.EndDate.Format("January 2, 2006"), l.MonthlyRent, l.RentDueDay, l.Deposit)
	return b.Bytes()
}

func (s *Service) Expiring(ctx context.Context, fromDays, toDays int) ([]models.Lease, error) {
	return s.store.Expiring(ctx, fromDays, toDays)
}
