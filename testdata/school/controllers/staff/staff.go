// Package staff exposes staff records, absence reporting and the
// substitute portal.
package staff

import (
	"net/http"
	"time"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/services/staff"
	"github.com/k12district/sis/substitutes"
)

type Controller struct {
	base.Controller
	Service     *staff.Service
	Substitutes *substitutes.Dispatcher
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /staff", c.Action(base.HR, c.hire))
	mux.HandleFunc("GET /staff/{id}", c.Action(base.AnyStaff, c.show))
	mux.HandleFunc("DELETE /staff/{id}", c.Action([]string{"hr"}, c.separate))
	mux.HandleFunc("POST /absences", c.Action(base.AnyStaff, c.reportAbsence))
	mux.HandleFunc("POST /absences/{id}/fill", c.Action(base.HR, c.fill))
	mux.HandleFunc("POST /sub-offers/{id}/accept", c.Action([]string{"substitute"}, c.accept))
}

func (c *Controller) hire(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	var s models.Staff
	if err := httpx.Decode(r, &s); err != nil {
		return err
	}
	if err := c.Service.Hire(r.Context(), &s); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, s)
	return nil
}

func (c *Controller) show(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	s, err := c.Service.Get(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, s)
	return nil
}

func (c *Controller) separate(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := c.Service.Separate(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) reportAbsence(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	var req struct {
		StaffID  int64  `json:"staff_id"`
		Date     string `json:"date"`
		Reason   string `json:"reason"`
		HalfDay  bool   `json:"half_day"`
		NeedsSub bool   `json:"needs_sub"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	if req.StaffID == 0 {
		req.StaffID = u.StaffID
	}
	if req.StaffID != u.StaffID && u.Role != "school_admin" && u.Role != "hr" {
		return errs.Forbidden("cannot report another person's absence")
	}
	date, err := time.Parse(httpx.DateLayout, req.Date)
	if err != nil {
		return errs.Invalid("date must be YYYY-MM-DD")
	}
	a := &models.StaffAbsence{StaffID: req.StaffID, Date: date, Reason: req.Reason, HalfDay: req.HalfDay, NeedsSub: req.NeedsSub}
	flagged, err := c.Service.ReportAbsence(r.Context(), a)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"absence": a, "over_allowance": flagged})
	return nil
}

func (c *Controller) fill(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := c.Substitutes.Fill(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, a)
	return nil
}

func (c *Controller) accept(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := c.Substitutes.Accept(r.Context(), id, u.StaffID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
