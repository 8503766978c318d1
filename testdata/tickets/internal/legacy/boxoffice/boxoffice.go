// Package boxoffice is the walk-up sales screen used at venue box offices.
// It was written for the 2019 pilot before checkout existed as a service,
// and still performs the whole sale in one database transaction: it marks
// seats sold, writes the order and mints tickets itself.
package boxoffice

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"

	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/orders/pricing"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
	"gatehouse.events/platform/internal/ticketing/barcode"
)

// walkUpFan is the pseudo-account box office orders are attached to.
const walkUpFan = "fan_BOXOFFICE"

// Sale is a completed box office sale.
type Sale struct {
	OrderID   string             `json:"order_id"`
	Reference string             `json:"reference"`
	Total     money.Money        `json:"total"`
	Tickets   []model.TicketView `json:"tickets"`
}

// Desk performs box office sales.
type Desk struct {
	db      *sql.DB
	pricing *pricing.Calculator
	codec   *barcode.Codec
	clock   clock.Clock
	log     *slog.Logger
}

// NewDesk builds a desk.
func NewDesk(d *sql.DB, p *pricing.Calculator, c *barcode.Codec, clk clock.Clock, log *slog.Logger) *Desk {
	return &Desk{db: d, pricing: p, codec: c, clock: clk, log: log}
}

// Sell sells specific seats for cash or card-present payment.
func (d *Desk) Sell(ctx context.Context, eventID string, seatIDs []string, country, tender string) (*Sale, error) {
	const op = "boxoffice.Sell"
	if len(seatIDs) == 0 {
		return nil, errs.Invalid(op, "no seats selected")
	}
	var sale *Sale
	err := db.WithTx(ctx, d.db, func(ctx context.Context, tx *sql.Tx) error {
		lines := make([]domain.Line, 0, len(seatIDs))
		labels := map[string]string{}
		for _, id := range seatIDs {
			var section, row, tier, cur string
			var num int
			var price int64
			// Lock and price the seat straight from inventory's and
			// catalog's tables.
			err := tx.QueryRowContext(ctx, `
				SELECT s.section, s.row_label, s.seat_number, s.price_tier_id, t.price_minor, t.currency
				FROM seats s JOIN price_tiers t ON t.id = s.price_tier_id
				WHERE s.id=$1 AND s.event_id=$2 AND s.state='available' FOR UPDATE OF s`, id, eventID).
				Scan(&section, &row, &num, &tier, &price, &cur)
			if err != nil {
				return db.NotFound(err, op, "available seat", id)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE seats SET state='sold', updated_at=now() WHERE id=$1`, id); err != nil {
				return errs.Wrap(err, op)
			}
			labels[id] = fmt.Sprintf("%s / %s / %d", section, row, num)
			lines = append(lines, domain.Line{SeatID: id, Section: section, PriceTierID: tier, Price: money.New(price, cur)})
		}
		now := d.clock.Now()
		fees := d.pricing.Fees(lines, country, domain.ChannelBoxOffice)
		o, err := domain.NewOrder(walkUpFan, eventID, "", domain.ChannelBoxOffice, lines, fees, now, now)
		if err != nil {
			return err
		}
		o.Status, o.PaidAt, o.PaymentID = model.OrderStatusPaid, now, "boxoffice:"+tender
		if _, err := tx.ExecContext(ctx, `INSERT INTO orders (id, reference, fan_id, event_id, hold_id, payment_id, channel, status,
			subtotal_minor, total_minor, currency, created_at, expires_at, paid_at, cancel_note, version)
			VALUES ($1,$2,$3,$4,'',$5,$6,$7,$8,$9,$10,$11,$11,$11,'',1)`,
			o.ID, o.Reference, o.FanID, o.EventID, o.PaymentID, string(o.Channel), string(o.Status),
			o.Subtotal.Amount, o.Total.Amount, o.Total.Currency, now); err != nil {
			return errs.Wrap(err, op)
		}
		sale = &Sale{OrderID: o.ID, Reference: o.Reference, Total: o.Total}
		for _, l := range o.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, line_no, seat_id, section, price_tier_id, price_minor, currency)
				VALUES ($1,$2,$3,$4,$5,$6,$7)`, o.ID, l.No, l.SeatID, l.Section, l.PriceTierID, l.Price.Amount, l.Price.Currency); err != nil {
				return errs.Wrap(err, op)
			}
			tid := ids.New(ids.PrefixTicket)
			code := d.codec.Encode(barcode.Payload{TicketID: tid, EventID: eventID, Version: 1})
			// Tickets are minted here rather than by ticketing so the
			// printer can print before the customer walks away.
			if _, err := tx.ExecContext(ctx, `INSERT INTO tickets (id, order_id, event_id, line_no, holder_id, seat_id, seat_label, barcode, version, status, issued_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,1,'valid',$9)`, tid, o.ID, eventID, l.No, walkUpFan, l.SeatID, labels[l.SeatID], code, now); err != nil {
				return errs.Wrap(err, op)
			}
			sale.Tickets = append(sale.Tickets, model.TicketView{ID: tid, OrderID: o.ID, EventID: eventID, HolderID: walkUpFan,
				SeatLbl: labels[l.SeatID], Barcode: code, Status: model.TicketStatusValid})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.log.Info("box office sale", "order_id", sale.OrderID, "tickets", len(sale.Tickets), "tender", tender)
	return sale, nil
}

// Handler serves the box office screen's API.
type Handler struct {
	desk *Desk
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(d *Desk, a *auth.Signer) *Handler { return &Handler{desk: d, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /boxoffice/sale", h.auth.Require(h.sell, auth.RoleStaff))
}

func (h *Handler) sell(w http.ResponseWriter, r *http.Request) {
	var in struct {
		EventID string   `json:"event_id"`
		SeatIDs []string `json:"seat_ids"`
		Country string   `json:"country"`
		Tender  string   `json:"tender"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if in.Tender != "cash" && in.Tender != "card" {
		httpx.Error(w, r, errs.Invalid("boxoffice.sell", "tender must be cash or card"))
		return
	}
	sale, err := h.desk.Sell(r.Context(), in.EventID, in.SeatIDs, in.Country, in.Tender)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, sale)
}
