// Package copies stores physical items (copies) and their current location.
package copies

import (
	"context"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Repo struct {
	db db.Querier
}

func New(q db.Querier) *Repo { return &Repo{db: q} }

const copyCols = `id, title_id, barcode, home_branch_id, branch_id, call_number, status, price_cents, acquired_at`

func scan(row interface{ Scan(...any) error }) (*models.Copy, error) {
	var c models.Copy
	err := row.Scan(&c.ID, &c.TitleID, &c.Barcode, &c.HomeBranchID, &c.BranchID, &c.CallNumber, &c.Status, &c.PriceCents, &c.AcquiredAt)
	return &c, err
}

func (r *Repo) Get(ctx context.Context, id int64) (*models.Copy, error) {
	c, err := scan(r.db.QueryRowContext(ctx, `SELECT `+copyCols+` FROM copies WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("copy", id)
	}
	return c, err
}

func (r *Repo) GetByBarcode(ctx context.Context, barcode string) (*models.Copy, error) {
	c, err := scan(r.db.QueryRowContext(ctx, `SELECT `+copyCols+` FROM copies WHERE barcode = $1`, barcode))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("item", barcode)
	}
	return c, err
}

func (r *Repo) ListByTitle(ctx context.Context, titleID int64) ([]models.Copy, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+copyCols+` FROM copies WHERE title_id = $1 AND status <> 'withdrawn' ORDER BY branch_id, barcode`, titleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Copy
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (r *Repo) Create(ctx context.Context, c *models.Copy) error {
	return r.db.QueryRowContext(ctx,
		`INSERT INTO copies (title_id, barcode, home_branch_id, branch_id, call_number, status, price_cents)
		 VALUES ($1, $2, $3, $3, $4, 'available', $5) RETURNING id, acquired_at`,
		c.TitleID, c.Barcode, c.HomeBranchID, c.CallNumber, c.PriceCents).Scan(&c.ID, &c.AcquiredAt)
}

// SetStatus changes status, optionally guarded by the expected old status.
func (r *Repo) SetStatus(ctx context.Context, id int64, from []models.CopyStatus, to models.CopyStatus) error {
	var res interface{ RowsAffected() (int64, error) }
	var err error
	if len(from) == 0 {
		res, err = r.db.ExecContext(ctx, `UPDATE copies SET status = $2, status_changed_at = now() WHERE id = $1`, id, to)
	} else {
		fs := make([]string, len(from))
		for i, f := range from {
			fs[i] = string(f)
		}
		res, err = r.db.ExecContext(ctx,
			`UPDATE copies SET status = $2, status_changed_at = now() WHERE id = $1 AND status = ANY($3)`, id, to, fs)
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.Conflict("copy_status", "item is not in an expected status")
	}
	return nil
}

// AvailableAt returns available copies of a title at a branch, best first.
func (r *Repo) AvailableAt(ctx context.Context, titleID, branchID int64) ([]models.Copy, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+copyCols+` FROM copies WHERE title_id = $1 AND branch_id = $2 AND status = 'available'
		 ORDER BY acquired_at DESC`, titleID, branchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Copy
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (r *Repo) CountAvailableByBranch(ctx context.Context, titleID int64) (map[int64]int, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT branch_id, COUNT(*) FROM copies WHERE title_id = $1 AND status = 'available' GROUP BY branch_id`, titleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var b int64
		var n int
		if err := rows.Scan(&b, &n); err != nil {
			return nil, err
		}
		out[b] = n
	}
	return out, rows.Err()
}
