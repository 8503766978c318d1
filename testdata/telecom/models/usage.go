package models

import (
	"time"

	"mvno.telco/core/platform/money"
)

type CDR struct {
	ID          string    `json:"id"`
	FileID      string    `json:"file_id"`
	RecordRef   string    `json:"record_ref"`
	MSISDN      string    `json:"msisdn"`
	Service     string    `json:"service"`
	Destination string    `json:"destination"`
	Zone        string    `json:"zone"`
	StartedAt   time.Time `json:"started_at"`
	Units       int64     `json:"units"` // seconds, messages or kilobytes
}

type RatedEvent struct {
	ID            string      `json:"id"`
	CDRID         string      `json:"cdr_id"`
	SubscriberID  string      `json:"subscriber_id"`
	Service       string      `json:"service"`
	Zone          string      `json:"zone"`
	BilledUnits   int64       `json:"billed_units"`
	FromAllowance int64       `json:"from_allowance"`
	Charge        money.Money `json:"charge"`
	RatedAt       time.Time   `json:"rated_at"`
}

type Bucket struct {
	ID           string    `json:"id"`
	SubscriberID string    `json:"subscriber_id"`
	Service      string    `json:"service"`
	Source       string    `json:"source"` // plan code or add-on code
	Granted      int64     `json:"granted"`
	Remaining    int64     `json:"remaining"`
	ExpiresAt    time.Time `json:"expires_at"`
}

type Balance struct {
	SubscriberID string      `json:"subscriber_id"`
	Credit       money.Money `json:"credit"`
	Buckets      []Bucket    `json:"buckets"`
}

type UsageSummary struct {
	SubscriberID string                 `json:"subscriber_id"`
	From, To     time.Time              `json:"-"`
	ByService    map[string]money.Money `json:"by_service"`
	Units        map[string]int64       `json:"units"`
}
