// Package app runs the pack bench: cartonise picked units, weigh, close and
// hand the order over to shipping.
package app

import (
	"context"
	"database/sql"
	"time"

	ordersapp "shipwell.io/wms/modules/orders/app"
	"shipwell.io/wms/modules/packing/infra"
	shipapp "shipwell.io/wms/modules/shipping/app"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
)

// BoxTypes is the carton catalogue at the pack benches.
var BoxTypes = map[string]models.Dimensions{
	"S1":  {LengthCM: 23, WidthCM: 15, HeightCM: 10, WeightG: 90},
	"M2":  {LengthCM: 35, WidthCM: 25, HeightCM: 20, WeightG: 220},
	"L3":  {LengthCM: 50, WidthCM: 40, HeightCM: 35, WeightG: 480},
	"PLT": {LengthCM: 120, WidthCM: 100, HeightCM: 150, WeightG: 25000},
	"MLR": {LengthCM: 30, WidthCM: 25, HeightCM: 2, WeightG: 20}, // poly mailer
}

type Service struct {
	DB       *sql.DB
	Store    *infra.Store
	Orders   *ordersapp.Service
	Shipping *shipapp.Service
	Events   events.Publisher
}

func (s *Service) Open(ctx context.Context, orderID, stationID, boxType, packer string) (*models.Carton, error) {
	dims, ok := BoxTypes[boxType]
	if !ok {
		return nil, apperr.Invalid("unknown box type %q", boxType)
	}
	active, err := s.Store.StationActive(ctx, stationID)
	if err != nil {
		return nil, err
	}
	if !active {
		return nil, apperr.Conflict("station %s is closed", stationID)
	}
	o, err := s.Orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if o.Status != models.OrderPicking {
		return nil, apperr.Conflict("order %s is %s, not ready to pack", o.ID, o.Status)
	}
	dims.WeightG = 0
	c := &models.Carton{OrderID: orderID, StationID: stationID, BoxType: boxType, Dims: dims, PackedBy: packer}
	return c, s.Store.Open(ctx, c)
}

// Scan adds units to a carton; you cannot pack more than was picked.
func (s *Service) Scan(ctx context.Context, cartonID, sku string, qty int) error {
	if qty <= 0 {
		return apperr.Invalid("qty must be positive")
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		c, err := s.Store.Carton(ctx, tx, cartonID)
		if err != nil {
			return err
		}
		if c.Closed {
			return apperr.Conflict("carton %s is closed", cartonID)
		}
		picked, err := s.Store.PickedBySKU(ctx, tx, c.OrderID)
		if err != nil {
			return err
		}
		packed, err := s.Store.PackedBySKU(ctx, tx, c.OrderID)
		if err != nil {
			return err
		}
		if packed[sku]+qty > picked[sku] {
			return apperr.Conflict("%s: %d picked, %d already packed", sku, picked[sku], packed[sku])
		}
		return s.Store.AddItem(ctx, tx, cartonID, sku, qty)
	})
}

// CloseCarton records the scale weight. Weight must be at least the tare of
// the box, and a box type's max is enforced for parcel cartons.
func (s *Service) CloseCarton(ctx context.Context, cartonID string, weightG int) error {
	c, err := s.Store.Carton(ctx, s.DB, cartonID)
	if err != nil {
		return err
	}
	if len(c.Items) == 0 {
		return apperr.Invalid("carton %s is empty", cartonID)
	}
	if tare := BoxTypes[c.BoxType].WeightG; weightG <= tare {
		return apperr.Invalid("weight %dg is not more than the empty box (%dg)", weightG, tare)
	}
	if c.BoxType != "PLT" && weightG > 31500 {
		return apperr.Invalid("parcel carton over 31.5kg; split it or use a pallet")
	}
	return s.Store.Close(ctx, cartonID, weightG, time.Now().UTC())
}

// Complete checks that everything picked is packed in closed cartons, marks
// the order packed and asks shipping for labels.
func (s *Service) Complete(ctx context.Context, orderID string) (*models.Shipment, error) {
	o, err := s.Orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	picked, err := s.Store.PickedBySKU(ctx, s.DB, orderID)
	if err != nil {
		return nil, err
	}
	packed, err := s.Store.PackedBySKU(ctx, s.DB, orderID)
	if err != nil {
		return nil, err
	}
	for sku, n := range picked {
		if packed[sku] != n {
			return nil, apperr.Conflict("%s: %d picked but %d packed", sku, n, packed[sku])
		}
	}
	ids, err := s.Store.OrderCartonIDs(ctx, orderID)
	if err != nil {
		return nil, err
	}
	var cartons []models.Carton
	for _, id := range ids {
		c, err := s.Store.Carton(ctx, s.DB, id)
		if err != nil {
			return nil, err
		}
		if !c.Closed {
			return nil, apperr.Conflict("carton %s still open", id)
		}
		cartons = append(cartons, *c)
	}
	if err := s.Orders.MarkPacked(ctx, orderID); err != nil {
		return nil, err
	}
	sh, err := s.Shipping.CreateShipment(ctx, o, cartons)
	if err != nil {
		return nil, apperr.Wrap(err, "create shipment")
	}
	ev, err := events.New(events.OrderPacked, orderID, o.ClientID, map[string]int{"cartons": len(cartons)})
	if err != nil {
		return nil, err
	}
	return sh, s.Events.Publish(ctx, s.DB, ev)
}
