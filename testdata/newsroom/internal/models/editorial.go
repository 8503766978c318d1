// Package models holds the shared data types used across the newsroom backend.
//
// Historically every team added its structs here so handlers, stores and jobs
// could pass the same types around. New code should prefer context-local types.
package models

import "time"

type ArticleStatus string

const (
	StatusDraft     ArticleStatus = "draft"
	StatusInReview  ArticleStatus = "in_review"
	StatusApproved  ArticleStatus = "approved"
	StatusScheduled ArticleStatus = "scheduled"
	StatusPublished ArticleStatus = "published"
	StatusKilled    ArticleStatus = "killed"
)

type Article struct {
	ID              string        `json:"id"`
	Slug            string        `json:"slug"`
	Headline        string        `json:"headline"`
	Standfirst      string        `json:"standfirst"`
	Body            string        `json:"body,omitempty"`
	SectionID       string        `json:"section_id"`
	Status          ArticleStatus `json:"status"`
	Premium         bool          `json:"premium"`
	CommentsEnabled bool          `json:"comments_enabled"`
	WordCount       int           `json:"word_count"`
	AuthorIDs       []string      `json:"author_ids"`
	Tags            []string      `json:"tags,omitempty"`
	HeroMediaID     string        `json:"hero_media_id,omitempty"`
	CreatedBy       string        `json:"created_by"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
	PublishedAt     *time.Time    `json:"published_at,omitempty"`
}

type Section struct {
	ID       string `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	ParentID string `json:"parent_id,omitempty"`
	Premium  bool   `json:"premium"`
}

type Revision struct {
	ID        string    `json:"id"`
	ArticleID string    `json:"article_id"`
	Number    int       `json:"number"`
	Headline  string    `json:"headline"`
	Body      string    `json:"body"`
	EditedBy  string    `json:"edited_by"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
}

type MediaAsset struct {
	ID            string     `json:"id"`
	URL           string     `json:"url"`
	Caption       string     `json:"caption"`
	Credit        string     `json:"credit"`
	LicenseExpiry *time.Time `json:"license_expiry,omitempty"`
	UploadedBy    string     `json:"uploaded_by"`
}
