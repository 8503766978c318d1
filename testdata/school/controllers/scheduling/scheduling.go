// Package scheduling exposes sections, rosters and student timetables.
package scheduling

import (
	"net/http"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/services/scheduling"
)

type Controller struct {
	base.Controller
	Service *scheduling.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /sections", c.Action(base.Admins, c.create))
	mux.HandleFunc("GET /sections/{id}", c.Action(base.AnyStaff, c.show))
	mux.HandleFunc("GET /sections/{id}/roster", c.Action(base.Teachers, c.roster))
	mux.HandleFunc("POST /sections/{id}/students", c.Action([]string{"counselor", "school_admin"}, c.place))
	mux.HandleFunc("DELETE /sections/{id}/students/{student}", c.Action([]string{"counselor", "school_admin"}, c.drop))
	mux.HandleFunc("GET /students/{id}/timetable", c.Action(base.AnyStaff, c.timetable))
}

func (c *Controller) create(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	var sec models.Section
	if err := httpx.Decode(r, &sec); err != nil {
		return err
	}
	if sec.SchoolID == 0 {
		sec.SchoolID = u.SchoolID
	}
	if err := c.Service.CreateSection(r.Context(), &sec); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, sec)
	return nil
}

func (c *Controller) show(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	sec, err := c.Service.Section(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, sec)
	return nil
}

func (c *Controller) roster(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if u.Role == "teacher" {
		ok, err := c.Service.TeacherOwnsSection(r.Context(), u.StaffID, id)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Forbidden("not your section")
		}
	}
	roster, err := c.Service.Roster(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, roster)
	return nil
}

func (c *Controller) place(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		StudentID int64 `json:"student_id"`
		Override  bool  `json:"override_capacity"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	if req.Override && u.Role != "school_admin" && u.Role != "district_admin" {
		return errs.Forbidden("only administrators may exceed capacity")
	}
	if err := c.Service.Place(r.Context(), req.StudentID, id, req.Override); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) drop(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	sid, err := httpx.PathID(r, "student")
	if err != nil {
		return err
	}
	if err := c.Service.Drop(r.Context(), sid, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) timetable(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	term := r.URL.Query().Get("term")
	if term == "" {
		return errs.Invalid("term is required")
	}
	tt, err := c.Service.StudentTimetable(r.Context(), id, term)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, tt)
	return nil
}
