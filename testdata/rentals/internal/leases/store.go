package leases

import (
	"context"
	"database/sql"
	"strings"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

type Store struct{ conn *sql.DB }

func NewStore(conn *sql.DB) *Store { return &Store{conn: conn} }

const leaseCols = `l.id, l.unit_id, l.property_id, COALESCE(l.application_id, ''), l.start_date, l.end_date,
	l.monthly_rent_cents, l.deposit_cents, l.rent_due_day, l.status, COALESCE(l.envelope_id, ''), l.signed_at,
	COALESCE((SELECT string_agg(tenant_id, ',') FROM lease_tenants WHERE lease_id = l.id), '')`

func scanLease(sc interface{ Scan(...any) error }) (models.Lease, error) {
	var l models.Lease
	var signed sql.NullTime
	var tids string
	err := sc.Scan(&l.ID, &l.UnitID, &l.PropertyID, &l.ApplicationID, &l.StartDate, &l.EndDate, &l.MonthlyRent,
		&l.Deposit, &l.RentDueDay, &l.Status, &l.EnvelopeID, &signed, &tids)
	if signed.Valid {
		l.SignedAt = &signed.Time
	}
	if tids != "" {
		l.TenantIDs = strings.Split(tids, ",")
	}
	return l, err
}

func (s *Store) Get(ctx context.Context, id string) (models.Lease, error) {
	l, err := scanLease(s.conn.QueryRowContext(ctx, `SELECT `+leaseCols+` FROM leases l WHERE l.id = $1`, id))
	return l, db.Check(err, "lease")
}

// CurrentForUnit returns the active or notice-period lease on a unit.
func (s *Store) CurrentForUnit(ctx context.Context, unitID string) (models.Lease, error) {
	l, err := scanLease(s.conn.QueryRowContext(ctx, `SELECT `+leaseCols+` FROM leases l
		WHERE l.unit_id = $1 AND l.status IN ('active', 'notice') ORDER BY l.start_date DESC LIMIT 1`, unitID))
	return l, db.Check(err, "current lease")
}

func (s *Store) ListForTenant(ctx context.Context, tenantID string) ([]models.Lease, error) {
	return s.list(ctx, `SELECT `+leaseCols+` FROM leases l JOIN lease_tenants lt ON lt.lease_id = l.id
		WHERE lt.tenant_id = $1 ORDER BY l.start_date DESC`, tenantID)
}

// Expiring returns active leases ending between from and to days from now.
func (s *Store) Expiring(ctx context.Context, fromDays, toDays int) ([]models.Lease, error) {
	return s.list(ctx, `SELECT `+leaseCols+` FROM leases l WHERE l.status = 'active'
		AND l.end_date BETWEEN current_date + $1 * interval '1 day' AND current_date + $2 * interval '1 day'
		AND NOT EXISTS (SELECT 1 FROM lease_renewals r WHERE r.lease_id = l.id)
		ORDER BY l.end_date`, fromDays, toDays)
}

func (s *Store) list(ctx context.Context, q string, args ...any) ([]models.Lease, error) {
	rows, err := s.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Lease
	for rows.Next() {
		l, err := scanLease(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, q db.Querier, l models.Lease) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO leases (id, unit_id, property_id, application_id, start_date, end_date,
		monthly_rent_cents, deposit_cents, rent_due_day, status, payment_plan, eviction_hold, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,false,false,now())`,
		l.ID, l.UnitID, l.PropertyID, db.NullString(l.ApplicationID), l.StartDate, l.EndDate, l.MonthlyRent, l.Deposit, l.RentDueDay, l.Status); err != nil {
		return err
	}
	for i, tid := range l.TenantIDs {
		if _, err := q.ExecContext(ctx, `INSERT INTO lease_tenants (lease_id, tenant_id, is_primary) VALUES ($1, $2, $3)`, l.ID, tid, i == 0); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) SetStatus(ctx context.Context, q db.Querier, id string, from []models.LeaseStatus, to models.LeaseStatus) error {
	st := make([]string, len(from))
	for i, x := range from {
		st[i] = string(x)
	}
	res, err := q.ExecContext(ctx, `UPDATE leases SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)`,
		id, to, "{"+strings.Join(st, ",")+"}")
	return db.MustAffect(res, err, "lease")
}

func (s *Store) SetEnvelope(ctx context.Context, id, envelopeID string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE leases SET envelope_id = $2, status = 'sent', updated_at = now() WHERE id = $1`, id, envelopeID)
	return db.MustAffect(res, err, "lease")
}

func (s *Store) MarkSigned(ctx context.Context, q db.Querier, id string) error {
	res, err := q.ExecContext(ctx, `UPDATE leases SET signed_at = now(), updated_at = now() WHERE id = $1 AND signed_at IS NULL`, id)
	return db.MustAffect(res, err, "unsigned lease")
}

func (s *Store) Extend(ctx context.Context, q db.Querier, id string, newEnd any, newRent int64) error {
	res, err := q.ExecContext(ctx, `UPDATE leases SET end_date = $2, monthly_rent_cents = $3, updated_at = now() WHERE id = $1 AND status = 'active'`, id, newEnd, newRent)
	return db.MustAffect(res, err, "active lease")
}

func (s *Store) SetEnd(ctx context.Context, q db.Querier, id string, end any) error {
	_, err := q.ExecContext(ctx, `UPDATE leases SET end_date = $2, updated_at = now() WHERE id = $1`, id, end)
	return err
}

func moneyOf(c int64) money.Cents { return money.Cents(c) }
