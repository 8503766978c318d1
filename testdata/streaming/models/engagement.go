package models

import "time"

// WatchEvent is a progress report from a player.
type WatchEvent struct {
	ProfileID   string    `json:"profile_id"`
	TitleID     string    `json:"title_id"`
	EpisodeID   string    `json:"episode_id,omitempty"`
	SessionID   string    `json:"session_id"`
	PositionSec int       `json:"position_sec"`
	DurationSec int       `json:"duration_sec"`
	At          time.Time `json:"at"`
}

// WatchProgress is the latest position per profile and title/episode.
type WatchProgress struct {
	ProfileID   string    `json:"profile_id"`
	TitleID     string    `json:"title_id"`
	EpisodeID   string    `json:"episode_id,omitempty"`
	PositionSec int       `json:"position_sec"`
	DurationSec int       `json:"duration_sec"`
	Completed   bool      `json:"completed"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ContinueWatchingItem is a row on the "continue watching" shelf.
type ContinueWatchingItem struct {
	TitleID       string `json:"title_id"`
	TitleName     string `json:"title_name"`
	EpisodeID     string `json:"episode_id,omitempty"`
	EpisodeName   string `json:"episode_name,omitempty"`
	PositionSec   int    `json:"position_sec"`
	DurationSec   int    `json:"duration_sec"`
	NextEpisodeID string `json:"next_episode_id,omitempty"`
}

// Recommendation is a scored title for a profile.
type Recommendation struct {
	TitleID string  `json:"title_id"`
	Name    string  `json:"name,omitempty"`
	Score   float64 `json:"score"`
	Reason  string  `json:"reason"`
}

// AdBreak is a slot in the stream filled with ads.
type AdBreak struct {
	OffsetSec int          `json:"offset_sec"`
	Ads       []AdDecision `json:"ads"`
}

// AdDecision is one ad chosen for a break.
type AdDecision struct {
	CampaignID  string `json:"campaign_id"`
	CreativeID  string `json:"creative_id"`
	DurationSec int    `json:"duration_sec"`
	MediaURI    string `json:"media_uri"`
	TrackingURL string `json:"tracking_url"`
}

// Page is common pagination input.
type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Normalize clamps the page to sane values.
func (p Page) Normalize() Page {
	if p.Limit <= 0 || p.Limit > 100 {
		p.Limit = 25
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}
