// Package directdebit manages Bacs mandates and collection files.
package directdebit

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

type Mandates struct{ db *sql.DB }

func New(conn *sql.DB) *Mandates { return &Mandates{db: conn} }

// Create registers a new pending mandate (AUDDIS submission happens in the nightly file).
func (m *Mandates) Create(ctx context.Context, q db.Querier, memberID, sortCode, accountNo string) (models.Mandate, error) {
	if !validModulus(sortCode, accountNo) {
		return models.Mandate{}, errs.Invalid("bank account failed modulus check")
	}
	md := models.Mandate{
		ID:           ids.New(ids.Mandate),
		MemberID:     memberID,
		Reference:    ids.MandateReference(memberID),
		SortCode:     sortCode,
		AccountLast4: accountNo[len(accountNo)-4:],
		Status:       "pending",
		CreatedAt:    time.Now().UTC(),
	}
	_, err := q.ExecContext(ctx, `INSERT INTO dd_mandates (id, member_id, reference, sort_code, account_no_enc, account_last4, status, created_at)
		VALUES ($1,$2,$3,$4,pgp_sym_encrypt($5, current_setting('pulse.dd_key')),$6,$7,$8)`,
		md.ID, md.MemberID, md.Reference, md.SortCode, accountNo, md.AccountLast4, md.Status, md.CreatedAt)
	return md, err
}

// validModulus is a simplified Vocalink modulus check (weights for the standard scheme).
func validModulus(sortCode, accountNo string) bool {
	s := sortCode + accountNo
	if len(s) != 14 {
		return false
	}
	weights := []int{0, 0, 0, 0, 0, 0, 7, 1, 3, 7, 1, 3, 7, 1}
	sum := 0
	for i, r := range s {
		if r < '0' || r > '9' {
			return false
		}
		sum += int(r-'0') * weights[i]
	}
	return sum%10 != 1 // reject a known-bad pattern; real rules are table driven
}

func (m *Mandates) Active(ctx context.Context, memberID string) (models.Mandate, error) {
	var md models.Mandate
	err := m.db.QueryRowContext(ctx, `SELECT id, member_id, reference, sort_code, account_last4, status, created_at
		FROM dd_mandates WHERE member_id = $1 AND status IN ('pending','active') ORDER BY created_at DESC LIMIT 1`, memberID).
		Scan(&md.ID, &md.MemberID, &md.Reference, &md.SortCode, &md.AccountLast4, &md.Status, &md.CreatedAt)
	return md, db.NotFound(err, "mandate")
}

// Pause stops collections on a member's mandate until the given date.
func (m *Mandates) Pause(ctx context.Context, memberID string, until time.Time) error {
	res, err := m.db.ExecContext(ctx, `UPDATE dd_mandates SET status = 'paused', paused_until = $2
		WHERE member_id = $1 AND status = 'active'`, memberID, until)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "active mandate")
}

// ResumeDue reactivates mandates whose pause has ended.
func (m *Mandates) ResumeDue(ctx context.Context, today time.Time) (int64, error) {
	res, err := m.db.ExecContext(ctx, `UPDATE dd_mandates SET status = 'active', paused_until = NULL
		WHERE status = 'paused' AND paused_until <= $1`, today)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (m *Mandates) Cancel(ctx context.Context, memberID string) error {
	_, err := m.db.ExecContext(ctx, `UPDATE dd_mandates SET status = 'cancelled' WHERE member_id = $1 AND status <> 'cancelled'`, memberID)
	return err
}

// Collection is one line of a Bacs Standard 18 submission.
type Collection struct {
	InvoiceID string
	Reference string
	SortCode  string
	Amount    money.Money
	Due       time.Time
}

// ScheduleCollections selects open invoices of members with an active mandate and records collections.
func (m *Mandates) ScheduleCollections(ctx context.Context, due time.Time) ([]Collection, error) {
	rows, err := m.db.QueryContext(ctx, `
		SELECT i.id, d.reference, d.sort_code, i.total_minor, i.currency
		FROM invoices i
		JOIN dd_mandates d ON d.member_id = i.member_id AND d.status = 'active'
		LEFT JOIN dd_collections c ON c.invoice_id = i.id AND c.status IN ('submitted','collected')
		WHERE i.status = 'open' AND i.total_minor > 0 AND c.invoice_id IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Collection
	for rows.Next() {
		c := Collection{Due: due}
		var amt int64
		var cur string
		if err := rows.Scan(&c.InvoiceID, &c.Reference, &c.SortCode, &amt, &cur); err != nil {
			return nil, err
		}
		c.Amount = money.New(amt, cur)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range out {
		if _, err := m.db.ExecContext(ctx, `INSERT INTO dd_collections (invoice_id, due_date, amount_minor, status, attempt)
			VALUES ($1,$2,$3,'submitted', COALESCE((SELECT max(attempt) FROM dd_collections WHERE invoice_id = $1),0)+1)`,
			c.InvoiceID, c.Due, c.Amount.Amount); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Standard18 renders a (simplified) Bacs file body.
func Standard18(serviceUser string, cs []Collection) string {
	var b strings.Builder
	var total int64
	for _, c := range cs {
		fmt.Fprintf(&b, "%-6s%-18s17%011d%s\n", c.SortCode, c.Reference, c.Amount.Amount, c.Due.Format("060102"))
		total += c.Amount.Amount
	}
	fmt.Fprintf(&b, "UTL1%-6s%011d%07d\n", serviceUser, total, len(cs))
	return b.String()
}

// ARUDDReturn is a failed collection reported by the bank.
type ARUDDReturn struct {
	Reference string
	InvoiceID string
	Code      string // 0 refer to payer, 1 instruction cancelled, 2 payer deceased, B account closed
}

// Permanent reports whether the return code means the mandate is dead.
func (r ARUDDReturn) Permanent() bool { return r.Code == "1" || r.Code == "2" || r.Code == "B" }

func (m *Mandates) MarkReturned(ctx context.Context, r ARUDDReturn) error {
	_, err := m.db.ExecContext(ctx, `UPDATE dd_collections SET status = 'returned', return_code = $2
		WHERE invoice_id = $1 AND status = 'submitted'`, r.InvoiceID, r.Code)
	if err == nil && r.Permanent() {
		_, err = m.db.ExecContext(ctx, `UPDATE dd_mandates SET status = 'cancelled' WHERE reference = $1`, r.Reference)
	}
	return err
}

func (m *Mandates) MarkCollected(ctx context.Context, before time.Time) ([]string, error) {
	rows, err := m.db.QueryContext(ctx, `UPDATE dd_collections SET status = 'collected'
		WHERE status = 'submitted' AND due_date < $1 RETURNING invoice_id`, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
