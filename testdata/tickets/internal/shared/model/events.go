package model

import (
	"time"

	"gatehouse.events/platform/internal/platform/money"
)

// Topics published on the platform event bus.
const (
	TopicEventPublished  = "catalog.event_published"
	TopicEventCancelled  = "catalog.event_cancelled"
	TopicOrderPlaced     = "orders.order_placed"
	TopicOrderPaid       = "orders.order_paid"
	TopicOrderCancelled  = "orders.order_cancelled"
	TopicPaymentCaptured = "payments.captured"
	TopicPaymentFailed   = "payments.failed"
	TopicRefundCompleted = "payments.refund_completed"
	TopicTicketsIssued   = "ticketing.issued"
	TopicTicketScanned   = "access.ticket_scanned"
	TopicFanRegistered   = "accounts.fan_registered"
)

// EventPublished is emitted when an event goes on sale.
type EventPublished struct {
	Event EventSummary
}

// EventCancelled is emitted when a promoter cancels an event.
type EventCancelled struct {
	EventID string
	Reason  string
	At      time.Time
}

// OrderPaid is emitted once payment for an order has been captured.
type OrderPaid struct {
	Order OrderRef
	Lines []LineRef
}

// OrderCancelled is emitted when an order is cancelled or refunded.
type OrderCancelled struct {
	OrderID string
	Reason  string
}

// PaymentCaptured is emitted by payments after PSP confirmation.
type PaymentCaptured struct {
	PaymentID string
	OrderID   string
	Amount    money.Money
	PSPRef    string
}

// PaymentFailed is emitted when the PSP declines a payment.
type PaymentFailed struct {
	PaymentID string
	OrderID   string
	FanID     string
	Code      string
}

// RefundCompleted is emitted when money has gone back to the fan.
type RefundCompleted struct {
	RefundID string
	OrderID  string
	Amount   money.Money
}

// TicketsIssued is emitted after barcodes have been minted for an order.
type TicketsIssued struct {
	OrderID string
	FanID   string
	Tickets []TicketView
}

// TicketScanned is emitted by the gate for every accepted scan.
type TicketScanned struct {
	TicketID string
	EventID  string
	GateID   string
	At       time.Time
}

// FanRegistered is emitted when a new fan account is created.
type FanRegistered struct {
	Fan FanProfile
}
