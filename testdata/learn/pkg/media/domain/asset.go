// Package domain models uploaded media assets.
package domain

import (
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/errs"
)

// Status is an asset's processing state.
type Status string

const (
	StatusUploading  Status = "uploading"
	StatusProcessing Status = "processing"
	StatusReady      Status = "ready"
	StatusFailed     Status = "failed"
)

// Asset is an uploaded video.
type Asset struct {
	ID          types.AssetID `json:"id"`
	OwnerID     types.UserID  `json:"owner_id"`
	Filename    string        `json:"filename"`
	Status      Status        `json:"status"`
	DurationSec int           `json:"duration_sec"`
	UploadID    string        `json:"-"`
	MuxAssetID  string        `json:"-"`
	PlaybackID  string        `json:"playback_id,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

// MaxDuration caps lesson video length.
const MaxDuration = 3 * time.Hour

var allowedExt = []string{".mp4", ".mov", ".mkv", ".webm"}

// ValidateFilename checks the upload's extension.
func ValidateFilename(name string) error {
	lower := strings.ToLower(name)
	for _, ext := range allowedExt {
		if strings.HasSuffix(lower, ext) {
			return nil
		}
	}
	return errs.E(errs.Invalid, "upload", "unsupported video format %q", name)
}
