// Package repo persists media assets (squirrel).
package repo

import (
	"context"
	"time"

	sq "github.com/Masterminds/squirrel"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/media/domain"
	"quill.dev/academy/pkg/platform/db"
)

func init() {
	db.Register(db.Migration{Version: 500, Owner: "media", SQL: `
CREATE TABLE media_assets (
	id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, filename TEXT NOT NULL, status TEXT NOT NULL,
	duration_sec INT NOT NULL DEFAULT 0, upload_id TEXT NOT NULL DEFAULT '', mux_asset_id TEXT NOT NULL DEFAULT '',
	playback_id TEXT NOT NULL DEFAULT '', created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
);`})
}

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

var cols = []string{"id", "owner_id", "filename", "status", "duration_sec", "upload_id", "mux_asset_id", "playback_id", "created_at", "updated_at"}

// Repo stores assets.
type Repo struct{ q db.Querier }

func New(q db.Querier) *Repo { return &Repo{q: q} }

func (r *Repo) find(ctx context.Context, where sq.Eq) (domain.Asset, error) {
	var a domain.Asset
	query, args, err := psql.Select(cols...).From("media_assets").Where(where).ToSql()
	if err != nil {
		return a, err
	}
	err = r.q.QueryRowContext(ctx, query, args...).Scan(&a.ID, &a.OwnerID, &a.Filename, &a.Status, &a.DurationSec,
		&a.UploadID, &a.MuxAssetID, &a.PlaybackID, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return a, db.NotFound("media.asset", err)
	}
	return a, nil
}

func (r *Repo) Get(ctx context.Context, id types.AssetID) (domain.Asset, error) {
	return r.find(ctx, sq.Eq{"id": string(id)})
}

func (r *Repo) ByUploadID(ctx context.Context, uploadID string) (domain.Asset, error) {
	return r.find(ctx, sq.Eq{"upload_id": uploadID})
}

func (r *Repo) Create(ctx context.Context, a domain.Asset) error {
	query, args, _ := psql.Insert("media_assets").Columns(cols...).Values(a.ID, a.OwnerID, a.Filename, a.Status, a.DurationSec,
		a.UploadID, a.MuxAssetID, a.PlaybackID, a.CreatedAt, a.UpdatedAt).ToSql()
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}

func (r *Repo) Update(ctx context.Context, a domain.Asset) error {
	query, args, _ := psql.Update("media_assets").Set("status", a.Status).Set("duration_sec", a.DurationSec).
		Set("mux_asset_id", a.MuxAssetID).Set("playback_id", a.PlaybackID).Set("updated_at", a.UpdatedAt).
		Where(sq.Eq{"id": string(a.ID)}).ToSql()
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}

// Stuck lists assets processing since before cutoff.
func (r *Repo) Stuck(ctx context.Context, cutoff time.Time) ([]types.AssetID, error) {
	query, args, _ := psql.Select("id").From("media_assets").
		Where(sq.Eq{"status": string(domain.StatusProcessing)}).Where(sq.Lt{"updated_at": cutoff}).Limit(100).ToSql()
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []types.AssetID
	for rows.Next() {
		var id types.AssetID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
