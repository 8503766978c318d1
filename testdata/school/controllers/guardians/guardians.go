// Package guardians exposes guardian contacts, custody links and household
// information.
package guardians

import (
	"net/http"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/lib/money"
	"github.com/k12district/sis/models"
	guardrepo "github.com/k12district/sis/repositories/guardians"
)

type Controller struct {
	base.Controller
	Store *guardrepo.Store
	Meals *cafeteria.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /students/{id}/guardians", c.Action(base.AnyStaff, c.list))
	mux.HandleFunc("POST /students/{id}/guardians", c.Action(base.FrontOffice, c.link))
	mux.HandleFunc("DELETE /students/{id}/guardians/{guardian}", c.Action(base.FrontOffice, c.unlink))
	mux.HandleFunc("PUT /guardians/{id}", c.Action(base.FrontOffice, c.update))
	mux.HandleFunc("PUT /guardians/{id}/household", c.Action([]string{"nutrition", "registrar"}, c.household))
}

func (c *Controller) list(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	gs, err := c.Store.ForStudent(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, gs)
	return nil
}

func (c *Controller) link(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var g models.Guardian
	if err := httpx.Decode(r, &g); err != nil {
		return err
	}
	if g.Relationship == "" {
		return errs.Invalid("relationship is required")
	}
	if g.ID == 0 {
		if err := c.Store.Insert(r.Context(), c.Store.DB, &g); err != nil {
			return err
		}
	}
	if err := c.Store.Link(r.Context(), c.Store.DB, id, g.ID, g.Relationship, g.HasCustody); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, g)
	return nil
}

func (c *Controller) unlink(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	gid, err := httpx.PathID(r, "guardian")
	if err != nil {
		return err
	}
	gs, err := c.Store.ForStudent(r.Context(), id)
	if err != nil {
		return err
	}
	custodial := 0
	for _, g := range gs {
		if g.HasCustody && g.ID != gid {
			custodial++
		}
	}
	if custodial == 0 {
		return errs.Conflict("cannot remove the last custodial guardian")
	}
	if err := c.Store.Unlink(r.Context(), id, gid); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) update(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var g models.Guardian
	if err := httpx.Decode(r, &g); err != nil {
		return err
	}
	g.ID = id
	if err := c.Store.UpdateContact(r.Context(), g); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// household records the meal-benefit application figures and re-runs
// eligibility for the children the nutrition office names.
func (c *Controller) household(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Size     int     `json:"household_size"`
		Income   string  `json:"annual_income"`
		Students []int64 `json:"student_ids"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	income, err := money.Parse(req.Income)
	if err != nil || req.Size < 1 {
		return errs.Invalid("household size and annual income are required")
	}
	if err := c.Store.UpdateHousehold(r.Context(), id, req.Size, int64(income)); err != nil {
		return err
	}
	out := map[int64]string{}
	for _, sid := range req.Students {
		a, err := c.Meals.OpenAccount(r.Context(), sid)
		if err != nil {
			return err
		}
		out[sid] = a.Eligibility
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}
