// Package worker claims transcode jobs and drives the external encoder.
package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/encoding/service"
	"github.com/flickstream/api/services/encoding/store"
)

const maxAttempts = 3

// Transcoder produces one rendition.
type Transcoder interface {
	Transcode(ctx context.Context, src string, rung store.Rung, dst string) error
}

// FFmpeg shells out to the ffmpeg binary on the encoding hosts.
type FFmpeg struct {
	Binary string
}

// Transcode runs ffmpeg for one rung.
func (f FFmpeg) Transcode(ctx context.Context, src string, rung store.Rung, dst string) error {
	vcodec := map[string]string{"h264": "libx264", "h265": "libx265", "av1": "libsvtav1"}[rung.Codec]
	if vcodec == "" {
		return fmt.Errorf("unsupported codec %q", rung.Codec)
	}
	args := []string{"-hide_banner", "-y", "-i", src,
		"-vf", "scale=-2:" + strconv.Itoa(rung.Height),
		"-c:v", vcodec, "-b:v", strconv.Itoa(rung.BitrateKbps) + "k",
		"-c:a", "aac", "-b:a", "128k",
		"-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", dst}
	out, err := exec.CommandContext(ctx, f.Binary, args...).CombinedOutput()
	if err != nil {
		tail := string(out)
		if len(tail) > 400 {
			tail = tail[len(tail)-400:]
		}
		return fmt.Errorf("ffmpeg %s: %w: %s", rung.Name, err, strings.TrimSpace(tail))
	}
	return nil
}

// Worker processes jobs one at a time.
type Worker struct {
	name    string
	db      *dbx.DB
	store   *store.Store
	tc      Transcoder
	pub     events.Publisher
	log     *slog.Logger
	outBase string
}

// New returns a Worker.
func New(name string, db *dbx.DB, s *store.Store, tc Transcoder, pub events.Publisher, log *slog.Logger, outBase string) *Worker {
	return &Worker{name: name, db: db, store: s, tc: tc, pub: pub, log: log, outBase: strings.TrimRight(outBase, "/")}
}

// Name identifies the job in logs.
func (w *Worker) Name() string { return "transcode-worker/" + w.name }

// RunOnce drains the queue until empty or ctx is done.
func (w *Worker) RunOnce(ctx context.Context) error {
	for ctx.Err() == nil {
		job, ok, err := w.store.ClaimNext(ctx, w.name)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if err := w.process(ctx, job); err != nil {
			w.handleFailure(ctx, job, err)
		}
	}
	return ctx.Err()
}

// keyID derives a stable content-key id per title/episode so every rendition shares one key.
func keyID(job models.TranscodeJob) string {
	sum := sha256.Sum256([]byte(job.TitleID + "/" + job.EpisodeID))
	return hex.EncodeToString(sum[:16])
}

func (w *Worker) process(ctx context.Context, job models.TranscodeJob) error {
	rungs, err := w.store.Ladder(ctx)
	if err != nil {
		return err
	}
	plan := service.PlanLadder(rungs, job.SourceH)
	if len(plan) == 0 {
		return fmt.Errorf("encoding ladder is empty")
	}
	kid := keyID(job)
	for _, r := range plan {
		dst := fmt.Sprintf("%s/%s/%s/%s/index.m3u8", w.outBase, job.TitleID, firstNonEmpty(job.EpisodeID, "main"), r.Name)
		jctx, cancel := context.WithTimeout(ctx, 2*time.Hour)
		err := w.tc.Transcode(jctx, job.SourceURI, r, dst)
		cancel()
		if err != nil {
			return err
		}
		if err := w.store.InsertRendition(ctx, models.Rendition{
			ID: ids.New(ids.Rendition), JobID: job.ID, TitleID: job.TitleID, EpisodeID: job.EpisodeID,
			Codec: r.Codec, Height: r.Height, BitrateKbps: r.BitrateKbps, URI: dst, KeyID: kid,
		}); err != nil {
			return err
		}
	}
	if err := w.store.Succeed(ctx, job.ID); err != nil {
		return err
	}
	if err := w.markPlayable(ctx, job); err != nil {
		w.log.Error("could not flip playable flag", "job", job.ID, "err", err)
	}
	w.log.Info("transcode job done", "job", job.ID, "renditions", len(plan))
	return w.pub.Publish(ctx, events.New(events.TranscodeCompleted, job.ID,
		"title_id", job.TitleID, "episode_id", job.EpisodeID, "renditions", strconv.Itoa(len(plan))))
}

// markPlayable makes the content visible as soon as it has renditions.
// TODO(encoding): move to an event consumed by catalog; this was a hotfix for the 2022 launch.
func (w *Worker) markPlayable(ctx context.Context, job models.TranscodeJob) error {
	if job.EpisodeID != "" {
		if _, err := w.db.ExecContext(ctx, `UPDATE episodes SET playable = TRUE WHERE id = $1`, job.EpisodeID); err != nil {
			return err
		}
	}
	_, err := w.db.ExecContext(ctx, `UPDATE titles SET playable = TRUE, updated_at = now() WHERE id = $1 AND playable = FALSE`, job.TitleID)
	return err
}

func (w *Worker) handleFailure(ctx context.Context, job models.TranscodeJob, cause error) {
	w.log.Warn("transcode job failed", "job", job.ID, "attempt", job.Attempts, "err", cause)
	msg := cause.Error()
	if job.Attempts < maxAttempts {
		backoff := time.Duration(job.Attempts*job.Attempts) * 5 * time.Minute
		if err := w.store.Fail(ctx, job.ID, msg, backoff); err != nil {
			w.log.Error("could not requeue job", "job", job.ID, "err", err)
		}
		return
	}
	if err := w.store.Fail(ctx, job.ID, msg, 0); err != nil {
		w.log.Error("could not fail job", "job", job.ID, "err", err)
	}
	_ = w.pub.Publish(ctx, events.New(events.TranscodeFailed, job.ID, "title_id", job.TitleID, "error", msg))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
