// Package disputes handles "item not received / not as described" cases
// opened by buyers, and their resolution by sellers or Trust & Safety
// (table: disputes).
package disputes

import (
	"context"
	"database/sql"
	"time"

	"loomly.com/api/internal/models"
	ordersvc "loomly.com/api/internal/orders/service"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Reason string

const (
	ReasonNotReceived    Reason = "not_received"
	ReasonNotAsDescribed Reason = "not_as_described"
)

type Dispute struct {
	ID         string               `json:"id"`
	OrderID    string               `json:"order_id"`
	BuyerID    string               `json:"buyer_id"`
	ShopID     string               `json:"shop_id"`
	Reason     Reason               `json:"reason"`
	Details    string               `json:"details"`
	Status     models.DisputeStatus `json:"status"`
	Resolution string               `json:"resolution,omitempty"`
	RefundID   string               `json:"refund_id,omitempty"`
	OpenedAt   time.Time            `json:"opened_at"`
	ResolvedAt *time.Time           `json:"resolved_at,omitempty"`
}

// SellerResponseWindow is how long a seller has before auto-escalation.
const SellerResponseWindow = 72 * time.Hour

type Service struct {
	pool   *sql.DB
	orders *ordersvc.Service
	gw     *gateway.Client
	bus    *events.Bus
	now    func() time.Time
}

func New(pool *sql.DB, orders *ordersvc.Service, gw *gateway.Client, bus *events.Bus) *Service {
	return &Service{pool: pool, orders: orders, gw: gw, bus: bus, now: time.Now}
}

func (s *Service) Open(ctx context.Context, buyerID, orderID string, reason Reason, details string) (*Dispute, error) {
	const op = "disputes.Open"
	if reason != ReasonNotReceived && reason != ReasonNotAsDescribed {
		return nil, errs.Invalid(op, "unknown reason")
	}
	o, err := s.orders.GetForUser(ctx, orderID, buyerID)
	if err != nil {
		return nil, err
	}
	if o.BuyerID != buyerID {
		return nil, errs.Forbidden(op)
	}
	if o.Status != models.OrderShipped && o.Status != models.OrderDelivered && o.Status != models.OrderPaid {
		return nil, errs.Conflict(op, "order cannot be disputed in its current state")
	}
	d := &Dispute{ID: ids.New(ids.Dispute), OrderID: o.ID, BuyerID: buyerID, ShopID: o.ShopID, Reason: reason,
		Details: details, Status: models.DisputeSeller, OpenedAt: s.now().UTC()}
	err = db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO disputes (id, order_id, buyer_id, shop_id, reason, details, status, opened_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, d.ID, d.OrderID, d.BuyerID, d.ShopID, string(d.Reason), d.Details,
			string(d.Status), d.OpenedAt); err != nil {
			return errs.Wrap(err, op)
		}
		// Freeze the order so it cannot be auto-completed while disputed.
		_, err := tx.ExecContext(ctx, `UPDATE orders SET status='disputed', updated_at=$2 WHERE id=$1`, d.OrderID, d.OpenedAt)
		return errs.Wrap(err, op)
	})
	if err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, events.Event{Name: events.DisputeOpened, Key: d.ID, Payload: map[string]any{"shop_id": d.ShopID}})
	return d, nil
}

func (s *Service) Get(ctx context.Context, id string) (*Dispute, error) {
	var d Dispute
	var reason, status string
	var res, refund sql.NullString
	var resolved sql.NullTime
	err := s.pool.QueryRowContext(ctx, `SELECT id, order_id, buyer_id, shop_id, reason, details, status, resolution,
		refund_id, opened_at, resolved_at FROM disputes WHERE id=$1`, id).Scan(&d.ID, &d.OrderID, &d.BuyerID, &d.ShopID,
		&reason, &d.Details, &status, &res, &refund, &d.OpenedAt, &resolved)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("disputes.Get", "dispute")
	}
	if err != nil {
		return nil, errs.Wrap(err, "disputes.Get")
	}
	d.Reason, d.Status, d.Resolution, d.RefundID = Reason(reason), models.DisputeStatus(status), res.String, refund.String
	if resolved.Valid {
		d.ResolvedAt = &resolved.Time
	}
	return &d, nil
}

// Resolve closes a dispute, optionally refunding the buyer in full.
func (s *Service) Resolve(ctx context.Context, id, resolution string, refund bool) (*Dispute, error) {
	d, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Status == models.DisputeResolved {
		return d, nil
	}
	o, err := s.orders.Get(ctx, d.OrderID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	newOrderStatus := models.OrderDelivered
	if refund {
		l := ledger.New(s.pool)
		pay, err := l.GetPayment(ctx, o.PaymentID)
		if err != nil {
			return nil, err
		}
		if d.RefundID, err = s.gw.Refund(ctx, pay.ChargeID, o.Total, "dispute "+d.ID); err != nil {
			return nil, errs.Wrap(err, "disputes.Resolve")
		}
		if err := l.Post(ctx, ledger.Entry{ShopID: o.ShopID, OrderID: o.ID, Kind: ledger.EntryRefund,
			Amount: money.New(-o.Total.Cents, o.Total.Currency), At: now}); err != nil {
			return nil, err
		}
		newOrderStatus = models.OrderRefunded
	}
	d.Status, d.Resolution, d.ResolvedAt = models.DisputeResolved, resolution, &now
	err = db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE disputes SET status=$2, resolution=$3, refund_id=$4, resolved_at=$5 WHERE id=$1`,
			d.ID, string(d.Status), d.Resolution, db.NullString(d.RefundID), now); err != nil {
			return errs.Wrap(err, "disputes.Resolve")
		}
		_, err := tx.ExecContext(ctx, `UPDATE orders SET status=$2, updated_at=$3 WHERE id=$1`, d.OrderID, string(newOrderStatus), now)
		return errs.Wrap(err, "disputes.Resolve")
	})
	return d, err
}

// EscalateOverdue moves disputes the seller ignored to Trust & Safety.
func (s *Service) EscalateOverdue(ctx context.Context) (int64, error) {
	res, err := s.pool.ExecContext(ctx, `UPDATE disputes SET status='escalated' WHERE status='awaiting_seller' AND opened_at < $1`,
		s.now().Add(-SellerResponseWindow))
	if err != nil {
		return 0, errs.Wrap(err, "disputes.EscalateOverdue")
	}
	return res.RowsAffected()
}
