// Package catalog exposes product browsing and admin endpoints.
package catalog

import (
	"net/http"

	app "rxnow.health/backend/application/catalog"
	"rxnow.health/backend/domain/catalog"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/kernel/httpx"
	"rxnow.health/backend/kernel/money"
)

// Handler serves /products.
type Handler struct{ svc *app.Service }

// NewHandler builds the handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /products", h.search)
	mux.HandleFunc("GET /products/{id}", h.get)
	mux.HandleFunc("POST /products", httpx.RequireRole(h.create, httpx.RoleAdmin))
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := models.Page{Limit: httpx.QueryInt(r, "limit", 25), Offset: httpx.QueryInt(r, "offset", 0)}
	out, err := h.svc.Search(r.Context(), q.Get("q"), q.Get("rx") == "true", page)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.View(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}

type createReq struct {
	NDC         string `json:"ndc"`
	Name        string `json:"name"`
	GenericName string `json:"generic_name"`
	Strength    string `json:"strength"`
	Form        string `json:"form"`
	PackageSize int    `json:"package_size"`
	RequiresRx  bool   `json:"requires_rx"`
	Schedule    int    `json:"schedule"`
	ColdChain   bool   `json:"cold_chain"`
	Price       string `json:"price"`
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var req createReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	price, err := money.Parse(req.Price)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := httpx.PrincipalFrom(r.Context())
	prod, err := h.svc.Create(r.Context(), catalog.Product{NDC: req.NDC, Name: req.Name, GenericName: req.GenericName, Strength: req.Strength,
		Form: req.Form, PackageSize: req.PackageSize, RequiresRx: req.RequiresRx, Schedule: req.Schedule, ColdChain: req.ColdChain, UnitPrice: price}, p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, app.ToView(prod))
}
