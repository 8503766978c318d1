// Package service orchestrates starting, tracking and stopping playback.
package service

import (
	"context"
	"log/slog"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/ids"
	ads "github.com/flickstream/api/services/ads/service"
	billingstore "github.com/flickstream/api/services/billing/store"
	catalog "github.com/flickstream/api/services/catalog/service"
	encoding "github.com/flickstream/api/services/encoding/service"
	history "github.com/flickstream/api/services/history/service"
	"github.com/flickstream/api/services/playback/drm"
	"github.com/flickstream/api/services/playback/manifest"
	"github.com/flickstream/api/services/playback/store"
	profiles "github.com/flickstream/api/services/profiles/service"
	rights "github.com/flickstream/api/services/rights/service"
)

const maxLicensesPerSession = 20

// StartRequest asks to start playback.
type StartRequest struct {
	AccountID    string   `json:"-"`
	ProfileID    string   `json:"-"`
	DeviceID     string   `json:"-"`
	Territory    string   `json:"-"`
	TitleID      string   `json:"title_id"`
	EpisodeID    string   `json:"episode_id,omitempty"`
	DRMSystem    string   `json:"drm_system"`
	DeviceCodecs []string `json:"device_codecs"`
	PIN          string   `json:"pin,omitempty"`
}

// StartResponse is everything the player needs.
type StartResponse struct {
	Session  models.PlaybackSession `json:"session"`
	License  models.DRMLicense      `json:"license"`
	Manifest string                 `json:"manifest"`
	AdBreaks []models.AdBreak       `json:"ad_breaks,omitempty"`
	ResumeAt int                    `json:"resume_at_sec"`
}

// Deps are the other contexts playback relies on.
type Deps struct {
	Catalog  catalog.Service
	Rights   *rights.Service
	Profiles *profiles.Service
	Encoding *encoding.Service
	History  *history.Service
	Ads      *ads.Service
	// Billing is read straight from the billing tables: the entitlement check is
	// on the hot path and the billing service was too slow in 2022.
	Billing *billingstore.Store
}

// Service is the playback API.
type Service struct {
	store            *store.Store
	deps             Deps
	drm              *drm.Issuer
	pub              events.Publisher
	log              *slog.Logger
	cdnBase          string
	licenseURL       string
	heartbeatTimeout time.Duration
	now              func() time.Time
}

// New returns the service.
func New(s *store.Store, deps Deps, issuer *drm.Issuer, pub events.Publisher, log *slog.Logger, cdnBase string, heartbeatTimeout time.Duration) *Service {
	return &Service{store: s, deps: deps, drm: issuer, pub: pub, log: log, cdnBase: cdnBase,
		licenseURL: cdnBase + "/license", heartbeatTimeout: heartbeatTimeout, now: time.Now}
}

