// Package insurance exposes benefit card and claim endpoints.
package insurance

import (
	"net/http"

	app "rxnow.health/backend/application/insurance"
	"rxnow.health/backend/domain/insurance"
	"rxnow.health/backend/kernel/httpx"
	"rxnow.health/backend/kernel/money"
)

// Handler serves coverage routes.
type Handler struct{ svc *app.Service }

// NewHandler builds the handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /customers/{id}/coverages", h.list)
	mux.HandleFunc("POST /customers/{id}/coverages", h.add)
}

type coverageResp struct {
	ID         int64  `json:"id"`
	BIN        string `json:"bin"`
	PCN        string `json:"pcn"`
	GroupID    string `json:"group_id"`
	MemberID   string `json:"member_id"`
	Priority   int    `json:"priority"`
	OOPMax     string `json:"oop_max"`
	Active     bool   `json:"active"`
	Cardholder string `json:"cardholder"`
}

func toResp(c insurance.Coverage) coverageResp {
	return coverageResp{ID: c.ID, BIN: c.BIN, PCN: c.PCN, GroupID: c.GroupID, MemberID: c.MemberID, Priority: c.Priority,
		OOPMax: c.OOPMax.Decimal(), Active: c.Active, Cardholder: c.Cardholder}
}

func (h *Handler) customer(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = httpx.SameCustomer(r, id)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	id, ok := h.customer(w, r)
	if !ok {
		return
	}
	cs, err := h.svc.Coverages(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]coverageResp, 0, len(cs))
	for _, c := range cs {
		out = append(out, toResp(c))
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (h *Handler) add(w http.ResponseWriter, r *http.Request) {
	id, ok := h.customer(w, r)
	if !ok {
		return
	}
	var req struct {
		BIN        string `json:"bin"`
		PCN        string `json:"pcn"`
		GroupID    string `json:"group_id"`
		MemberID   string `json:"member_id"`
		Cardholder string `json:"cardholder"`
		Priority   int    `json:"priority"`
		OOPMax     string `json:"oop_max"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	oop := money.Zero
	if req.OOPMax != "" {
		var err error
		if oop, err = money.Parse(req.OOPMax); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	c, err := h.svc.AddCoverage(r.Context(), insurance.Coverage{CustomerID: id, BIN: req.BIN, PCN: req.PCN, GroupID: req.GroupID,
		MemberID: req.MemberID, Cardholder: req.Cardholder, Priority: req.Priority, OOPMax: oop, Active: true})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toResp(c))
}
