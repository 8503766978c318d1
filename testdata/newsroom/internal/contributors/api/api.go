// Package api exposes contributor management to the CMS.
package api

import (
	"net/http"

	"github.com/dailyherald/newsroom/internal/contributors/payouts"
	"github.com/dailyherald/newsroom/internal/contributors/profile"
	"github.com/dailyherald/newsroom/internal/contributors/rates"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
	"github.com/dailyherald/newsroom/pkg/money"
)

type Handlers struct {
	Profiles *profile.Service
	Rates    *rates.Service
	Payouts  *payouts.Service
	// Articles is used for the author page's article list.
	Articles *store.ArticleStore
}

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/authors/{id}", h.authorPage)
	mux.HandleFunc("GET /v1/cms/contributors", middleware.RequireStaff("editor", h.list))
	mux.HandleFunc("POST /v1/cms/contributors", middleware.RequireStaff("editor", h.create))
	mux.HandleFunc("PUT /v1/cms/contributors/{id}/rate", middleware.RequireStaff("managing_editor", h.setRate))
	mux.HandleFunc("GET /v1/cms/commissions", middleware.RequireStaff("editor", h.commissions))
	mux.HandleFunc("POST /v1/cms/commissions/{id}/status", middleware.RequireStaff("editor", h.commissionStatus))
}

func (h Handlers) authorPage(w http.ResponseWriter, r *http.Request) {
	c, err := h.Profiles.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, err := h.Articles.ListByContributor(r.Context(), c.ID, 30)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	for i := range list {
		list[i].Body = ""
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{
		"id": c.ID, "name": c.Name, "bio": c.Bio, "articles": list,
	})
}

func (h Handlers) list(w http.ResponseWriter, r *http.Request) {
	list, err := h.Profiles.List(r.Context(), models.ContributorKind(r.URL.Query().Get("kind")), r.URL.Query().Get("all") == "")
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) create(w http.ResponseWriter, r *http.Request) {
	var in models.Contributor
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	c, err := h.Profiles.Create(r.Context(), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, c)
}

func (h Handlers) setRate(w http.ResponseWriter, r *http.Request) {
	var card rates.Card
	if err := httpx.ReadJSON(r, &card); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	card.ContributorID = r.PathValue("id")
	if err := h.Rates.Set(r.Context(), card); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h Handlers) commissions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	list, err := h.Payouts.List(r.Context(), q.Get("contributor"), q.Get("status"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) commissionStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Status string       `json:"status"`
		Fee    *money.Money `json:"fee"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := h.Payouts.SetStatus(r.Context(), r.PathValue("id"), in.Status, in.Fee); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
