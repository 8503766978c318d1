// Package disbursements pays owners their statement balance above reserve.
package disbursements

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/owners"
	"github.com/keystoneprop/platform/internal/payments/gateway"
)

// minPayout avoids ACH fees on trivial amounts; smaller balances roll forward.
const minPayout money.Cents = 2500

type Job struct {
	conn   *sql.DB
	owners *owners.Service
	gw     *gateway.Client
	notify *notify.Service
}

func NewJob(conn *sql.DB, o *owners.Service, gw *gateway.Client, n *notify.Service) *Job {
	return &Job{conn: conn, owners: o, gw: gw, notify: n}
}

func (j *Job) Name() string { return "disbursements.pay" }

// Amount is what we can send: the closing balance minus the reserve the owner
// asked us to hold.
func Amount(closing, reserve money.Cents) money.Cents {
	amt := closing - reserve
	if amt < minPayout {
		return 0
	}
	return amt
}

func (j *Job) Run(ctx context.Context) error {
	rows, err := j.conn.QueryContext(ctx, `SELECT s.id, s.owner_id, s.closing_balance_cents FROM owner_statements s
		WHERE s.status = 'published' AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE d.statement_id = s.id AND d.status <> 'failed')`)
	if err != nil {
		return err
	}
	type pending struct {
		stmt, owner string
		closing     money.Cents
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.stmt, &p.owner, &p.closing); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, p)
	}
	rows.Close()

	log := logging.From(ctx)
	for _, p := range todo {
		o, err := j.owners.Get(ctx, p.owner)
		if err != nil {
			return err
		}
		if o.HoldPayouts || o.PayoutMethodID == "" {
			continue
		}
		prefs, err := j.owners.Preferences(ctx, o.ID)
		if err != nil {
			return err
		}
		amt := Amount(p.closing, prefs.ReserveTarget)
		if amt == 0 {
			_, _ = j.conn.ExecContext(ctx, `UPDATE owner_statements SET status = 'rolled_forward' WHERE id = $1`, p.stmt)
			continue
		}
		d := models.Disbursement{ID: ids.New(ids.Disburse), OwnerID: o.ID, StatementID: p.stmt, Amount: amt, Status: "pending", CreatedAt: time.Now().UTC()}
		if _, err := j.conn.ExecContext(ctx, `INSERT INTO disbursements (id, owner_id, statement_id, amount_cents, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6)`, d.ID, d.OwnerID, d.StatementID, d.Amount, d.Status, d.CreatedAt); err != nil {
			return err
		}
		res, err := j.gw.Payout(ctx, o.PayoutMethodID, amt, d.ID, "KEYSTONE OWNER DIST")
		if err != nil {
			log.Error("payout", "owner", o.ID, "err", err)
			_, _ = j.conn.ExecContext(ctx, `UPDATE disbursements SET status = 'failed' WHERE id = $1`, d.ID)
			continue
		}
		_, _ = j.conn.ExecContext(ctx, `UPDATE disbursements SET status = 'sent', gateway_ref = $2 WHERE id = $1`, d.ID, res.Ref)
		_, _ = j.conn.ExecContext(ctx, `UPDATE owner_statements SET status = 'disbursed' WHERE id = $1`, p.stmt)
		_ = j.notify.Email(ctx, o.Email, "owner.disbursement", map[string]string{"amount": amt.String(), "last4": last4(o.PayoutMethodID)})
	}
	return nil
}

// OnPayoutEvent updates a disbursement from a gateway payout webhook.
func (j *Job) OnPayoutEvent(ctx context.Context, ref string, paid bool) error {
	st := "paid"
	if !paid {
		st = "failed"
	}
	_, err := j.conn.ExecContext(ctx, `UPDATE disbursements SET status = $2 WHERE gateway_ref = $1`, ref, st)
	return err
}

func last4(s string) string {
	if len(s) <= 4 {
		return s
	}
	return s[len(s)-4:]
}
