// Package autopay runs scheduled rent payments for enrolled tenants.
package autopay

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/payments"
)

type Enrollment struct {
	LeaseID    string      `json:"lease_id"`
	PropertyID string      `json:"property_id"`
	TenantID   string      `json:"tenant_id"`
	MethodID   string      `json:"method_id"`
	DayOfMonth int         `json:"day_of_month"`
	MaxAmount  money.Cents `json:"max_amount"`
	LastRunOn  *time.Time  `json:"last_run_on,omitempty"`
}

type Service struct {
	conn     *sql.DB
	payments *payments.Service
	ledger   *ledger.Service
	now      func() time.Time
}

func NewService(conn *sql.DB, p *payments.Service, l *ledger.Service) *Service {
	return &Service{conn: conn, payments: p, ledger: l, now: time.Now}
}

func (s *Service) Enroll(ctx context.Context, e Enrollment) error {
	if e.DayOfMonth < 1 || e.DayOfMonth > 28 {
		return errs.E(errs.Invalid, "autopay day must be 1-28")
	}
	m, err := s.payments.Method(ctx, e.MethodID)
	if err != nil {
		return err
	}
	if m.TenantID != e.TenantID {
		return errs.E(errs.Forbidden, "payment method does not belong to tenant")
	}
	_, err = s.conn.ExecContext(ctx, `INSERT INTO autopay_enrollments (lease_id, property_id, tenant_id, method_id, day_of_month, max_amount_cents, created_at)
		VALUES ($1,$2,$3,$4,$5,$6, now())
		ON CONFLICT (lease_id, tenant_id) DO UPDATE SET method_id = EXCLUDED.method_id, day_of_month = EXCLUDED.day_of_month,
			max_amount_cents = EXCLUDED.max_amount_cents, cancelled_at = NULL`,
		e.LeaseID, e.PropertyID, e.TenantID, e.MethodID, e.DayOfMonth, e.MaxAmount)
	return err
}

func (s *Service) Cancel(ctx context.Context, leaseID, tenantID string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE autopay_enrollments SET cancelled_at = now()
		WHERE lease_id = $1 AND tenant_id = $2 AND cancelled_at IS NULL`, leaseID, tenantID)
	return db.MustAffect(res, err, "autopay enrollment")
}

func (s *Service) Name() string { return "autopay.run" }

// Run charges every enrollment whose day has come and that has not run this month.
func (s *Service) Run(ctx context.Context) error {
	today := s.now().UTC().Truncate(24 * time.Hour)
	monthStart := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	rows, err := s.conn.QueryContext(ctx, `SELECT lease_id, property_id, tenant_id, method_id, day_of_month, max_amount_cents
		FROM autopay_enrollments
		WHERE cancelled_at IS NULL AND day_of_month <= $1 AND (last_run_on IS NULL OR last_run_on < $2)`,
		today.Day(), monthStart)
	if err != nil {
		return err
	}
	var due []Enrollment
	for rows.Next() {
		var e Enrollment
		if err := rows.Scan(&e.LeaseID, &e.PropertyID, &e.TenantID, &e.MethodID, &e.DayOfMonth, &e.MaxAmount); err != nil {
			rows.Close()
			return err
		}
		due = append(due, e)
	}
	rows.Close()

	log := logging.From(ctx)
	for _, e := range due {
		bal, err := s.ledger.Balance(ctx, e.LeaseID)
		if err != nil {
			log.Error("autopay balance", "lease", e.LeaseID, "err", err)
			continue
		}
		amt := bal.Balance
		if e.MaxAmount > 0 && amt > e.MaxAmount {
			log.Warn("autopay skipped: balance above cap", "lease", e.LeaseID, "balance", amt, "cap", e.MaxAmount)
			amt = 0
		}
		if amt > 0 {
			if _, err := s.payments.Pay(ctx, payments.PayRequest{LeaseID: e.LeaseID, PropertyID: e.PropertyID, TenantID: e.TenantID,
				MethodID: e.MethodID, Amount: amt, Autopay: true}); err != nil {
				log.Error("autopay charge", "lease", e.LeaseID, "err", err)
				continue
			}
		}
		_, _ = s.conn.ExecContext(ctx, `UPDATE autopay_enrollments SET last_run_on = $3 WHERE lease_id = $1 AND tenant_id = $2`,
			e.LeaseID, e.TenantID, today)
	}
	return nil
}
