// Package grades exposes the teacher gradebook and report card download.
package grades

import (
	"net/http"
	"time"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/models"
	graderepo "github.com/k12district/sis/repositories/grades"
	"github.com/k12district/sis/services/grades"
)

type Controller struct {
	base.Controller
	Service *grades.Service
	Store   *graderepo.Store
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /sections/{id}/assignments", c.Action(base.Teachers, c.createAssignment))
	mux.HandleFunc("PUT /assignments/{id}/scores", c.Action(base.Teachers, c.postScores))
	mux.HandleFunc("POST /sections/{id}/finalize", c.Action(base.Teachers, c.finalize))
	mux.HandleFunc("GET /students/{id}/grades", c.Action(base.AnyStaff, c.studentGrades))
	mux.HandleFunc("GET /students/{id}/report-cards/{term}", c.Action(base.AnyStaff, c.reportCard))
}

func (c *Controller) createAssignment(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var a models.Assignment
	if err := httpx.Decode(r, &a); err != nil {
		return err
	}
	a.SectionID = id
	if err := c.Service.CreateAssignment(r.Context(), u.StaffID, &a); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, a)
	return nil
}

func (c *Controller) postScores(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Term   string         `json:"term"`
		Scores []models.Score `json:"scores"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	if err := c.Service.PostScores(r.Context(), u.StaffID, id, req.Term, req.Scores); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) finalize(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Term     string `json:"term"`
		Deadline string `json:"deadline"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	deadline, err := time.Parse(httpx.DateLayout, req.Deadline)
	if err != nil {
		return errs.Invalid("deadline must be YYYY-MM-DD")
	}
	students, err := c.Service.Finalize(r.Context(), u.StaffID, id, req.Term, deadline)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"finalized": len(students)})
	return nil
}

func (c *Controller) studentGrades(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	gs, gpa, err := c.Service.StudentGrades(r.Context(), id, r.URL.Query().Get("term"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"grades": gs, "gpa": gpa})
	return nil
}

func (c *Controller) reportCard(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	html, err := c.Store.ReportCardHTML(r.Context(), id, r.PathValue("term"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = w.Write([]byte(html))
	return err
}
