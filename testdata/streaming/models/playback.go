package models

import "time"

// Quality tiers, ordered.
const (
	QualitySD  = "sd"
	QualityHD  = "hd"
	QualityUHD = "uhd"
)

// QualityMaxHeight maps a quality tier to the maximum rendition height.
var QualityMaxHeight = map[string]int{QualitySD: 480, QualityHD: 1080, QualityUHD: 2160}

// PlaybackSession is one stream being watched on a device.
type PlaybackSession struct {
	ID            string     `json:"id"`
	AccountID     string     `json:"account_id"`
	ProfileID     string     `json:"profile_id"`
	TitleID       string     `json:"title_id"`
	EpisodeID     string     `json:"episode_id,omitempty"`
	DeviceID      string     `json:"device_id"`
	Territory     string     `json:"territory"`
	Quality       string     `json:"quality"`
	WithAds       bool       `json:"with_ads"`
	PositionSec   int        `json:"position_sec"`
	StartedAt     time.Time  `json:"started_at"`
	LastHeartbeat time.Time  `json:"last_heartbeat"`
	EndedAt       *time.Time `json:"ended_at,omitempty"`
}

// DRMLicense is a content-key license issued for a session.
type DRMLicense struct {
	ID        string    `json:"id"`
	SessionID string    `json:"session_id"`
	System    string    `json:"system"`
	KeyID     string    `json:"key_id"`
	Token     string    `json:"token"`
	HDCP      string    `json:"hdcp"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Job statuses for transcoding.
const (
	JobQueued    = "queued"
	JobRunning   = "running"
	JobSucceeded = "succeeded"
	JobFailed    = "failed"
)

// TranscodeJob converts a mezzanine source into a rendition ladder.
type TranscodeJob struct {
	ID         string     `json:"id"`
	TitleID    string     `json:"title_id"`
	EpisodeID  string     `json:"episode_id,omitempty"`
	SourceURI  string     `json:"source_uri"`
	SourceH    int        `json:"source_height"`
	Status     string     `json:"status"`
	Priority   int        `json:"priority"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// Rendition is one encoded variant of a title or episode.
type Rendition struct {
	ID          string `json:"id"`
	JobID       string `json:"job_id"`
	TitleID     string `json:"title_id"`
	EpisodeID   string `json:"episode_id,omitempty"`
	Codec       string `json:"codec"`
	Height      int    `json:"height"`
	BitrateKbps int    `json:"bitrate_kbps"`
	URI         string `json:"uri"`
	KeyID       string `json:"key_id"`
}
