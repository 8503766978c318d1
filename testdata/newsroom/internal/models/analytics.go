package models

import "time"

type PageView struct {
	ArticleID string    `json:"article_id"`
	ReaderID  string    `json:"reader_id,omitempty"`
	DeviceID  string    `json:"device_id"`
	Path      string    `json:"path"`
	Referrer  string    `json:"referrer"`
	UserAgent string    `json:"user_agent"`
	Country   string    `json:"country"`
	Paywalled bool      `json:"paywalled"`
	ViewedAt  time.Time `json:"viewed_at"`
}

type ArticleStats struct {
	ArticleID      string  `json:"article_id"`
	Headline       string  `json:"headline,omitempty"`
	Views          int64   `json:"views"`
	UniqueReaders  int64   `json:"unique_readers"`
	AvgEngagedSecs float64 `json:"avg_engaged_secs"`
	PaywallHits    int64   `json:"paywall_hits"`
}
