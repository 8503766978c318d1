// Package store persists transcode jobs, renditions and the encoding ladder.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Rung is one step of the encoding ladder (table encoding_profiles).
type Rung struct {
	Name        string
	Codec       string
	Height      int
	BitrateKbps int
}

// Store is the Postgres-backed encoding store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

const jobColumns = `id, title_id, COALESCE(episode_id, ''), source_uri, source_height, status, priority, attempts,
	COALESCE(last_error, ''), created_at, started_at, finished_at`

func scanJob(row interface{ Scan(...any) error }) (models.TranscodeJob, error) {
	var j models.TranscodeJob
	var started, finished sql.NullTime
	err := row.Scan(&j.ID, &j.TitleID, &j.EpisodeID, &j.SourceURI, &j.SourceH, &j.Status, &j.Priority, &j.Attempts,
		&j.LastError, &j.CreatedAt, &started, &finished)
	j.StartedAt, j.FinishedAt = dbx.TimePtr(started), dbx.TimePtr(finished)
	return j, err
}

// CreateJob enqueues a job.
func (s *Store) CreateJob(ctx context.Context, j models.TranscodeJob) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO transcode_jobs
		(id, title_id, episode_id, source_uri, source_height, status, priority, attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, 'queued', $6, 0, $7)`,
		j.ID, j.TitleID, dbx.NullString(j.EpisodeID), j.SourceURI, j.SourceH, j.Priority, j.CreatedAt)
	return errs.Wrap("encoding.store.CreateJob", err)
}

// GetJob loads a job.
func (s *Store) GetJob(ctx context.Context, id string) (models.TranscodeJob, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM transcode_jobs WHERE id = $1`, id))
	if dbx.IsNoRows(err) {
		return j, errs.E(errs.NotFound, "encoding.store.GetJob", "job "+id+" not found")
	}
	return j, errs.Wrap("encoding.store.GetJob", err)
}

// OpenJobForSource finds a queued or running job for the same source, for dedupe.
func (s *Store) OpenJobForSource(ctx context.Context, sourceURI string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM transcode_jobs
		WHERE source_uri = $1 AND status IN ('queued', 'running') LIMIT 1`, sourceURI).Scan(&id)
	if dbx.IsNoRows(err) {
		return "", false, nil
	}
	return id, err == nil, errs.Wrap("encoding.store.OpenJobForSource", err)
}

// ListJobs lists jobs by status, newest first.
func (s *Store) ListJobs(ctx context.Context, status string, limit int) ([]models.TranscodeJob, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+jobColumns+` FROM transcode_jobs
		WHERE ($1 = '' OR status = $1) ORDER BY created_at DESC LIMIT $2`, status, limit)
	if err != nil {
		return nil, errs.Wrap("encoding.store.ListJobs", err)
	}
	defer rows.Close()
	var out []models.TranscodeJob
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// ClaimNext atomically moves the highest-priority queued job to running.
func (s *Store) ClaimNext(ctx context.Context, worker string) (models.TranscodeJob, bool, error) {
	row := s.db.QueryRowContext(ctx, `UPDATE transcode_jobs SET status = 'running', started_at = now(),
		attempts = attempts + 1, worker = $1
		WHERE id = (SELECT id FROM transcode_jobs WHERE status = 'queued' AND (not_before IS NULL OR not_before <= now())
			ORDER BY priority DESC, created_at FOR UPDATE SKIP LOCKED LIMIT 1)
		RETURNING `+jobColumns, worker)
	j, err := scanJob(row)
	if dbx.IsNoRows(err) {
		return j, false, nil
	}
	if err != nil {
		return j, false, errs.Wrap("encoding.store.ClaimNext", err)
	}
	return j, true, nil
}

// Succeed marks a job done.
func (s *Store) Succeed(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE transcode_jobs SET status = 'succeeded', finished_at = now(), last_error = NULL WHERE id = $1`, id)
	return errs.Wrap("encoding.store.Succeed", err)
}

// Fail records a failure; if retryAfter > 0 the job is re-queued with a delay.
func (s *Store) Fail(ctx context.Context, id, msg string, retryAfter time.Duration) error {
	var err error
	if retryAfter > 0 {
		_, err = s.db.ExecContext(ctx, `UPDATE transcode_jobs SET status = 'queued', last_error = $2,
			not_before = now() + $3 * interval '1 second' WHERE id = $1`, id, msg, int(retryAfter.Seconds()))
	} else {
		_, err = s.db.ExecContext(ctx, `UPDATE transcode_jobs SET status = 'failed', last_error = $2, finished_at = now() WHERE id = $1`, id, msg)
	}
	return errs.Wrap("encoding.store.Fail", err)
}

// Requeue resets a failed job for a manual retry.
func (s *Store) Requeue(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE transcode_jobs SET status = 'queued', attempts = 0, not_before = NULL,
		finished_at = NULL WHERE id = $1 AND status = 'failed'`, id)
	if err != nil {
		return errs.Wrap("encoding.store.Requeue", err)
	}
	if dbx.RowsAffectedOne(res) != nil {
		return errs.E(errs.Conflict, "encoding.store.Requeue", "only failed jobs can be retried")
	}
	return nil
}

// InsertRendition stores an output variant, replacing an earlier one at the same height/codec.
func (s *Store) InsertRendition(ctx context.Context, r models.Rendition) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO renditions (id, job_id, title_id, episode_id, codec, height, bitrate_kbps, uri, key_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (title_id, COALESCE(episode_id, ''), codec, height)
		DO UPDATE SET job_id = EXCLUDED.job_id, uri = EXCLUDED.uri, bitrate_kbps = EXCLUDED.bitrate_kbps, key_id = EXCLUDED.key_id`,
		r.ID, r.JobID, r.TitleID, dbx.NullString(r.EpisodeID), r.Codec, r.Height, r.BitrateKbps, r.URI, r.KeyID)
	return errs.Wrap("encoding.store.InsertRendition", err)
}

// Renditions lists the renditions of a title (episodeID "" for movies), best first.
func (s *Store) Renditions(ctx context.Context, titleID, episodeID string) ([]models.Rendition, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, job_id, title_id, COALESCE(episode_id, ''), codec, height, bitrate_kbps, uri, key_id
		FROM renditions WHERE title_id = $1 AND COALESCE(episode_id, '') = $2 ORDER BY height DESC, bitrate_kbps DESC`,
		titleID, episodeID)
	if err != nil {
		return nil, errs.Wrap("encoding.store.Renditions", err)
	}
	defer rows.Close()
	var out []models.Rendition
	for rows.Next() {
		var r models.Rendition
		if err := rows.Scan(&r.ID, &r.JobID, &r.TitleID, &r.EpisodeID, &r.Codec, &r.Height, &r.BitrateKbps, &r.URI, &r.KeyID); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Ladder returns the enabled encoding profiles, tallest first.
func (s *Store) Ladder(ctx context.Context) ([]Rung, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, codec, height, bitrate_kbps FROM encoding_profiles
		WHERE enabled = TRUE ORDER BY height DESC, bitrate_kbps DESC`)
	if err != nil {
		return nil, errs.Wrap("encoding.store.Ladder", err)
	}
	defer rows.Close()
	var out []Rung
	for rows.Next() {
		var r Rung
		if err := rows.Scan(&r.Name, &r.Codec, &r.Height, &r.BitrateKbps); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