// Start runs every playback check and opens a session.
func (s *Service) Start(ctx context.Context, req StartRequest) (StartResponse, error) {
	const op = "playback.Start"
	now := s.now().UTC()

	profile, err := s.deps.Profiles.Profile(ctx, req.ProfileID)
	if err != nil {
		return StartResponse{}, err
	}
	if profile.AccountID != req.AccountID {
		return StartResponse{}, errs.E(errs.Forbidden, op, "profile does not belong to account")
	}
	acc, err := s.deps.Profiles.Account(ctx, req.AccountID)
	if err != nil {
		return StartResponse{}, err
	}
	if acc.Status != models.AccountActive {
		return StartResponse{}, errs.E(errs.Forbidden, op, "account is "+acc.Status)
	}

	sub, err := s.deps.Billing.CurrentSubscription(ctx, req.AccountID)
	if err != nil || !sub.Entitled(now) {
		return StartResponse{}, errs.E(errs.PaymentRequired, op, "no active subscription")
	}
	plan, err := s.deps.Billing.GetPlan(ctx, sub.PlanCode)
	if err != nil {
		return StartResponse{}, err
	}

	title, err := s.deps.Catalog.GetTitle(ctx, req.TitleID)
	if err != nil {
		return StartResponse{}, err
	}
	durationSec := title.RuntimeMinutes * 60
	if title.Kind == models.KindSeries {
		ep, ok := findEpisode(title.Episodes, req.EpisodeID)
		if !ok {
			return StartResponse{}, errs.E(errs.Invalid, op, "episode_id is required and must belong to the series")
		}
		if !ep.Playable {
			return StartResponse{}, errs.E(errs.Unavailable, op, "episode not yet available")
		}
		durationSec = ep.RuntimeMinutes * 60
	} else if req.EpisodeID != "" {
		return StartResponse{}, errs.E(errs.Invalid, op, "movies have no episodes")
	}
	if !title.Playable {
		return StartResponse{}, errs.E(errs.Unavailable, op, "title not available")
	}

	decision, err := s.deps.Profiles.CanWatch(ctx, profile.ID, title.ID, title.Rating)
	if err != nil {
		return StartResponse{}, err
	}
	if !decision.Allowed {
		return StartResponse{}, errs.E(errs.Forbidden, op, decision.Reason)
	}
	if decision.NeedsPIN {
		if req.PIN == "" {
			return StartResponse{}, errs.E(errs.Forbidden, op, "parental PIN required")
		}
		if err := s.deps.Profiles.VerifyPIN(ctx, profile.ID, req.PIN); err != nil {
			return StartResponse{}, err
		}
	}

	ok, err := s.deps.Rights.IsAvailable(ctx, title.ID, req.Territory, plan.HasAds)
	if err != nil {
		return StartResponse{}, err
	}
	if !ok {
		return StartResponse{}, errs.E(errs.Unavailable, op, "not available in your region or plan")
	}

	if err := s.enforceConcurrency(ctx, req, plan.MaxStreams, now); err != nil {
		return StartResponse{}, err
	}

	maxHeight := models.QualityMaxHeight[plan.MaxQuality]
	rends, err := s.deps.Encoding.Renditions(ctx, title.ID, req.EpisodeID, maxHeight)
	if err != nil {
		return StartResponse{}, err
	}
	variants := manifest.Select(rends, maxHeight, req.DeviceCodecs)
	if len(variants) == 0 {
		return StartResponse{}, errs.E(errs.Unavailable, op, "no playable rendition for this device")
	}

	sess := models.PlaybackSession{
		ID: ids.New(ids.Session), AccountID: req.AccountID, ProfileID: profile.ID, TitleID: title.ID,
		EpisodeID: req.EpisodeID, DeviceID: req.DeviceID, Territory: req.Territory, Quality: plan.MaxQuality,
		WithAds: plan.HasAds, StartedAt: now, LastHeartbeat: now,
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return StartResponse{}, err
	}
	lic, err := s.drm.Issue(sess.ID, rends[0].KeyID, req.DRMSystem, plan.MaxQuality)
	if err != nil {
		return StartResponse{}, errs.E(errs.Invalid, op, err.Error())
	}
	if err := s.store.InsertLicense(ctx, lic); err != nil {
		return StartResponse{}, err
	}

	resp := StartResponse{Session: sess, License: lic}
	if plan.HasAds {
		breaks, err := s.deps.Ads.DecideBreaks(ctx, profile.ID, sess.ID, title.Title, durationSec)
		if err != nil {
			s.log.Warn("ad decision failed; playing without ads", "session", sess.ID, "err", err)
		}
		resp.AdBreaks = breaks
	}
	resp.Manifest = manifest.Master(variants, s.cdnBase, lic.KeyID, s.licenseURL, resp.AdBreaks)
	resp.ResumeAt = s.resumePoint(ctx, profile.ID, title.ID, req.EpisodeID)

	_ = s.pub.Publish(ctx, events.New(events.PlaybackStarted, sess.ID,
		"account_id", sess.AccountID, "profile_id", sess.ProfileID, "title_id", sess.TitleID, "quality", sess.Quality))
	return resp, nil
}

// enforceConcurrency applies the plan's stream limit. A device restarting
// playback replaces its own previous session instead of counting twice.
func (s *Service) enforceConcurrency(ctx context.Context, req StartRequest, maxStreams int, now time.Time) error {
	active, err := s.store.ActiveSessions(ctx, req.AccountID, now.Add(-s.heartbeatTimeout))
	if err != nil {
		return err
	}
	n := 0
	for _, a := range active {
		if a.DeviceID == req.DeviceID {
			if err := s.store.EndSession(ctx, a.ID, now); err != nil {
				return err
			}
			continue
		}
		n++
	}
	if n >= maxStreams {
		return errs.E(errs.Conflict, "playback.concurrency", "too many screens in use for your plan")
	}
	return nil
}

