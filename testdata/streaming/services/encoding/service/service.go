// Package service manages transcode job submission and rendition lookup.
package service

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/encoding/store"
)

var allowedSchemes = []string{"s3://", "gs://", "https://"}

// SubmitRequest asks for a source to be encoded.
type SubmitRequest struct {
	TitleID      string `json:"title_id"`
	EpisodeID    string `json:"episode_id,omitempty"`
	SourceURI    string `json:"source_uri"`
	SourceHeight int    `json:"source_height"`
	Priority     int    `json:"priority"`
}

// Service is the encoding API.
type Service struct {
	store *store.Store
	log   *slog.Logger
	now   func() time.Time
}

// New returns the encoding service.
func New(s *store.Store, log *slog.Logger) *Service {
	return &Service{store: s, log: log, now: time.Now}
}

// Submit enqueues a job. Submitting the same source twice returns the open job.
func (s *Service) Submit(ctx context.Context, req SubmitRequest) (models.TranscodeJob, error) {
	const op = "encoding.Submit"
	if req.TitleID == "" {
		return models.TranscodeJob{}, errs.E(errs.Invalid, op, "title_id is required")
	}
	okScheme := false
	for _, p := range allowedSchemes {
		if strings.HasPrefix(req.SourceURI, p) {
			okScheme = true
		}
	}
	if !okScheme {
		return models.TranscodeJob{}, errs.E(errs.Invalid, op, "source_uri must be s3://, gs:// or https://")
	}
	if req.SourceHeight < 360 || req.SourceHeight > 4320 {
		return models.TranscodeJob{}, errs.E(errs.Invalid, op, "source_height must be between 360 and 4320")
	}
	if req.Priority < 0 || req.Priority > 10 {
		return models.TranscodeJob{}, errs.E(errs.Invalid, op, "priority must be 0..10")
	}
	if id, open, err := s.store.OpenJobForSource(ctx, req.SourceURI); err != nil {
		return models.TranscodeJob{}, err
	} else if open {
		return s.store.GetJob(ctx, id)
	}
	j := models.TranscodeJob{
		ID: ids.New(ids.Job), TitleID: req.TitleID, EpisodeID: req.EpisodeID, SourceURI: req.SourceURI,
		SourceH: req.SourceHeight, Status: models.JobQueued, Priority: req.Priority, CreatedAt: s.now().UTC(),
	}
	if err := s.store.CreateJob(ctx, j); err != nil {
		return j, err
	}
	s.log.Info("transcode job queued", "job", j.ID, "title", j.TitleID, "source", j.SourceURI)
	return j, nil
}

// Get returns a job.
func (s *Service) Get(ctx context.Context, id string) (models.TranscodeJob, error) {
	return s.store.GetJob(ctx, id)
}

// List returns recent jobs, optionally filtered by status.
func (s *Service) List(ctx context.Context, status string, limit int) ([]models.TranscodeJob, error) {
	switch status {
	case "", models.JobQueued, models.JobRunning, models.JobSucceeded, models.JobFailed:
	default:
		return nil, errs.E(errs.Invalid, "encoding.List", "unknown status "+status)
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return s.store.ListJobs(ctx, status, limit)
}

// Retry re-queues a failed job.
func (s *Service) Retry(ctx context.Context, id string) (models.TranscodeJob, error) {
	if err := s.store.Requeue(ctx, id); err != nil {
		return models.TranscodeJob{}, err
	}
	return s.store.GetJob(ctx, id)
}

// Renditions returns the playable variants of a title or episode, capped at maxHeight (0 = no cap).
func (s *Service) Renditions(ctx context.Context, titleID, episodeID string, maxHeight int) ([]models.Rendition, error) {
	rs, err := s.store.Renditions(ctx, titleID, episodeID)
	if err != nil {
		return nil, err
	}
	if maxHeight <= 0 {
		return rs, nil
	}
	out := rs[:0]
	for _, r := range rs {
		if r.Height <= maxHeight {
			out = append(out, r)
		}
	}
	return out, nil
}

// PlanLadder picks the rungs to encode for a source: never upscale, but always
// produce at least the smallest rung so low-resolution archive content plays.
func PlanLadder(rungs []store.Rung, sourceHeight int) []store.Rung {
	var out []store.Rung
	for _, r := range rungs {
		if r.Height <= sourceHeight {
			out = append(out, r)
		}
	}
	if len(out) == 0 && len(rungs) > 0 {
		out = append(out, rungs[len(rungs)-1])
	}
	return out
}
