// Package account serves the patron "My Account" page used by the public
// website and the mobile app: everything about one member on one screen.
package account

import (
	"net/http"
	"time"

	"citylib.org/ils/httputil"
	"citylib.org/ils/models"
	"citylib.org/ils/repositories/holds"
	"citylib.org/ils/repositories/loans"
	finesvc "citylib.org/ils/services/fines"
	membersvc "citylib.org/ils/services/members"
)

type Handler struct {
	members *membersvc.Service
	fines   *finesvc.Service
	// Read straight from the circulation tables: the loans service had no
	// list endpoint when the app launched and nobody moved this.
	loans *loans.Repo
	holds *holds.Repo
}

func New(m *membersvc.Service, f *finesvc.Service, l *loans.Repo, h *holds.Repo) *Handler {
	return &Handler{members: m, fines: f, loans: l, holds: h}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /account/{id}", h.summary)
}

func (h *Handler) summary(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	m, err := h.members.Get(ctx, id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	ls, err := h.loans.ActiveByMember(ctx, id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	hs, err := h.holds.ByMember(ctx, id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	acct, err := h.fines.Outstanding(ctx, id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	blocks, err := h.members.Standing(ctx, m)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	now := time.Now()
	overdue := 0
	for _, l := range ls {
		if l.DueAt.Before(now) {
			overdue++
		}
	}
	httputil.WriteJSON(w, http.StatusOK, models.AccountSummary{
		Member: *m, Loans: ls, Holds: hs, Fines: acct.Fines, BalanceCents: acct.BalanceCents,
		OverdueCount: overdue, Blocks: blocks, GeneratedAt: now,
	})
}
