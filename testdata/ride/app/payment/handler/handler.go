// Package handler exposes payment methods and the PayStream webhook.
package handler

import (
	"net/http"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/payment/repository"
	"github.com/zipcab/backend/app/payment/service"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/httpx"
)

// PaymentHandler serves /v1/payment-methods and /v1/webhooks/paystream.
type PaymentHandler struct {
	repo    *repository.PaymentRepository
	svc     *service.PaymentService
	gateway *paygateway.Client
}

// New returns a handler.
func New(repo *repository.PaymentRepository, svc *service.PaymentService, gw *paygateway.Client) *PaymentHandler {
	return &PaymentHandler{repo: repo, svc: svc, gateway: gw}
}

// Register mounts routes.
func (h *PaymentHandler) Register(mux httpx.Router, signer *auth.Signer) {
	rider := signer.Middleware(auth.RoleRider)
	mux.Handle("GET /v1/payment-methods", rider(http.HandlerFunc(h.list)))
	mux.Handle("POST /v1/payment-methods", rider(http.HandlerFunc(h.add)))
}

func (h *PaymentHandler) list(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	ms, err := h.repo.Methods(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"payment_methods": ms})
}

type addReq struct {
	Token     string `json:"token"` // PayStream payment method id from the client SDK
	Brand     string `json:"brand"`
	Last4     string `json:"last4"`
	IsDefault bool   `json:"is_default"`
}

func (h *PaymentHandler) add(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var req addReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if req.Token == "" || len(req.Last4) != 4 {
		httpx.Error(w, r, errs.Invalid("payment.add_method", "token and last4 are required"))
		return
	}
	id, err := h.repo.AddMethod(r.Context(), entity.PaymentMethod{
		RiderID: p.UserID, Kind: "card", Brand: req.Brand, Last4: req.Last4, GatewayRef: req.Token, IsDefault: req.IsDefault,
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]int64{"id": id})
}
