// Package pos serves the cafeteria point-of-sale terminals and the
// nutrition office screens.
package pos

import (
	"net/http"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/lib/money"
)

type Handler struct {
	base.Controller
	Meals *cafeteria.Service
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /pos/purchases", h.Action(base.Nutrition, h.purchase))
	mux.HandleFunc("GET /students/{id}/meal-account", h.Action(base.AnyStaff, h.account))
	mux.HandleFunc("POST /students/{id}/meal-account/deposits", h.Action(base.Nutrition, h.deposit))
	mux.HandleFunc("POST /students/{id}/meal-account/eligibility", h.Action(base.Nutrition, h.recompute))
}

func (h *Handler) purchase(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	var req struct {
		StudentID int64  `json:"student_id"`
		PIN       string `json:"pin"`
		Item      string `json:"item"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	terminal := r.Header.Get("X-POS-Terminal")
	if terminal == "" {
		return errs.Invalid("missing terminal id")
	}
	acct, err := h.Meals.Account(r.Context(), req.StudentID)
	if err != nil {
		return err
	}
	if acct.PIN != req.PIN {
		return errs.Forbidden("PIN does not match")
	}
	tx, err := h.Meals.Purchase(r.Context(), req.StudentID, req.Item, terminal)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, tx)
	return nil
}

func (h *Handler) account(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.Meals.Account(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{
		"balance": money.Cents(a.BalanceCents).String(), "eligibility": a.Eligibility, "active": a.Active,
	})
	return nil
}

func (h *Handler) deposit(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Amount string `json:"amount"`
		Source string `json:"source"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	amt, err := money.Parse(req.Amount)
	if err != nil {
		return errs.Invalid("%v", err)
	}
	if req.Source == "" {
		req.Source = "cashier"
	}
	a, err := h.Meals.Deposit(r.Context(), id, amt, req.Source)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, a)
	return nil
}

func (h *Handler) recompute(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.Meals.OpenAccount(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, a)
	return nil
}
