// Package store persists inter-branch transfers (the delivery van runs).
package store

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
)

type Status string

const (
	Requested Status = "requested"
	Shipped   Status = "shipped"
	Received  Status = "received"
	Cancelled Status = "cancelled"
)

type Transfer struct {
	ID           int64      `json:"id"`
	CopyID       int64      `json:"copy_id"`
	FromBranchID int64      `json:"from_branch_id"`
	ToBranchID   int64      `json:"to_branch_id"`
	HoldID       *int64     `json:"hold_id,omitempty"`
	Reason       string     `json:"reason"`
	Status       Status     `json:"status"`
	RequestedAt  time.Time  `json:"requested_at"`
	ShippedAt    *time.Time `json:"shipped_at,omitempty"`
	ReceivedAt   *time.Time `json:"received_at,omitempty"`
}

// PickItem is one line of a branch's daily pick list.
type PickItem struct {
	TransferID int64  `json:"transfer_id"`
	Barcode    string `json:"barcode"`
	CallNumber string `json:"call_number"`
	Title      string `json:"title"`
	ToBranch   string `json:"to_branch"`
}

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

const cols = `id, copy_id, from_branch_id, to_branch_id, hold_id, reason, status, requested_at, shipped_at, received_at`

func scan(row interface{ Scan(...any) error }) (*Transfer, error) {
	var t Transfer
	var hold sql.NullInt64
	var shipped, received sql.NullTime
	err := row.Scan(&t.ID, &t.CopyID, &t.FromBranchID, &t.ToBranchID, &hold, &t.Reason, &t.Status, &t.RequestedAt, &shipped, &received)
	t.HoldID, t.ShippedAt, t.ReceivedAt = db.PtrInt64(hold), db.PtrTime(shipped), db.PtrTime(received)
	return &t, err
}

// Create records a transfer and marks the copy in transit.
func (s *Store) Create(ctx context.Context, t *Transfer) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO transfers (copy_id, from_branch_id, to_branch_id, hold_id, reason, status, requested_at)
			 VALUES ($1, $2, $3, $4, $5, 'requested', now()) RETURNING id, requested_at`,
			t.CopyID, t.FromBranchID, t.ToBranchID, db.NullInt64(t.HoldID), t.Reason).Scan(&t.ID, &t.RequestedAt); err != nil {
			return err
		}
		t.Status = Requested
		_, err := tx.ExecContext(ctx,
			`UPDATE copies SET status = 'in_transit', status_changed_at = now() WHERE id = $1`, t.CopyID)
		return err
	})
}

func (s *Store) OpenForCopy(ctx context.Context, copyID int64) (*Transfer, error) {
	t, err := scan(s.db.QueryRowContext(ctx,
		`SELECT `+cols+` FROM transfers WHERE copy_id = $1 AND status IN ('requested', 'shipped')
		 ORDER BY requested_at DESC LIMIT 1`, copyID))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("open transfer for copy", copyID)
	}
	return t, err
}

// PickList returns requested transfers leaving a branch, in shelf order.
func (s *Store) PickList(ctx context.Context, fromBranchID int64) ([]PickItem, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT tr.id, c.barcode, c.call_number, t.title, b.name
		 FROM transfers tr
		 JOIN copies c ON c.id = tr.copy_id
		 JOIN titles t ON t.id = c.title_id
		 JOIN branches b ON b.id = tr.to_branch_id
		 WHERE tr.from_branch_id = $1 AND tr.status = 'requested'
		 ORDER BY c.call_number`, fromBranchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PickItem
	for rows.Next() {
		var p PickItem
		if err := rows.Scan(&p.TransferID, &p.Barcode, &p.CallNumber, &p.Title, &p.ToBranch); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) MarkShipped(ctx context.Context, ids []int64) (int64, error) {
	res, err := s.db.ExecContext(ctx,
		`UPDATE transfers SET status = 'shipped', shipped_at = now() WHERE id = ANY($1) AND status = 'requested'`, ids)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Receive closes the transfer and shelves the copy at the destination:
// on the hold shelf if it was sent for a hold, otherwise available.
func (s *Store) Receive(ctx context.Context, t *Transfer) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`UPDATE transfers SET status = 'received', received_at = now() WHERE id = $1`, t.ID); err != nil {
			return err
		}
		status := "available"
		if t.HoldID != nil {
			status = "on_hold_shelf"
		}
		_, err := tx.ExecContext(ctx,
			`UPDATE copies SET branch_id = $2, status = $3, status_changed_at = now() WHERE id = $1`,
			t.CopyID, t.ToBranchID, status)
		return err
	})
}

func (s *Store) Cancel(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE transfers SET status = 'cancelled' WHERE id = $1 AND status = 'requested'`, id)
	return err
}

// Stale lists transfers shipped more than maxAge ago and never received;
// these are reported to branch managers as probably lost in the van.
func (s *Store) Stale(ctx context.Context, maxAge time.Duration) ([]Transfer, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+cols+` FROM transfers WHERE status = 'shipped' AND shipped_at < $1`, time.Now().Add(-maxAge))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Transfer
	for rows.Next() {
		t, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}
