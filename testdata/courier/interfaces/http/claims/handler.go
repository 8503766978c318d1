// Package claims exposes claim filing to merchants and claim handling to
// the customer-care team.
package claims

import (
	"log/slog"
	"net/http"
	"time"

	dc "parcelgo.com/platform/domain/claims"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/infrastructure/events"
	pbilling "parcelgo.com/platform/infrastructure/persistence/billing"
	pclaims "parcelgo.com/platform/infrastructure/persistence/claims"
	"parcelgo.com/platform/interfaces/http/httpx"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

type Handler struct {
	store   *pclaims.Store
	billing *pbilling.Store
	bus     events.Publisher
	log     *slog.Logger
	now     func() time.Time
}

func NewHandler(store *pclaims.Store, billing *pbilling.Store, bus events.Publisher, log *slog.Logger) *Handler {
	return &Handler{store: store, billing: billing, bus: bus, log: log, now: time.Now}
}

func (h *Handler) RegisterMerchant(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/claims", h.file)
	mux.HandleFunc("GET /v1/claims", h.list)
}

func (h *Handler) RegisterAdmin(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/admin/claims/{id}/settle", h.settle)
}

type fileRequest struct {
	ShipmentID     string   `json:"shipment_id"`
	TrackingNumber string   `json:"tracking_number"`
	Type           dc.Type  `json:"type"`
	DeclaredValue  int64    `json:"declared_value"`
	Currency       string   `json:"currency"`
	Description    string   `json:"description"`
	Evidence       []string `json:"evidence"`
}

// file creates the claim and immediately runs the automatic assessment.
func (h *Handler) file(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req fileRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ctx := r.Context()
	exists, err := h.store.ExistsForShipment(ctx, req.ShipmentID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if exists {
		httpx.Error(w, r, errs.Conflict("a claim already exists for this shipment"))
		return
	}
	facts, err := h.store.Facts(ctx, req.ShipmentID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	now := h.now()
	c := &dc.Claim{ID: ids.New("clm"), ShipmentID: req.ShipmentID, TrackingNumber: req.TrackingNumber, MerchantID: mid,
		Type: req.Type, DeclaredValue: money.New(req.DeclaredValue, req.Currency), Description: req.Description,
		Evidence: req.Evidence, Status: dc.StatusOpen, CreatedAt: now, Payout: money.Zero(req.Currency)}
	if err := c.Validate(facts, now); err != nil {
		httpx.Error(w, r, err)
		return
	}
	d := dc.Assess(*c, facts, now)
	if err := c.Apply(d, facts, now); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.store.Create(ctx, c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if c.Status == dc.StatusApproved {
		h.publishApproved(r, c)
	}
	httpx.JSON(w, http.StatusCreated, c)
}

func (h *Handler) publishApproved(r *http.Request, c *dc.Claim) {
	if err := h.bus.Publish(r.Context(), events.ClaimApproved, c.ID, events.ClaimApprovedPayload{
		ClaimID: c.ID, ShipmentID: c.ShipmentID, MerchantID: c.MerchantID, DriverID: c.DriverID,
		DriverAtFault: c.DriverAtFault, Amount: c.Payout}); err != nil {
		h.log.Error("publish claim approved", "claim", c.ID, "err", err)
	}
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out, err := h.store.List(r.Context(), mid, dc.Status(r.URL.Query().Get("status")),
		model.Page{Limit: httpx.QueryInt(r, "limit", 50), Offset: httpx.QueryInt(r, "offset", 0)})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, out)
}

// settle pays an approved claim as a credit on the merchant's next invoice.
func (h *Handler) settle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.store.Get(ctx, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if c.Status != dc.StatusApproved {
		httpx.Error(w, r, errs.Conflict("claim %s is %s", c.ID, c.Status))
		return
	}
	if err := h.billing.AddCredit(ctx, c.MerchantID, c.ShipmentID, c.Payout, "claim "+c.ID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c.Status = dc.StatusPaid
	if err := h.store.Update(ctx, c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}