func (s *Service) resumePoint(ctx context.Context, profileID, titleID, episodeID string) int {
	items, err := s.deps.History.ContinueWatching(ctx, profileID, 40)
	if err != nil {
		return 0
	}
	for _, it := range items {
		if it.TitleID == titleID && it.EpisodeID == episodeID {
			return it.PositionSec
		}
	}
	return 0
}

// HeartbeatRequest reports the player position.
type HeartbeatRequest struct {
	SessionID   string `json:"-"`
	ProfileID   string `json:"-"`
	PositionSec int    `json:"position_sec"`
	DurationSec int    `json:"duration_sec"`
}

// Heartbeat keeps the session alive and records progress.
func (s *Service) Heartbeat(ctx context.Context, req HeartbeatRequest) error {
	sess, err := s.owned(ctx, req.SessionID, req.ProfileID)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	if err := s.store.Heartbeat(ctx, sess.ID, req.PositionSec, now); err != nil {
		return err
	}
	return s.deps.History.Record(ctx, models.WatchEvent{
		ProfileID: sess.ProfileID, TitleID: sess.TitleID, EpisodeID: sess.EpisodeID, SessionID: sess.ID,
		PositionSec: req.PositionSec, DurationSec: req.DurationSec, At: now,
	})
}

// Stop ends a session.
func (s *Service) Stop(ctx context.Context, sessionID, profileID string) error {
	sess, err := s.owned(ctx, sessionID, profileID)
	if err != nil {
		return err
	}
	if err := s.store.EndSession(ctx, sess.ID, s.now().UTC()); err != nil {
		return err
	}
	_ = s.pub.Publish(ctx, events.New(events.PlaybackStopped, sess.ID, "title_id", sess.TitleID))
	return nil
}

// RenewLicense issues a fresh license for a long-running session.
func (s *Service) RenewLicense(ctx context.Context, sessionID, profileID, system string) (models.DRMLicense, error) {
	const op = "playback.RenewLicense"
	sess, err := s.owned(ctx, sessionID, profileID)
	if err != nil {
		return models.DRMLicense{}, err
	}
	if sess.EndedAt != nil {
		return models.DRMLicense{}, errs.E(errs.Conflict, op, "session ended")
	}
	n, err := s.store.LicenseCount(ctx, sess.ID)
	if err != nil {
		return models.DRMLicense{}, err
	}
	if n >= maxLicensesPerSession {
		return models.DRMLicense{}, errs.E(errs.Forbidden, op, "license limit reached; restart playback")
	}
	if ok, err := s.deps.Rights.IsAvailable(ctx, sess.TitleID, sess.Territory, sess.WithAds); err != nil {
		return models.DRMLicense{}, err
	} else if !ok {
		return models.DRMLicense{}, errs.E(errs.Unavailable, op, "title left the catalog")
	}
	rends, err := s.deps.Encoding.Renditions(ctx, sess.TitleID, sess.EpisodeID, 0)
	if err != nil || len(rends) == 0 {
		return models.DRMLicense{}, errs.E(errs.Unavailable, op, "no key for content")
	}
	lic, err := s.drm.Issue(sess.ID, rends[0].KeyID, system, sess.Quality)
	if err != nil {
		return lic, errs.E(errs.Invalid, op, err.Error())
	}
	return lic, s.store.InsertLicense(ctx, lic)
}

// ReapStale closes abandoned sessions; run by cmd/worker.
func (s *Service) ReapStale(ctx context.Context) error {
	n, err := s.store.ReapStale(ctx, s.now().Add(-s.heartbeatTimeout))
	if n > 0 {
		s.log.Info("reaped stale playback sessions", "count", n)
	}
	return err
}

func (s *Service) owned(ctx context.Context, sessionID, profileID string) (models.PlaybackSession, error) {
	sess, err := s.store.GetSession(ctx, sessionID)
	if err != nil {
		return sess, err
	}
	if sess.ProfileID != profileID {
		return sess, errs.E(errs.Forbidden, "playback.owned", "session belongs to another profile")
	}
	return sess, nil
}

func findEpisode(eps []models.Episode, id string) (models.Episode, bool) {
	for _, e := range eps {
		if e.ID == id {
			return e, true
		}
	}
	return models.Episode{}, false
}
