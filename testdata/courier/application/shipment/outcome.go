package shipment

import (
	"context"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/infrastructure/events"
)

// MaxAttempts before a parcel is returned to the sender.
const MaxAttempts = 3

// RecordDeliveryOutcome is called by the driver context when a stop is
// completed. It moves the shipment along and emits the integration event.
func (s *Service) RecordDeliveryOutcome(ctx context.Context, shipmentID, driverID string, delivered bool, attempt int, reason string) error {
	sh, err := s.Repo.Get(ctx, shipmentID)
	if err != nil {
		return err
	}
	from := sh.Status
	now := s.now()
	if delivered {
		if err := sh.TransitionTo(model.StatusDelivered, now); err != nil {
			return err
		}
	} else {
		if err := sh.TransitionTo(model.StatusFailedAttempt, now); err != nil {
			return err
		}
		if attempt >= MaxAttempts {
			if err := sh.TransitionTo(model.StatusReturned, now); err != nil {
				return err
			}
		}
	}
	if err := s.Repo.UpdateStatus(ctx, sh.ID, from, sh.Status, now); err != nil {
		return err
	}
	if delivered {
		return s.Bus.Publish(ctx, events.ShipmentDelivered, sh.ID, events.ShipmentDeliveredPayload{
			ShipmentID: sh.ID, TrackingNumber: sh.TrackingNumber, MerchantID: sh.MerchantID, DriverID: driverID,
			Price: sh.Price, IsReturn: sh.IsReturn, DeliveredAt: now})
	}
	return s.Bus.Publish(ctx, events.DeliveryFailed, sh.ID, events.DeliveryFailedPayload{
		ShipmentID: sh.ID, DriverID: driverID, Reason: reason, Attempt: attempt, At: now})
}
