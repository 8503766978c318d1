package models

import "time"

type Channel string

const (
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
	ChannelPush  Channel = "push"
)

type Notification struct {
	ID        string            `json:"id"`
	Recipient string            `json:"recipient"`
	Channel   Channel           `json:"channel"`
	Template  string            `json:"template"`
	Data      map[string]string `json:"data"`
	SentAt    *time.Time        `json:"sent_at,omitempty"`
	Error     string            `json:"error,omitempty"`
}

type Thread struct {
	ID        string    `json:"id"`
	Subject   string    `json:"subject"`
	LeaseID   string    `json:"lease_id,omitempty"`
	UnitID    string    `json:"unit_id,omitempty"`
	OpenedBy  string    `json:"opened_by"`
	LastMsgAt time.Time `json:"last_msg_at"`
	Closed    bool      `json:"closed"`
}

type Message struct {
	ID        string    `json:"id"`
	ThreadID  string    `json:"thread_id"`
	AuthorID  string    `json:"author_id"`
	Body      string    `json:"body"`
	Internal  bool      `json:"internal"`
	CreatedAt time.Time `json:"created_at"`
}
