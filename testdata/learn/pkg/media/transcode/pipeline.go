// Package transcode follows assets through Mux processing and marks them
// ready (or failed).
package transcode

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"time"

	"quill.dev/academy/integrations/muxvideo"
	catrepo "quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/media/domain"
	"quill.dev/academy/pkg/media/repo"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/log"
)

// Pipeline reacts to Mux webhooks and polls stuck assets.
type Pipeline struct {
	Pool  *sql.DB
	Repo  *repo.Repo
	Mux   *muxvideo.Client
	Clock clock.Clock
	// Lessons is written directly so lesson durations update the moment a
	// video is ready (before this, instructors had to re-save the lesson).
	Lessons *catrepo.Repo
}

type webhook struct {
	Type string `json:"type"`
	Data struct {
		ID       string `json:"id"`
		UploadID string `json:"upload_id"`
		AssetID  string `json:"asset_id"`
	} `json:"data"`
}

// HandleWebhook processes a Mux webhook body.
func (p *Pipeline) HandleWebhook(ctx context.Context, body []byte) error {
	var wh webhook
	if err := json.Unmarshal(body, &wh); err != nil {
		return errs.Wrap(errs.Invalid, "mux.webhook", err)
	}
	switch wh.Type {
	case "video.upload.asset_created":
		a, err := p.Repo.ByUploadID(ctx, wh.Data.ID)
		if err != nil {
			return err
		}
		a.Status, a.MuxAssetID, a.UpdatedAt = domain.StatusProcessing, wh.Data.AssetID, p.Clock.Now()
		return p.Repo.Update(ctx, a)
	case "video.asset.ready", "video.asset.errored":
		mux, err := p.Mux.GetAsset(ctx, wh.Data.ID)
		if err != nil {
			return err
		}
		return p.apply(ctx, types.AssetID(mux.Passthrough), mux)
	}
	return nil
}

func (p *Pipeline) apply(ctx context.Context, id types.AssetID, mux muxvideo.Asset) error {
	a, err := p.Repo.Get(ctx, id)
	if err != nil {
		return err
	}
	a.UpdatedAt = p.Clock.Now()
	switch mux.Status {
	case "errored":
		a.Status = domain.StatusFailed
		return p.Repo.Update(ctx, a)
	case "ready":
	default:
		return nil
	}
	a.Status = domain.StatusReady
	a.DurationSec = int(math.Round(mux.Duration))
	if len(mux.PlaybackIDs) > 0 {
		a.PlaybackID = mux.PlaybackIDs[0].ID
	}
	if time.Duration(a.DurationSec)*time.Second > domain.MaxDuration {
		a.Status = domain.StatusFailed
		log.From(ctx).Warn("video too long", "asset", a.ID, "sec", a.DurationSec)
		return p.Repo.Update(ctx, a)
	}
	if err := p.Repo.Update(ctx, a); err != nil {
		return err
	}
	if n, err := p.Lessons.SetLessonVideo(ctx, a.ID, a.DurationSec); err != nil {
		log.From(ctx).Error("update lesson duration", "asset", a.ID, "err", err)
	} else {
		log.From(ctx).Info("lesson durations updated", "asset", a.ID, "lessons", n)
	}
	return events.PublishJSON(ctx, events.NewOutbox(p.Pool), types.EventVideoReady,
		types.VideoReady{AssetID: a.ID, DurationSec: a.DurationSec, PlaybackID: a.PlaybackID})
}

// StuckJob re-polls assets stuck in processing (missed webhooks).
type StuckJob struct{ P *Pipeline }

func (StuckJob) Name() string { return "media.stuck_assets" }

func (j StuckJob) Run(ctx context.Context, now time.Time) error {
	ids, err := j.P.Repo.Stuck(ctx, now.Add(-30*time.Minute))
	if err != nil {
		return err
	}
	for _, id := range ids {
		a, err := j.P.Repo.Get(ctx, id)
		if err != nil || a.MuxAssetID == "" {
			continue
		}
		mux, err := j.P.Mux.GetAsset(ctx, a.MuxAssetID)
		if err != nil {
			log.From(ctx).Warn("poll mux asset", "asset", id, "err", err)
			continue
		}
		if err := j.P.apply(ctx, id, mux); err != nil {
			log.From(ctx).Error("apply mux asset", "asset", id, "err", err)
		}
	}
	return nil
}
