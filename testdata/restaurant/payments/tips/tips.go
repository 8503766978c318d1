// Package tips runs the nightly tip pool: a share of card tips is pooled
// and paid out to support staff by hours worked and role points.
package tips

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/util"
)

// RolePoints weights each role's share of the pool.
var RolePoints = map[models.Role]int64{
	models.RoleServer:    10,
	models.RoleBartender: 10,
	models.RoleBusser:    6,
	models.RoleHost:      4,
}

// Allocation is one employee's share.
type Allocation struct {
	EmployeeID int64       `json:"employee_id"`
	Role       models.Role `json:"role"`
	Minutes    int64       `json:"minutes"`
	Amount     money.Cents `json:"amount"`
}

// Pooler computes and stores tip pools.
type Pooler struct {
	db          *sql.DB
	percent     int
	cutoverHour int
}

// New returns a Pooler pooling percent of card tips.
func New(conn *sql.DB, percent, cutoverHour int) *Pooler {
	return &Pooler{db: conn, percent: percent, cutoverHour: cutoverHour}
}

// Run pools tips for one location and business date. Re-running replaces
// the previous result so managers can fix punches and recompute.
func (p *Pooler) Run(ctx context.Context, locationID int64, date time.Time) ([]Allocation, error) {
	from, to := util.BusinessDayBounds(date, p.cutoverHour)
	var cardTips money.Cents
	if err := p.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(tip), 0) FROM payments
		 WHERE location_id = $1 AND tender = 'card' AND status = 'captured' AND created_at >= $2 AND created_at < $3`,
		locationID, from, to).Scan(&cardTips); err != nil {
		return nil, err
	}
	pool := cardTips.Percent(p.percent)

	rows, err := p.db.QueryContext(ctx,
		`SELECT tp.employee_id, tp.role,
		        SUM(EXTRACT(EPOCH FROM (tp.out_at - tp.in_at)) / 60 - tp.break_mins)::bigint AS minutes
		 FROM time_punches tp JOIN employees e ON e.id = tp.employee_id
		 WHERE tp.location_id = $1 AND tp.in_at >= $2 AND tp.in_at < $3 AND tp.out_at IS NOT NULL AND e.active
		 GROUP BY tp.employee_id, tp.role ORDER BY tp.employee_id`, locationID, from, to)
	if err != nil {
		return nil, err
	}
	var allocs []Allocation
	var weights []int64
	for rows.Next() {
		var a Allocation
		if err := rows.Scan(&a.EmployeeID, &a.Role, &a.Minutes); err != nil {
			rows.Close()
			return nil, err
		}
		if pts := RolePoints[a.Role]; pts > 0 && a.Minutes > 0 {
			allocs = append(allocs, a)
			weights = append(weights, pts*a.Minutes)
		}
	}
	rows.Close()
	for i, amt := range money.Allocate(pool, weights) {
		allocs[i].Amount = amt
	}
	err = db.WithTx(ctx, p.db, func(tx *sql.Tx) error {
		var poolID int64
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO tip_pools (location_id, business_date, card_tips, pooled, computed_at) VALUES ($1, $2, $3, $4, now())
			 ON CONFLICT (location_id, business_date) DO UPDATE SET card_tips = $3, pooled = $4, computed_at = now()
			 RETURNING id`, locationID, date, cardTips, pool).Scan(&poolID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tip_allocations WHERE tip_pool_id = $1`, poolID); err != nil {
			return err
		}
		for _, a := range allocs {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO tip_allocations (tip_pool_id, employee_id, role, minutes, amount) VALUES ($1, $2, $3, $4, $5)`,
				poolID, a.EmployeeID, a.Role, a.Minutes, a.Amount); err != nil {
				return err
			}
		}
		return nil
	})
	return allocs, err
}
