package models

import "time"

const (
	SimKindPhysical = "physical"
	SimKindESIM     = "esim"

	SimAvailable = "available"
	SimReserved  = "reserved"
	SimActive    = "active"
	SimRetired   = "retired"
)

type SimCard struct {
	ICCID          string    `json:"iccid"`
	IMSI           string    `json:"imsi"`
	Kind           string    `json:"kind"`
	Status         string    `json:"status"`
	BatchID        string    `json:"batch_id"`
	SubscriberID   string    `json:"subscriber_id,omitempty"`
	ActivationCode string    `json:"activation_code,omitempty"` // eSIM LPA string
	UpdatedAt      time.Time `json:"updated_at"`
}
