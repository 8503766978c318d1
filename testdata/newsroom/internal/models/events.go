package models

import "time"

// Event topics. Every context publishes through the shared bus.
const (
	TopicArticlePublished     = "editorial.article_published"
	TopicArticleUnpublished   = "editorial.article_unpublished"
	TopicSubscriptionStarted  = "subscriptions.started"
	TopicSubscriptionCanceled = "subscriptions.cancelled"
	TopicInvoicePaid          = "billing.invoice_paid"
	TopicPaymentFailed        = "billing.payment_failed"
	TopicReaderRegistered     = "accounts.reader_registered"
	TopicCommentFlagged       = "comments.flagged"
)

type ArticlePublishedEvent struct {
	ArticleID      string    `json:"article_id"`
	Slug           string    `json:"slug"`
	SectionID      string    `json:"section_id"`
	ContributorIDs []string  `json:"contributor_ids"`
	WordCount      int       `json:"word_count"`
	Premium        bool      `json:"premium"`
	PublishedAt    time.Time `json:"published_at"`
}

type SubscriptionEvent struct {
	SubscriptionID string `json:"subscription_id"`
	ReaderID       string `json:"reader_id"`
	PlanID         string `json:"plan_id"`
}

type InvoiceEvent struct {
	InvoiceID      string `json:"invoice_id"`
	SubscriptionID string `json:"subscription_id,omitempty"`
	ReaderID       string `json:"reader_id,omitempty"`
	Attempt        int    `json:"attempt"`
	FailureCode    string `json:"failure_code,omitempty"`
}

type ReaderRegisteredEvent struct {
	ReaderID   string `json:"reader_id"`
	Email      string `json:"email"`
	EmailOptIn bool   `json:"email_opt_in"`
}
