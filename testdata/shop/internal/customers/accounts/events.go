package accounts

// Event names published by the customers context.
const (
	CustomerRegisteredName = "customers.registered"
	CustomerClosedName     = "customers.closed"
)

// CustomerRegistered is published when an account is opened.
type CustomerRegistered struct {
	CustomerID string
	Email      string
	Marketing  bool
}

// EventName implements eventbus.Event.
func (CustomerRegistered) EventName() string { return CustomerRegisteredName }

// CustomerClosed is published when an account is closed.
type CustomerClosed struct {
	CustomerID string
}

// EventName implements eventbus.Event.
func (CustomerClosed) EventName() string { return CustomerClosedName }
