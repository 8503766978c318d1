// Package admissions exposes the application portal and the lottery tools.
package admissions

import (
	"net/http"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/services/admissions"
	"github.com/k12district/sis/services/students"
)

type Controller struct {
	base.Controller
	Service *admissions.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	// The public portal authenticates as a service account with role "portal".
	mux.HandleFunc("POST /applications", c.Action([]string{"portal", "registrar"}, c.submit))
	mux.HandleFunc("GET /applications/{id}", c.Action([]string{"portal", "registrar"}, c.show))
	mux.HandleFunc("POST /lotteries", c.Action([]string{"enrollment_office"}, c.lottery))
	mux.HandleFunc("POST /applications/{id}/accept", c.Action([]string{"portal", "registrar"}, c.accept))
}

func (c *Controller) submit(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	var a models.Application
	if err := httpx.Decode(r, &a); err != nil {
		return err
	}
	if err := c.Service.Submit(r.Context(), &a); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, a)
	return nil
}

func (c *Controller) show(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := c.Service.Apps.Get(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, a)
	return nil
}

func (c *Controller) lottery(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	var req struct {
		SchoolID   int64 `json:"school_id"`
		GradeLevel int   `json:"grade_level"`
		SchoolYear int   `json:"school_year"`
		Seats      int   `json:"seats"`
		Seed       int64 `json:"seed"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	res, err := c.Service.RunLottery(r.Context(), req.SchoolID, req.GradeLevel, req.SchoolYear, req.Seats, req.Seed)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, res)
	return nil
}

func (c *Controller) accept(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in students.RegisterInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	st, err := c.Service.Accept(r.Context(), id, in)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, st)
	return nil
}
