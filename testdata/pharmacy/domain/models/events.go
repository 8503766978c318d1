package models

import "rxnow.health/backend/kernel/money"

// Event names published on the in-process bus.
const (
	EventCustomerRegistered   = "customer.registered"
	EventPrescriptionVerified = "prescription.verified"
	EventPrescriptionRejected = "prescription.rejected"
	EventPrescriptionFilled   = "prescription.filled"
	EventOrderPlaced          = "order.placed"
	EventOrderCancelled       = "order.cancelled"
	EventOrderFilled          = "order.filled"
	EventPaymentCaptured      = "payment.captured"
	EventPaymentFailed        = "payment.failed"
	EventShipmentDispatched   = "shipment.dispatched"
	EventShipmentDelivered    = "shipment.delivered"
	EventStockLow             = "inventory.stock_low"
)

// CustomerRegistered payload.
type CustomerRegistered struct {
	CustomerID int64
	Email      string
}

// PrescriptionEvent payload.
type PrescriptionEvent struct {
	PrescriptionID int64
	CustomerID     int64
	Reason         string
}

// OrderPlaced payload.
type OrderPlaced struct {
	OrderID          int64
	CustomerID       int64
	PrescriptionIDs  []int64
	NewPrescriptions []int64
	Total            money.Money
}

// OrderEvent is a generic order status payload.
type OrderEvent struct {
	OrderID    int64
	CustomerID int64
	Status     string
}

// PaymentEvent payload.
type PaymentEvent struct {
	PaymentID int64
	OrderID   int64
	Amount    money.Money
	Reason    string
}

// ShipmentEvent payload.
type ShipmentEvent struct {
	ShipmentID     int64
	OrderID        int64
	CustomerID     int64
	TrackingNumber string
	Status         string
}

// StockLow payload.
type StockLow struct {
	ProductID int64
	Available int
	Reorder   int
}
