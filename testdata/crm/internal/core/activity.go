package core

import "time"

// ActivityKind classifies logged activities.
type ActivityKind string

const (
	ActivityCall    ActivityKind = "call"
	ActivityMeeting ActivityKind = "meeting"
	ActivityNote    ActivityKind = "note"
	ActivityEmail   ActivityKind = "email"
)

// Activity is something that happened with a contact or deal.
type Activity struct {
	ID          ID           `json:"id"`
	TenantID    ID           `json:"tenant_id"`
	UserID      ID           `json:"user_id"`
	Kind        ActivityKind `json:"kind"`
	Subject     string       `json:"subject"`
	Body        string       `json:"body,omitempty"`
	ContactID   ID           `json:"contact_id,omitempty"`
	DealID      ID           `json:"deal_id,omitempty"`
	OccurredAt  time.Time    `json:"occurred_at"`
	DurationMin int          `json:"duration_min,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
}

// Task is a to-do assigned to a user.
type Task struct {
	ID          ID         `json:"id"`
	TenantID    ID         `json:"tenant_id"`
	AssigneeID  ID         `json:"assignee_id"`
	Title       string     `json:"title"`
	ContactID   ID         `json:"contact_id,omitempty"`
	DealID      ID         `json:"deal_id,omitempty"`
	DueAt       *time.Time `json:"due_at,omitempty"`
	CompletedAt *time.Time `json:"completed_at,omitempty"`
	RemindedAt  *time.Time `json:"reminded_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// EmailDirection tells inbound from outbound mail.
type EmailDirection string

const (
	EmailInbound  EmailDirection = "inbound"
	EmailOutbound EmailDirection = "outbound"
)

// EmailMessage is a synced or sent email.
type EmailMessage struct {
	ID         ID             `json:"id"`
	TenantID   ID             `json:"tenant_id"`
	MailboxID  ID             `json:"mailbox_id"`
	ProviderID string         `json:"provider_id"`
	ThreadID   string         `json:"thread_id"`
	From       string         `json:"from"`
	To         []string       `json:"to"`
	Subject    string         `json:"subject"`
	Snippet    string         `json:"snippet"`
	Direction  EmailDirection `json:"direction"`
	SentAt     time.Time      `json:"sent_at"`
}
