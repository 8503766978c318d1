package payments

import "example.com/shop/internal/platform/money"

// Event names published by the payments context.
const (
	PaymentAuthorizedName = "payments.authorized"
	PaymentCapturedName   = "payments.captured"
	PaymentFailedName     = "payments.failed"
	RefundCompletedName   = "payments.refund_completed"
)

// PaymentAuthorized is published when the provider approved a payment.
type PaymentAuthorized struct {
	PaymentID string
	OrderID   string
	Amount    money.Money
}

// EventName implements eventbus.Event.
func (PaymentAuthorized) EventName() string { return PaymentAuthorizedName }

// PaymentCaptured is published when the money was taken.
type PaymentCaptured struct {
	PaymentID string
	OrderID   string
	Amount    money.Money
}

// EventName implements eventbus.Event.
func (PaymentCaptured) EventName() string { return PaymentCapturedName }

// PaymentFailed is published when a payment was declined or failed.
type PaymentFailed struct {
	PaymentID string
	OrderID   string
	Reason    string
}

// EventName implements eventbus.Event.
func (PaymentFailed) EventName() string { return PaymentFailedName }

// RefundCompleted is published when money went back to the customer.
type RefundCompleted struct {
	RefundID  string
	PaymentID string
	OrderID   string
	Amount    money.Money
	Full      bool
}

// EventName implements eventbus.Event.
func (RefundCompleted) EventName() string { return RefundCompletedName }
