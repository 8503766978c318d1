package main

import (
	"context"
	"fmt"
	"log/slog"

	customersapp "rxnow.health/backend/application/customers"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/messaging"
	"rxnow.health/backend/kernel/events"
)

// subscribeNotifications sends the transactional patient e-mails. It lives
// in main because no context wanted to own "notifications".
func subscribeNotifications(bus *events.Bus, customers *customersapp.Service, sender messaging.Sender, log *slog.Logger) {
	send := func(ctx context.Context, customerID int64, subject, body string) error {
		c, err := customers.Summary(ctx, customerID)
		if err != nil {
			return err
		}
		return sender.Send(ctx, messaging.Message{Channel: messaging.ChannelEmail, To: c.Email, Subject: subject,
			Body: fmt.Sprintf("Hi %s,\n\n%s\n\n— RxNow Pharmacy", c.FirstName, body)})
	}
	bus.Subscribe(models.EventOrderPlaced, func(ctx context.Context, e events.Event) error {
		p := e.Payload.(models.OrderPlaced)
		return send(ctx, p.CustomerID, fmt.Sprintf("Order #%d received", p.OrderID), fmt.Sprintf("We received your order. Total due: %s.", p.Total))
	})
	bus.Subscribe(models.EventShipmentDispatched, func(ctx context.Context, e events.Event) error {
		p := e.Payload.(models.ShipmentEvent)
		if p.CustomerID == 0 {
			log.Debug("dispatch without customer id", "shipment", p.ShipmentID)
			return nil
		}
		return send(ctx, p.CustomerID, "Your order is on its way", "Tracking number: "+p.TrackingNumber)
	})
}
