// Package api exposes billing over HTTP (/billing/*, Stripe webhooks) and
// over rpcx (Billing.*) for the enrollment service.
package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"quill.dev/academy/pkg/billing/service"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/page"
	"quill.dev/academy/pkg/platform/rpcx"
)

// Users resolves the caller's email for checkout.
type Users interface {
	User(ctx context.Context, id types.UserID) (types.User, error)
}

// Courses resolves course prices.
type Courses interface {
	Summary(ctx context.Context, id types.CourseID) (types.CourseSummary, error)
}

// Handler serves billing endpoints.
type Handler struct {
	Svc     *service.Service
	Users   Users
	Courses Courses
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /billing/plans", httpx.H(h.plans))
	mux.HandleFunc("GET /billing/subscription", httpx.H(h.subscription))
	mux.HandleFunc("DELETE /billing/subscription", httpx.H(h.cancel))
	mux.HandleFunc("POST /billing/checkout/plan", httpx.H(h.checkoutPlan))
	mux.HandleFunc("POST /billing/checkout/course", httpx.H(h.checkoutCourse))
	mux.HandleFunc("GET /billing/invoices", httpx.H(h.invoices))
	mux.HandleFunc("POST /webhooks/stripe", httpx.H(h.stripeWebhook))
}

func (h *Handler) plans(w http.ResponseWriter, r *http.Request) error {
	plans, err := h.Svc.Plans(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, plans)
	return nil
}

func (h *Handler) subscription(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	sub, err := h.Svc.CurrentSubscription(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	if sub == nil {
		return errs.E(errs.NotFound, "subscription", "no subscription")
	}
	httpx.JSON(w, http.StatusOK, sub)
	return nil
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	sub, err := h.Svc.Cancel(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, sub)
	return nil
}

type checkoutReq struct {
	PlanID   types.PlanID   `json:"plan_id"`
	CourseID types.CourseID `json:"course_id"`
	Coupon   string         `json:"coupon"`
}

func (h *Handler) checkoutPlan(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var req checkoutReq
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	u, err := h.Users.User(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	co, err := h.Svc.SubscribeCheckout(r.Context(), u, req.PlanID, req.Coupon)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, co)
	return nil
}

func (h *Handler) checkoutCourse(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var req checkoutReq
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	u, err := h.Users.User(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	c, err := h.Courses.Summary(r.Context(), req.CourseID)
	if err != nil {
		return err
	}
	co, err := h.Svc.CourseCheckout(r.Context(), u, c, req.Coupon)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, co)
	return nil
}

func (h *Handler) invoices(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	req := page.FromHTTP(r)
	list, err := h.Svc.Repo.InvoicesForUser(r.Context(), p.UserID, req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page.New(list, req, 0))
	return nil
}

func (h *Handler) stripeWebhook(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return errs.Wrap(errs.Invalid, "webhook", err)
	}
	if err := h.Svc.HandleWebhook(r.Context(), body, r.Header.Get("Stripe-Signature")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// RegisterRPC exposes Billing.* methods.
func (h *Handler) RegisterRPC(s *rpcx.Server) {
	s.Register("Billing.Entitlement", func(ctx context.Context, raw json.RawMessage) (any, error) {
		var req struct {
			UserID types.UserID        `json:"user_id"`
			Course types.CourseSummary `json:"course"`
		}
		if err := json.Unmarshal(raw, &req); err != nil {
			return nil, errs.Wrap(errs.Invalid, "Billing.Entitlement", err)
		}
		src, ok, err := h.Svc.Entitlement(ctx, req.UserID, req.Course)
		return map[string]any{"allowed": ok, "source": src}, err
	})
}
