package core

import "time"

// Event topics published on the bus. Webhook subscribers see these names.
const (
	TopicTenantCreated       = "tenant.created"
	TopicUserInvited         = "user.invited"
	TopicUserDeactivated     = "user.deactivated"
	TopicContactCreated      = "contact.created"
	TopicContactUpdated      = "contact.updated"
	TopicContactMerged       = "contact.merged"
	TopicDealCreated         = "deal.created"
	TopicDealStageChanged    = "deal.stage_changed"
	TopicDealWon             = "deal.won"
	TopicDealLost            = "deal.lost"
	TopicActivityLogged      = "activity.logged"
	TopicTaskCompleted       = "task.completed"
	TopicEmailReceived       = "email.received"
	TopicEmailReplied        = "email.replied"
	TopicSubscriptionChanged = "subscription.changed"
	TopicImportFinished      = "import.finished"
)

// PublicTopics are the topics customers may subscribe webhooks to.
var PublicTopics = []string{
	TopicContactCreated, TopicContactUpdated, TopicContactMerged,
	TopicDealCreated, TopicDealStageChanged, TopicDealWon, TopicDealLost,
	TopicActivityLogged, TopicTaskCompleted, TopicImportFinished,
}

type TenantCreated struct {
	TenantID ID       `json:"tenant_id"`
	OwnerID  ID       `json:"owner_id"`
	Plan     PlanTier `json:"plan"`
}

type UserInvited struct {
	UserID    ID     `json:"user_id"`
	Email     string `json:"email"`
	InvitedBy ID     `json:"invited_by"`
}

type ContactMerged struct {
	WinnerID ID `json:"winner_id"`
	LoserID  ID `json:"loser_id"`
}

type DealStageChanged struct {
	DealID    ID `json:"deal_id"`
	ContactID ID `json:"contact_id,omitempty"`
	FromStage ID `json:"from_stage"`
	ToStage   ID `json:"to_stage"`
	ChangedBy ID `json:"changed_by"`
}

type DealClosed struct {
	DealID  ID         `json:"deal_id"`
	OwnerID ID         `json:"owner_id"`
	Title   string     `json:"title"`
	Value   Money      `json:"value"`
	Status  DealStatus `json:"status"`
	Reason  string     `json:"reason,omitempty"`
}

type ActivityLogged struct {
	ActivityID ID           `json:"activity_id"`
	Kind       ActivityKind `json:"kind"`
	ContactID  ID           `json:"contact_id,omitempty"`
	DealID     ID           `json:"deal_id,omitempty"`
	OccurredAt time.Time    `json:"occurred_at"`
}

type EmailReplied struct {
	MessageID ID     `json:"message_id"`
	ContactID ID     `json:"contact_id"`
	ThreadID  string `json:"thread_id"`
}

type SubscriptionChanged struct {
	Plan   PlanTier     `json:"plan"`
	Status TenantStatus `json:"status"`
	Seats  int          `json:"seats"`
}

type ImportFinished struct {
	ImportID ID  `json:"import_id"`
	Created  int `json:"created"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
}
