// Package customers exposes account endpoints.
package customers

import (
	"net/http"
	"time"

	app "rxnow.health/backend/application/customers"
	"rxnow.health/backend/domain/customers"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves /customers.
type Handler struct{ svc *app.Service }

// NewHandler builds the handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /customers", h.register)
	mux.HandleFunc("GET /customers/{id}", h.get)
	mux.HandleFunc("POST /customers/{id}/addresses", h.addAddress)
}

type registerReq struct {
	Email       string   `json:"email"`
	FirstName   string   `json:"first_name"`
	LastName    string   `json:"last_name"`
	Phone       string   `json:"phone"`
	DateOfBirth string   `json:"date_of_birth"`
	SMSOptIn    bool     `json:"sms_opt_in"`
	Allergies   []string `json:"allergies"`
}

type customerResp struct {
	ID          int64    `json:"id"`
	Email       string   `json:"email"`
	FirstName   string   `json:"first_name"`
	LastName    string   `json:"last_name"`
	Phone       string   `json:"phone,omitempty"`
	DateOfBirth string   `json:"date_of_birth"`
	SMSOptIn    bool     `json:"sms_opt_in"`
	Allergies   []string `json:"allergies"`
}

func toResp(c customers.Customer) customerResp {
	return customerResp{ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone,
		DateOfBirth: c.DateOfBirth.Format(time.DateOnly), SMSOptIn: c.SMSOptIn, Allergies: c.Allergies}
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	var req registerReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	dob, err := time.Parse(time.DateOnly, req.DateOfBirth)
	if err != nil {
		httpx.Error(w, r, errs.Invalidf("customers.register", "date_of_birth must be YYYY-MM-DD"))
		return
	}
	c, err := h.svc.Register(r.Context(), customers.Customer{Email: req.Email, FirstName: req.FirstName, LastName: req.LastName,
		Phone: req.Phone, DateOfBirth: dob, SMSOptIn: req.SMSOptIn, Allergies: req.Allergies})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toResp(c))
}

func (h *Handler) owned(w http.ResponseWriter, r *http.Request) (int64, bool) {
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

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, ok := h.owned(w, r)
	if !ok {
		return
	}
	c, err := h.svc.Get(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toResp(c))
}

func (h *Handler) addAddress(w http.ResponseWriter, r *http.Request) {
	id, ok := h.owned(w, r)
	if !ok {
		return
	}
	var a customers.Address
	if err := httpx.Decode(r, &a); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.CustomerID = id
	a, err := h.svc.AddAddress(r.Context(), a)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}
