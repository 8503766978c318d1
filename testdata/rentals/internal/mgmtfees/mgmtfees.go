// Package mgmtfees computes the management company's fees charged to owners.
package mgmtfees

import (
	"context"
	"database/sql"
	"errors"

	"github.com/keystoneprop/platform/internal/money"
)

// Schedule is a property's fee agreement.
type Schedule struct {
	PropertyID           string
	PercentBps           int64       // of collected rent
	MinimumMonthly       money.Cents // per occupied unit
	LeasingFeeBps        int64       // of first month's rent for each new lease
	RenewalFee           money.Cents // flat per renewal
	MaintenanceMarkupBps int64       // on vendor invoices
}

type Service struct {
	conn       *sql.DB
	defaultBps int64
}

func NewService(conn *sql.DB, defaultBps int64) *Service {
	return &Service{conn: conn, defaultBps: defaultBps}
}

func (s *Service) ScheduleFor(ctx context.Context, propertyID string) (Schedule, error) {
	sc := Schedule{PropertyID: propertyID}
	err := s.conn.QueryRowContext(ctx, `SELECT percent_bps, minimum_cents, leasing_fee_bps, renewal_fee_cents, maintenance_markup_bps
		FROM mgmt_fee_schedules WHERE property_id = $1 AND effective_on <= current_date ORDER BY effective_on DESC LIMIT 1`, propertyID).
		Scan(&sc.PercentBps, &sc.MinimumMonthly, &sc.LeasingFeeBps, &sc.RenewalFee, &sc.MaintenanceMarkupBps)
	if errors.Is(err, sql.ErrNoRows) {
		sc.PercentBps = s.defaultBps
		sc.LeasingFeeBps = 5000
		return sc, nil
	}
	return sc, err
}

type Activity struct {
	RentCollected  money.Cents
	OccupiedUnits  int
	NewLeaseRents  []money.Cents
	Renewals       int
	VendorExpenses money.Cents
}

type Breakdown struct {
	Management money.Cents
	Leasing    money.Cents
	Renewal    money.Cents
	Markup     money.Cents
}

func (b Breakdown) Total() money.Cents {
	return money.Sum(b.Management, b.Leasing, b.Renewal, b.Markup)
}

// Compute applies the schedule to a period's activity.
func Compute(sc Schedule, a Activity) Breakdown {
	var b Breakdown
	b.Management = a.RentCollected.MulBps(sc.PercentBps)
	if floor := sc.MinimumMonthly * money.Cents(a.OccupiedUnits); b.Management < floor {
		b.Management = floor
	}
	for _, r := range a.NewLeaseRents {
		b.Leasing += r.MulBps(sc.LeasingFeeBps)
	}
	b.Renewal = sc.RenewalFee * money.Cents(a.Renewals)
	b.Markup = a.VendorExpenses.MulBps(sc.MaintenanceMarkupBps)
	return b
}
