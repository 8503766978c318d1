// Package billing turns warehouse activity into client charges and monthly
// invoices. It is one of the original features and still lives outside the
// modules/ tree.
package billing

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"shipwell.io/wms/legacy/billing/billingdb"
	shipinfra "shipwell.io/wms/modules/shipping/infra"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
	"shipwell.io/wms/pkg/money"
)

type Service struct {
	DB        *sql.DB
	Shipments *shipinfra.Store
	Log       *slog.Logger
}

// Subscribe wires billing to the activity events it prices.
func (s *Service) Subscribe(d *events.Dispatcher) {
	d.Subscribe(events.ReceiptCompleted, s.onReceiptCompleted)
	d.Subscribe(events.ShipmentDispatched, s.onShipmentDispatched)
}

func (s *Service) charge(ctx context.Context, clientID string, typ models.ChargeType, ref string, qty float64, amount money.Money) error {
	if amount.IsZero() {
		return nil
	}
	c := &models.Charge{ClientID: clientID, Type: typ, Reference: ref, Quantity: qty, Amount: amount,
		OccurredAt: time.Now().UTC()}
	if qty > 0 {
		c.UnitPrice = money.New(int64(float64(amount.Cents)/qty), amount.Currency)
	}
	return billingdb.InsertCharge(ctx, s.DB, c)
}

func (s *Service) onReceiptCompleted(ctx context.Context, ev events.Event) error {
	rc, err := billingdb.LoadRateCard(ctx, s.DB, ev.ClientID)
	if db.IsNoRows(err) {
		s.Log.Warn("no rate card; receipt not billed", "client", ev.ClientID, "asn", ev.AggregateID)
		return nil
	}
	if err != nil {
		return err
	}
	units, pallets, err := billingdb.ReceiptTotals(ctx, s.DB, ev.AggregateID)
	if err != nil {
		return err
	}
	return s.charge(ctx, ev.ClientID, models.ChargeReceiving, ev.AggregateID, float64(units), rc.Receiving(units, pallets))
}

func (s *Service) onShipmentDispatched(ctx context.Context, ev events.Event) error {
	var p struct {
		OrderID string `json:"order_id"`
	}
	if err := json.Unmarshal(ev.Payload, &p); err != nil {
		return err
	}
	rc, err := billingdb.LoadRateCard(ctx, s.DB, ev.ClientID)
	if db.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	units, cartons, err := billingdb.OrderActivity(ctx, s.DB, p.OrderID)
	if err != nil {
		return err
	}
	if err := s.charge(ctx, ev.ClientID, models.ChargePick, p.OrderID, float64(units), rc.Pick(units)); err != nil {
		return err
	}
	if err := s.charge(ctx, ev.ClientID, models.ChargePack, p.OrderID, float64(cartons), rc.Pack(cartons)); err != nil {
		return err
	}
	cents, cur, err := s.Shipments.CostForOrder(ctx, p.OrderID)
	if err != nil {
		return err
	}
	if cur == "" {
		cur = rc.Currency
	}
	return s.charge(ctx, ev.ClientID, models.ChargeShipping, ev.AggregateID, 1, rc.Shipping(money.New(cents, cur)))
}

// ChargeReturn is called by the returns module when an RMA is processed.
func (s *Service) ChargeReturn(ctx context.Context, clientID, rmaID string, units int) error {
	rc, err := billingdb.LoadRateCard(ctx, s.DB, clientID)
	if err != nil {
		return err
	}
	return s.charge(ctx, clientID, models.ChargeReturn, rmaID, float64(units), rc.Return(units))
}

// DailyStorage books one day of storage per client. The reference includes
// the date so a re-run the same day is a no-op.
func (s *Service) DailyStorage(ctx context.Context) error {
	day := time.Now().UTC().Format("2006-01-02")
	vols, err := billingdb.StorageVolumes(ctx, s.DB)
	if err != nil {
		return err
	}
	for client, cbm := range vols {
		rc, err := billingdb.LoadRateCard(ctx, s.DB, client)
		if db.IsNoRows(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.charge(ctx, client, models.ChargeStorage, "storage-"+client+"-"+day, cbm, rc.Storage(cbm)); err != nil {
			return err
		}
	}
	return nil
}

// CloseMonth issues one invoice per active client for the month starting at
// periodStart, topping up to the contract minimum.
func (s *Service) CloseMonth(ctx context.Context, periodStart time.Time) ([]models.Invoice, error) {
	periodEnd := periodStart.AddDate(0, 1, 0)
	clients, err := billingdb.ActiveClients(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	var out []models.Invoice
	for _, c := range clients {
		var inv *models.Invoice
		err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
			rc, err := billingdb.LoadRateCard(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			charges, err := billingdb.Uninvoiced(ctx, tx, c.ID, periodEnd)
			if err != nil {
				return err
			}
			total := billingdb.Total(charges, rc.Currency)
			if top := rc.MinimumTopUp(total); !top.IsZero() {
				mc := &models.Charge{ClientID: c.ID, Type: models.ChargeManual, Quantity: 1, Amount: top,
					UnitPrice: top, Reference: "minimum-" + c.ID + "-" + periodStart.Format("2006-01"), OccurredAt: periodEnd.Add(-time.Second)}
				if err := billingdb.InsertCharge(ctx, tx, mc); err != nil {
					return err
				}
				charges = append(charges, *mc)
				total = total.Add(top)
			}
			if len(charges) == 0 {
				return nil
			}
			ids := make([]string, len(charges))
			for i, ch := range charges {
				ids[i] = ch.ID
			}
			inv = &models.Invoice{ClientID: c.ID, PeriodStart: periodStart, PeriodEnd: periodEnd,
				Status: models.InvoiceDraft, Total: total, Lines: charges}
			return billingdb.CreateInvoice(ctx, tx, inv, ids)
		})
		if err != nil {
			return out, fmt.Errorf("client %s: %w", c.Code, err)
		}
		if inv != nil {
			s.Log.Info("invoice drafted", "client", c.Code, "number", inv.Number, "total", inv.Total.String())
			out = append(out, *inv)
		}
	}
	return out, nil
}
