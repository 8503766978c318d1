package models

import "time"

type CommentStatus string

const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentRejected CommentStatus = "rejected"
	CommentHidden   CommentStatus = "hidden"
)

type Comment struct {
	ID         string        `json:"id"`
	ArticleID  string        `json:"article_id"`
	ReaderID   string        `json:"reader_id"`
	ParentID   string        `json:"parent_id,omitempty"`
	AuthorName string        `json:"author_name"`
	Body       string        `json:"body"`
	Status     CommentStatus `json:"status"`
	FlagCount  int           `json:"flag_count"`
	CreatedAt  time.Time     `json:"created_at"`
}

type Newsletter struct {
	ID        string `json:"id"`
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	SectionID string `json:"section_id,omitempty"`
	Cadence   string `json:"cadence"`
	Premium   bool   `json:"premium"`
}
