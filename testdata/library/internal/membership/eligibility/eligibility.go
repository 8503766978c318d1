// Package eligibility decides whether a member may borrow or place holds.
// It was split out of services/members when the fine threshold rules were
// added for the 2022 fine-free pilot.
package eligibility

import (
	"context"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Block string

const (
	BlockExpired     Block = "card_expired"
	BlockSuspended   Block = "suspended"
	BlockFines       Block = "fines_over_limit"
	BlockLongOverdue Block = "long_overdue_items"
	BlockGuardian    Block = "guardian_blocked"
)

type Checker struct {
	db          db.Querier
	fineLimit   int64
	overdueDays int
}

func New(q db.Querier, fineLimitCents int64) *Checker {
	return &Checker{db: q, fineLimit: fineLimitCents, overdueDays: 30}
}

// Blocks returns the reasons a member cannot borrow; empty means eligible.
func (c *Checker) Blocks(ctx context.Context, m *models.Member, now time.Time) ([]Block, error) {
	var out []Block
	if m.Status == models.MemberSuspended {
		out = append(out, BlockSuspended)
	}
	if m.Status == models.MemberExpired || now.After(m.ExpiresAt) {
		out = append(out, BlockExpired)
	}

	// Outstanding balance across open fines.
	var balance int64
	if err := c.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(amount_cents - paid_cents), 0) FROM fines
		 WHERE member_id = $1 AND status = 'open'`, m.ID).Scan(&balance); err != nil {
		return nil, err
	}
	if balance >= c.fineLimit && m.Category != models.CategoryChild {
		out = append(out, BlockFines)
	}

	var longOverdue int
	if err := c.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM loans WHERE member_id = $1 AND status = 'active' AND due_at < $2`,
		m.ID, now.AddDate(0, 0, -c.overdueDays)).Scan(&longOverdue); err != nil {
		return nil, err
	}
	if longOverdue > 0 {
		out = append(out, BlockLongOverdue)
	}

	// Children borrow on their guardian's standing.
	if m.GuardianID != nil {
		var gStatus models.MemberStatus
		err := c.db.QueryRowContext(ctx, `SELECT status FROM members WHERE id = $1`, *m.GuardianID).Scan(&gStatus)
		if err != nil && !db.IsNoRows(err) {
			return nil, err
		}
		if gStatus == models.MemberSuspended {
			out = append(out, BlockGuardian)
		}
	}
	return out, nil
}

// Require returns a Blocked error listing the blocks, or nil.
func (c *Checker) Require(ctx context.Context, m *models.Member, now time.Time) error {
	blocks, err := c.Blocks(ctx, m, now)
	if err != nil {
		return err
	}
	if len(blocks) == 0 {
		return nil
	}
	msg := "member is blocked:"
	for _, b := range blocks {
		msg += " " + string(b)
	}
	return apperr.Blocked(string(blocks[0]), msg)
}

func Strings(bs []Block) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}
