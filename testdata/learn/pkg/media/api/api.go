// Package api exposes media uploads and playback over HTTP.
package api

import (
	"io"
	"net/http"
	"time"

	"quill.dev/academy/integrations/muxvideo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/media/domain"
	"quill.dev/academy/pkg/media/repo"
	"quill.dev/academy/pkg/media/transcode"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/ids"
)

// Handler serves /media and the Mux webhook.
type Handler struct {
	Repo     *repo.Repo
	Mux      *muxvideo.Client
	Pipeline *transcode.Pipeline
	Clock    clock.Clock
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /media/uploads", httpx.H(h.createUpload))
	mux.HandleFunc("GET /media/assets/{asset}", httpx.H(h.getAsset))
	mux.HandleFunc("GET /media/assets/{asset}/playback", httpx.H(h.playback))
	mux.HandleFunc("POST /webhooks/mux", httpx.H(h.webhook))
}

func (h *Handler) createUpload(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	if !p.Role.CanAuthor() {
		return errs.E(errs.Forbidden, "upload", "instructors only")
	}
	var in struct {
		Filename string `json:"filename"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := domain.ValidateFilename(in.Filename); err != nil {
		return err
	}
	now := h.Clock.Now()
	a := domain.Asset{ID: types.AssetID(ids.New("ast")), OwnerID: p.UserID, Filename: in.Filename, Status: domain.StatusUploading,
		CreatedAt: now, UpdatedAt: now}
	up, err := h.Mux.CreateUpload(r.Context(), string(a.ID))
	if err != nil {
		return errs.Wrap(errs.Unavailable, "mux.upload", err)
	}
	a.UploadID = up.ID
	if err := h.Repo.Create(r.Context(), a); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"asset": a, "upload_url": up.URL})
	return nil
}

func (h *Handler) getAsset(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	a, err := h.Repo.Get(r.Context(), types.AssetID(r.PathValue("asset")))
	if err != nil {
		return err
	}
	if a.OwnerID != p.UserID && p.Role != types.RoleAdmin {
		return errs.E(errs.NotFound, "asset", "not found")
	}
	httpx.JSON(w, http.StatusOK, a)
	return nil
}

func (h *Handler) playback(w http.ResponseWriter, r *http.Request) error {
	if _, err := auth.Require(r); err != nil {
		return err
	}
	a, err := h.Repo.Get(r.Context(), types.AssetID(r.PathValue("asset")))
	if err != nil {
		return err
	}
	if a.Status != domain.StatusReady {
		return errs.E(errs.Conflict, "playback", "video is %s", a.Status)
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"url": h.Mux.SignedPlaybackURL(a.PlaybackID, 6*time.Hour, h.Clock.Now())})
	return nil
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return errs.Wrap(errs.Invalid, "mux.webhook", err)
	}
	if err := h.Pipeline.HandleWebhook(r.Context(), body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
