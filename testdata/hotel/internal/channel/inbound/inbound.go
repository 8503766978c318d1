// Package inbound receives reservation notifications from OTAs and turns
// them into Staybright reservations.
package inbound

import (
	"context"
	"database/sql"
	"io"
	"net/http"

	"github.com/staybright/platform/internal/channel/mapping"
	"github.com/staybright/platform/internal/channel/ota"
	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/service/booking/cancellation"
	"github.com/staybright/platform/internal/service/guest"
)

// Booker is the booking engine as seen by the channel manager.
type Booker interface {
	Create(ctx context.Context, req booking.CreateRequest) (*model.Reservation, error)
	Cancel(ctx context.Context, id, reason, waivedBy string) (*cancellation.Decision, error)
	GetByChannelRef(ctx context.Context, source, ref string) (*model.Reservation, error)
}

// Handler is the OTA webhook endpoint.
type Handler struct {
	clients ota.Registry
	maps    *mapping.Store
	booker  Booker
	db      *sql.DB
	log     *log.Logger
}

// New builds the handler.
func New(clients ota.Registry, maps *mapping.Store, b Booker, conn *sql.DB, l *log.Logger) *Handler {
	return &Handler{clients: clients, maps: maps, booker: b, db: conn, log: l.Component("channel.inbound")}
}

// Register mounts the webhook.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/channels/{channel}/reservations", h.receive)
}

func (h *Handler) receive(w http.ResponseWriter, r *http.Request) {
	client, err := h.clients.Get(r.PathValue("channel"))
	if err != nil {
		httpx.Error(w, r, errs.E(errs.NotFound, "inbound.receive", "unknown channel"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "inbound.receive", "unreadable body"))
		return
	}
	b, err := client.ParseBooking(body, r.Header)
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "inbound.receive", "unparseable booking"))
		return
	}
	m, err := h.maps.Resolve(r.Context(), b.Channel, b.HotelRef, b.RoomRef, b.RateRef)
	if err != nil {
		h.log.Error("unmapped OTA booking", "channel", b.Channel, "ref", b.ChannelRef, "room", b.RoomRef, "rate", b.RateRef)
		httpx.Error(w, r, err)
		return
	}
	if err := h.apply(r.Context(), b, m); err != nil {
		_ = h.maps.LogSync(r.Context(), m.ConnectionID, "booking_"+string(b.Status), 1, err.Error())
		httpx.Error(w, r, err)
		return
	}
	_ = h.maps.LogSync(r.Context(), m.ConnectionID, "booking_"+string(b.Status), 1, "")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(client.Ack(b.ChannelRef))
}

func (h *Handler) apply(ctx context.Context, b *ota.Booking, m *mapping.Mapping) error {
	switch b.Status {
	case ota.BookingNew:
		if _, err := h.booker.GetByChannelRef(ctx, b.Channel, b.ChannelRef); err == nil {
			return nil // duplicate delivery
		}
		_, err := h.booker.Create(ctx, booking.CreateRequest{
			HotelID: m.HotelID, RoomTypeID: m.RoomTypeID, RatePlanCode: m.RatePlanCode,
			CheckIn: clock.FormatDate(b.CheckIn), CheckOut: clock.FormatDate(b.CheckOut),
			Adults: b.Adults, Children: b.Children, SpecialRequests: b.Remarks,
			Guest: guest.Input{Email: b.Email, FirstName: b.FirstName, LastName: b.LastName,
				Phone: b.Phone, Country: b.Country},
			Source: b.Channel, ChannelRef: b.ChannelRef, PrePaid: money.New(b.TotalCents, b.Currency),
		})
		return err
	case ota.BookingCancelled:
		res, err := h.booker.GetByChannelRef(ctx, b.Channel, b.ChannelRef)
		if err != nil {
			return err
		}
		if res.Status == model.StatusCancelled {
			return nil
		}
		_, err = h.booker.Cancel(ctx, res.ID, "cancelled on "+b.Channel, b.Channel)
		return err
	case ota.BookingModified:
		return h.modify(ctx, b)
	}
	return errs.E(errs.Invalid, "inbound.apply", "unknown booking status")
}

// modify applies an OTA modification in place. The booking engine has no
// "modify" operation yet (PLAT-1432), so we update the row directly.
func (h *Handler) modify(ctx context.Context, b *ota.Booking) error {
	res, err := h.db.ExecContext(ctx, `
		UPDATE reservations
		SET check_in = $3, check_out = $4, adults = $5, children = $6, total_cents = $7,
			special_requests = $8, updated_at = now()
		WHERE source = $1 AND channel_ref = $2 AND status = 'confirmed'`,
		b.Channel, b.ChannelRef, b.CheckIn, b.CheckOut, b.Adults, b.Children, b.TotalCents, b.Remarks)
	if err != nil {
		return errs.Wrap(err, "inbound.modify")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "inbound.modify", "reservation cannot be modified")
	}
	h.log.Warn("OTA modification applied without inventory adjustment", "channel", b.Channel, "ref", b.ChannelRef)
	return nil
}
