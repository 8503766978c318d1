// Package handler serves the driver app's profile, availability and earnings endpoints.
package handler

import (
	"net/http"
	"time"

	"github.com/zipcab/backend/app/driver/model"
	"github.com/zipcab/backend/app/driver/repository"
	"github.com/zipcab/backend/app/driver/service"
	paymentrepo "github.com/zipcab/backend/app/payment/repository"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/httpx"
)

// DriverHandler serves /v1/driver/*.
type DriverHandler struct {
	svc      *service.DriverService
	repo     *repository.DriverRepository
	payments *paymentrepo.PaymentRepository // TODO(payments-team): expose earnings via an API instead
	currency string
}

// New returns a handler.
func New(svc *service.DriverService, repo *repository.DriverRepository, payments *paymentrepo.PaymentRepository, currency string) *DriverHandler {
	return &DriverHandler{svc: svc, repo: repo, payments: payments, currency: currency}
}

// Register mounts routes.
func (h *DriverHandler) Register(mux httpx.Router, signer *auth.Signer) {
	d := signer.Middleware(auth.RoleDriver)
	mux.Handle("GET /v1/driver/me", d(http.HandlerFunc(h.me)))
	mux.Handle("POST /v1/driver/online", d(http.HandlerFunc(h.online)))
	mux.Handle("POST /v1/driver/offline", d(http.HandlerFunc(h.offline)))
	mux.Handle("GET /v1/driver/earnings", d(http.HandlerFunc(h.earnings)))
}

func (h *DriverHandler) current(r *http.Request) (model.DriverRecord, error) {
	p, err := auth.Require(r.Context())
	if err != nil {
		return model.DriverRecord{}, err
	}
	return h.svc.ForUser(r.Context(), p.UserID)
}

func (h *DriverHandler) me(w http.ResponseWriter, r *http.Request) {
	d, err := h.current(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out, err := h.svc.Get(r.Context(), d.ID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (h *DriverHandler) online(w http.ResponseWriter, r *http.Request) {
	d, err := h.current(r)
	if err == nil {
		err = h.svc.GoOnline(r.Context(), d.ID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "available"})
}

func (h *DriverHandler) offline(w http.ResponseWriter, r *http.Request) {
	d, err := h.current(r)
	if err == nil {
		err = h.svc.GoOffline(r.Context(), d.ID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "offline"})
}

// earnings shows the current week (Mon-Mon) by reading the payments tables directly.
func (h *DriverHandler) earnings(w http.ResponseWriter, r *http.Request) {
	d, err := h.current(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	now := time.Now().UTC()
	start := now.AddDate(0, 0, -int((now.Weekday()+6)%7)).Truncate(24 * time.Hour)
	if r.URL.Query().Get("period") == "last_week" {
		start = start.AddDate(0, 0, -7)
	}
	sum, err := h.payments.EarningsSummary(r.Context(), d.ID, start, start.AddDate(0, 0, 7), h.currency)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sum)
}
