// Package latefees assesses late fees on past-due rent after the grace period.
package latefees

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/tenants"
)

type Policy struct {
	GraceDays int
	Flat      money.Cents
	MaxPctBps int64 // cap as a share of monthly rent
	MinOwed   money.Cents
}

// Fee returns the late fee for a lease: the flat fee, capped at MaxPctBps of rent.
func (p Policy) Fee(rent money.Cents) money.Cents {
	return money.Min(p.Flat, rent.MulBps(p.MaxPctBps))
}

type Job struct {
	conn    *sql.DB
	ledger  *ledger.Service
	tenants *tenants.Service
	notify  *notify.Service
	policy  Policy
	now     func() time.Time
}

func NewJob(conn *sql.DB, l *ledger.Service, t *tenants.Service, n *notify.Service, p Policy) *Job {
	return &Job{conn: conn, ledger: l, tenants: t, notify: n, policy: p, now: time.Now}
}

func (j *Job) Name() string { return "latefees.assess" }

type candidate struct {
	leaseID, propertyID, unitLabel string
	rent                           money.Cents
	dueDay                         int
	tenantIDs                      []string
}

func (j *Job) Run(ctx context.Context) error {
	now := j.now().UTC()
	// Pull active leases straight from the leasing tables: the rent schedule
	// doesn't know about payment plans or eviction holds.
	rows, err := j.conn.QueryContext(ctx, `
		SELECT l.id, l.property_id, u.label, l.monthly_rent_cents, l.rent_due_day,
		       array_to_string(array_agg(lt.tenant_id), ',')
		FROM leases l
		JOIN units u ON u.id = l.unit_id
		JOIN lease_tenants lt ON lt.lease_id = l.id
		WHERE l.status IN ('active', 'notice')
		  AND NOT l.payment_plan
		  AND NOT l.eviction_hold
		  AND l.rent_due_day + $1 < $2
		GROUP BY l.id, l.property_id, u.label, l.monthly_rent_cents, l.rent_due_day`,
		j.policy.GraceDays, now.Day())
	if err != nil {
		return err
	}
	var cands []candidate
	for rows.Next() {
		var c candidate
		var tids string
		if err := rows.Scan(&c.leaseID, &c.propertyID, &c.unitLabel, &c.rent, &c.dueDay, &tids); err != nil {
			rows.Close()
			return err
		}
		c.tenantIDs = splitIDs(tids)
		cands = append(cands, c)
	}
	rows.Close()

	log := logging.From(ctx)
	ref := "late:" + now.Format("2006-01")
	assessed := 0
	for _, c := range cands {
		bal, err := j.ledger.Balance(ctx, c.leaseID)
		if err != nil {
			return err
		}
		if bal.PastDue <= j.policy.MinOwed {
			continue
		}
		if done, err := j.ledger.AlreadyPosted(ctx, c.leaseID, models.EntryLateFee, ref); err != nil || done {
			continue
		}
		fee := j.policy.Fee(c.rent)
		if _, err := j.ledger.Charge(ctx, c.leaseID, c.propertyID, models.EntryLateFee, fee,
			fmt.Sprintf("Late fee %s", now.Format("Jan 2006")), ref); err != nil {
			log.Error("late fee", "lease", c.leaseID, "err", err)
			continue
		}
		assessed++
		ts, _ := j.tenants.GetMany(ctx, c.tenantIDs)
		for _, t := range ts {
			_ = j.notify.Tenant(ctx, t, "rent.late_fee", map[string]string{"amount": fee.String(), "unit": c.unitLabel})
		}
	}
	log.Info("late fees assessed", "count", assessed)
	return nil
}

func splitIDs(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
