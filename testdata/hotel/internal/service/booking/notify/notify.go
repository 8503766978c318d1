// Package notify sends guest emails for reservation lifecycle events.
package notify

import (
	"context"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/mailer"
	"github.com/staybright/platform/internal/pkg/money"
)

// Hotels looks up hotel details for the email.
type Hotels interface {
	Hotel(ctx context.Context, id int64) (*model.Hotel, error)
}

// Guests looks up the recipient.
type Guests interface {
	Get(ctx context.Context, id string) (*model.Guest, error)
}

// Notifier renders and sends reservation emails.
type Notifier struct {
	mail   mailer.Sender
	hotels Hotels
	guests Guests
	log    *log.Logger
}

// New builds a Notifier.
func New(m mailer.Sender, h Hotels, g Guests, l *log.Logger) *Notifier {
	return &Notifier{mail: m, hotels: h, guests: g, log: l.Component("booking.notify")}
}

// Subscribe wires the notifier to reservation events.
func (n *Notifier) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicReservationConfirmed, "booking.notify.confirmation", func(ctx context.Context, e events.Event) error {
		ev := e.(model.ReservationConfirmed)
		return n.Confirmation(ctx, ev.Reservation)
	})
	bus.Subscribe(model.TopicReservationCancelled, "booking.notify.cancellation", func(ctx context.Context, e events.Event) error {
		ev := e.(model.ReservationCancelled)
		return n.Cancellation(ctx, ev.Reservation, money.New(ev.PenaltyCents, ev.Reservation.Currency))
	})
}

const confirmationTmpl = `Dear {{.Guest.FirstName}},

Thank you for booking {{.Hotel.Name}} in {{.Hotel.City}}.

Confirmation code: {{.Res.ConfirmationCode}}
Arrival:   {{.CheckIn}} (from {{.Hotel.CheckInAt}})
Departure: {{.CheckOut}} (until {{.Hotel.CheckOutAt}})
Guests:    {{.Res.Adults}} adult(s){{if .Res.Children}}, {{.Res.Children}} child(ren){{end}}
Total:     {{.Total}}

We look forward to welcoming you.
Staybright Hotels
`

const cancellationTmpl = `Dear {{.Guest.FirstName}},

Your reservation {{.Res.ConfirmationCode}} at {{.Hotel.Name}} has been cancelled.
{{if .Penalty}}A cancellation fee of {{.Penalty}} has been charged to your card.{{else}}No fee has been charged.{{end}}

Staybright Hotels
`

type view struct {
	Guest    *model.Guest
	Hotel    *model.Hotel
	Res      model.Reservation
	CheckIn  string
	CheckOut string
	Total    string
	Penalty  string
}

func (n *Notifier) load(ctx context.Context, r model.Reservation) (*view, error) {
	g, err := n.guests.Get(ctx, r.GuestID)
	if err != nil {
		return nil, err
	}
	h, err := n.hotels.Hotel(ctx, r.HotelID)
	if err != nil {
		return nil, err
	}
	return &view{Guest: g, Hotel: h, Res: r, CheckIn: clock.FormatDate(r.CheckIn), CheckOut: clock.FormatDate(r.CheckOut),
		Total: money.New(r.TotalCents, r.Currency).String()}, nil
}

// Confirmation emails the booking confirmation.
func (n *Notifier) Confirmation(ctx context.Context, r model.Reservation) error {
	v, err := n.load(ctx, r)
	if err != nil {
		return err
	}
	if v.Guest.Erased {
		return nil
	}
	body, err := mailer.Render("confirmation", confirmationTmpl, v)
	if err != nil {
		return err
	}
	return n.mail.Send(ctx, mailer.Message{To: v.Guest.Email, Subject: "Your stay at " + v.Hotel.Name + " is confirmed",
		Body: body, Tags: []string{"booking", "confirmation"}})
}

// Cancellation emails the cancellation notice.
func (n *Notifier) Cancellation(ctx context.Context, r model.Reservation, penalty money.Money) error {
	v, err := n.load(ctx, r)
	if err != nil {
		return err
	}
	if v.Guest.Erased {
		return nil
	}
	if !penalty.IsZero() {
		v.Penalty = penalty.String()
	}
	body, err := mailer.Render("cancellation", cancellationTmpl, v)
	if err != nil {
		return err
	}
	return n.mail.Send(ctx, mailer.Message{To: v.Guest.Email, Subject: "Reservation " + r.ConfirmationCode + " cancelled",
		Body: body, Tags: []string{"booking", "cancellation"}})
}
