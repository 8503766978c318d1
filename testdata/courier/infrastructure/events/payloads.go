package events

import (
	"time"

	"parcelgo.com/platform/shared/money"
)

// Payloads of the integration events. Kept here so producers and consumers
// agree without importing each other.

type ShipmentBookedPayload struct {
	ShipmentID     string    `json:"shipment_id"`
	TrackingNumber string    `json:"tracking_number"`
	MerchantID     string    `json:"merchant_id"`
	RecipientEmail string    `json:"recipient_email"`
	RecipientPhone string    `json:"recipient_phone"`
	PromisedBy     time.Time `json:"promised_by"`
}

type ShipmentDeliveredPayload struct {
	ShipmentID     string      `json:"shipment_id"`
	TrackingNumber string      `json:"tracking_number"`
	MerchantID     string      `json:"merchant_id"`
	DriverID       string      `json:"driver_id"`
	Price          money.Money `json:"price"`
	IsReturn       bool        `json:"is_return"`
	DeliveredAt    time.Time   `json:"delivered_at"`
}

type DeliveryFailedPayload struct {
	ShipmentID string    `json:"shipment_id"`
	DriverID   string    `json:"driver_id"`
	Reason     string    `json:"reason"`
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
}

type ClaimApprovedPayload struct {
	ClaimID       string      `json:"claim_id"`
	ShipmentID    string      `json:"shipment_id"`
	MerchantID    string      `json:"merchant_id"`
	DriverID      string      `json:"driver_id,omitempty"`
	DriverAtFault bool        `json:"driver_at_fault"`
	Amount        money.Money `json:"amount"`
}

type RouteDispatchedPayload struct {
	RouteID     string   `json:"route_id"`
	DriverID    string   `json:"driver_id"`
	ShipmentIDs []string `json:"shipment_ids"`
}
