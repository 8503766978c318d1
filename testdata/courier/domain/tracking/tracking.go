// Package tracking models the scan/event history of a shipment and the
// customer notifications it triggers.
package tracking

import (
	"bytes"
	"context"
	"text/template"
	"time"

	"parcelgo.com/platform/domain/model"
)

type Code string

const (
	CodeBooked         Code = "booked"
	CodePickedUp       Code = "picked_up"
	CodeArrivedDepot   Code = "arrived_depot"
	CodeOutForDelivery Code = "out_for_delivery"
	CodeDelivered      Code = "delivered"
	CodeFailed         Code = "delivery_failed"
	CodeReturned       Code = "returned"
	CodeReturnCreated  Code = "return_created"
	CodeLost           Code = "exception_lost"
	CodeDelayed        Code = "exception_delayed"
)

var descriptions = map[Code]string{
	CodeBooked:         "Shipment information received",
	CodePickedUp:       "Picked up from sender",
	CodeArrivedDepot:   "Arrived at sorting depot",
	CodeOutForDelivery: "Out for delivery",
	CodeDelivered:      "Delivered",
	CodeFailed:         "Delivery attempt unsuccessful",
	CodeReturned:       "Returned to sender",
	CodeReturnCreated:  "Return requested",
	CodeLost:           "Shipment could not be located",
	CodeDelayed:        "Shipment delayed",
}

func Describe(c Code) string {
	if d, ok := descriptions[c]; ok {
		return d
	}
	return string(c)
}

type Event struct {
	ID             string
	ShipmentID     string
	TrackingNumber string
	Code           Code
	Detail         string
	Location       string
	Source         string // driver, depot, system, merchant
	OccurredAt     time.Time
}

func (e Event) DTO() model.TrackingEventDTO {
	desc := Describe(e.Code)
	if e.Detail != "" {
		desc += ": " + e.Detail
	}
	return model.TrackingEventDTO{Code: string(e.Code), Description: desc, Location: e.Location, OccurredAt: e.OccurredAt}
}

type Channel string

const (
	ChannelSMS   Channel = "sms"
	ChannelEmail Channel = "email"
)

type Subscription struct {
	ID         string
	ShipmentID string
	Channel    Channel
	Target     string
	Codes      []Code // empty = default set
}

// DefaultCodes notify recipients of the milestones they care about.
var DefaultCodes = []Code{CodeOutForDelivery, CodeDelivered, CodeFailed}

// Wants reports whether the subscription covers code.
func (s Subscription) Wants(c Code) bool {
	codes := s.Codes
	if len(codes) == 0 {
		codes = DefaultCodes
	}
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

var templates = template.Must(template.New("").Parse(`
{{define "out_for_delivery"}}Your parcel {{.TrackingNumber}} is out for delivery today{{if .ETA}} between {{.ETA}}{{end}}. Track: {{.URL}}{{end}}
{{define "delivered"}}Your parcel {{.TrackingNumber}} has been delivered{{if .Detail}} ({{.Detail}}){{end}}.{{end}}
{{define "delivery_failed"}}We missed you! Parcel {{.TrackingNumber}}: {{.Detail}}. We'll try again next working day. {{.URL}}{{end}}
{{define "generic"}}Update for parcel {{.TrackingNumber}}: {{.Description}}. {{.URL}}{{end}}
`))

type MessageData struct {
	TrackingNumber string
	Description    string
	Detail         string
	ETA            string
	URL            string
}

// Render produces the customer-facing message for an event.
func Render(e Event, eta, baseURL string) (string, error) {
	d := MessageData{TrackingNumber: e.TrackingNumber, Description: Describe(e.Code), Detail: e.Detail, ETA: eta,
		URL: baseURL + "/t/" + e.TrackingNumber}
	name := string(e.Code)
	if templates.Lookup(name) == nil {
		name = "generic"
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Header is the shipment summary shown above the event list.
type Header struct {
	TrackingNumber string
	Status         model.ShipmentStatus
	PromisedBy     time.Time
	City           string
}

// Repository stores events, subscriptions and notification logs.
type Repository interface {
	Append(ctx context.Context, e Event) error
	History(ctx context.Context, trackingNumber string) ([]Event, error)
	Header(ctx context.Context, trackingNumber string) (Header, error)
	SyncShipment(ctx context.Context, shipmentID string, c Code, at time.Time) error
	Subscriptions(ctx context.Context, shipmentID string) ([]Subscription, error)
	Subscribe(ctx context.Context, s Subscription) error
	LogNotification(ctx context.Context, subID string, e Event, body string, sendErr error) error
}
