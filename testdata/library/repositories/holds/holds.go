// Package holds stores title-level hold requests and their queue.
package holds

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Repo struct {
	db db.Querier
}

func New(q db.Querier) *Repo { return &Repo{db: q} }

const holdCols = `h.id, h.title_id, h.member_id, h.pickup_branch_id, h.copy_id, h.status, h.placed_at,
	h.ready_at, h.expires_at, t.title`

func scan(row interface{ Scan(...any) error }) (*models.Hold, error) {
	var h models.Hold
	var copyID sql.NullInt64
	var ready, exp sql.NullTime
	err := row.Scan(&h.ID, &h.TitleID, &h.MemberID, &h.PickupBranchID, &copyID, &h.Status, &h.PlacedAt, &ready, &exp, &h.Title)
	h.CopyID, h.ReadyAt, h.ExpiresAt = db.PtrInt64(copyID), db.PtrTime(ready), db.PtrTime(exp)
	return &h, err
}

func scanAll(rows *sql.Rows) ([]models.Hold, error) {
	defer rows.Close()
	var out []models.Hold
	for rows.Next() {
		h, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

func (r *Repo) Create(ctx context.Context, h *models.Hold) error {
	err := r.db.QueryRowContext(ctx,
		`INSERT INTO holds (title_id, member_id, pickup_branch_id, status, placed_at)
		 VALUES ($1, $2, $3, 'waiting', now()) RETURNING id, placed_at`,
		h.TitleID, h.MemberID, h.PickupBranchID).Scan(&h.ID, &h.PlacedAt)
	h.Status = models.HoldWaiting
	return err
}

func (r *Repo) Get(ctx context.Context, id int64) (*models.Hold, error) {
	h, err := scan(r.db.QueryRowContext(ctx,
		`SELECT `+holdCols+` FROM holds h JOIN titles t ON t.id = h.title_id WHERE h.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("hold", id)
	}
	return h, err
}

func (r *Repo) ByMember(ctx context.Context, memberID int64) ([]models.Hold, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+holdCols+`,
		   (SELECT COUNT(*) FROM holds q WHERE q.title_id = h.title_id AND q.status = 'waiting' AND q.placed_at <= h.placed_at)
		 FROM holds h JOIN titles t ON t.id = h.title_id
		 WHERE h.member_id = $1 AND h.status IN ('waiting', 'in_transit', 'ready') ORDER BY h.placed_at`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Hold
	for rows.Next() {
		var h models.Hold
		var copyID sql.NullInt64
		var ready, exp sql.NullTime
		if err := rows.Scan(&h.ID, &h.TitleID, &h.MemberID, &h.PickupBranchID, &copyID, &h.Status, &h.PlacedAt,
			&ready, &exp, &h.Title, &h.Position); err != nil {
			return nil, err
		}
		h.CopyID, h.ReadyAt, h.ExpiresAt = db.PtrInt64(copyID), db.PtrTime(ready), db.PtrTime(exp)
		out = append(out, h)
	}
	return out, rows.Err()
}

func (r *Repo) Queue(ctx context.Context, titleID int64) ([]models.Hold, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+holdCols+` FROM holds h JOIN titles t ON t.id = h.title_id
		 WHERE h.title_id = $1 AND h.status = 'waiting' ORDER BY h.placed_at`, titleID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

func (r *Repo) CountWaiting(ctx context.Context, titleID int64) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM holds WHERE title_id = $1 AND status = 'waiting'`, titleID).Scan(&n)
	return n, err
}

func (r *Repo) CountOpenByMember(ctx context.Context, memberID int64) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM holds WHERE member_id = $1 AND status IN ('waiting', 'in_transit', 'ready')`, memberID).Scan(&n)
	return n, err
}

func (r *Repo) Exists(ctx context.Context, titleID, memberID int64) (bool, error) {
	var ok bool
	err := r.db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM holds WHERE title_id = $1 AND member_id = $2
		   AND status IN ('waiting', 'in_transit', 'ready'))`, titleID, memberID).Scan(&ok)
	return ok, err
}

// Assign links a copy to a hold and moves it to in_transit or ready.
func (r *Repo) Assign(ctx context.Context, holdID, copyID int64, status models.HoldStatus, expires *time.Time) error {
	_, err := r.db.ExecContext(ctx,
		`UPDATE holds SET copy_id = $2, status = $3, ready_at = CASE WHEN $3 = 'ready' THEN now() END, expires_at = $4
		 WHERE id = $1`, holdID, copyID, status, expires)
	return err
}

func (r *Repo) SetStatus(ctx context.Context, holdID int64, status models.HoldStatus) error {
	_, err := r.db.ExecContext(ctx, `UPDATE holds SET status = $2 WHERE id = $1`, holdID, status)
	return err
}

// ReadyForCopy returns the ready hold trapped on a copy, if any.
func (r *Repo) ReadyForCopy(ctx context.Context, copyID int64) (*models.Hold, error) {
	h, err := scan(r.db.QueryRowContext(ctx,
		`SELECT `+holdCols+` FROM holds h JOIN titles t ON t.id = h.title_id
		 WHERE h.copy_id = $1 AND h.status IN ('ready', 'in_transit')`, copyID))
	if db.IsNoRows(err) {
		return nil, nil
	}
	return h, err
}

func (r *Repo) ExpiredReady(ctx context.Context, now time.Time) ([]models.Hold, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+holdCols+` FROM holds h JOIN titles t ON t.id = h.title_id
		 WHERE h.status = 'ready' AND h.expires_at < $1`, now)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}
