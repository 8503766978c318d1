// Package attendance exposes period attendance taking and the attendance
// office tools.
package attendance

import (
	"net/http"
	"time"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/services/attendance"
)

type Controller struct {
	base.Controller
	Service *attendance.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /sections/{id}/attendance", c.Action(base.Teachers, c.take))
	mux.HandleFunc("GET /sections/{id}/attendance", c.Action(base.Teachers, c.show))
	mux.HandleFunc("POST /students/{id}/attendance/excuse", c.Action([]string{"attendance_clerk", "school_admin"}, c.excuse))
	mux.HandleFunc("GET /students/{id}/attendance/summary", c.Action(base.AnyStaff, c.summary))
}

func (c *Controller) take(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Date   string            `json:"date"`
		Period int               `json:"period"`
		Marks  []attendance.Mark `json:"marks"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	date := time.Now()
	if req.Date != "" {
		if date, err = time.Parse(httpx.DateLayout, req.Date); err != nil {
			return err
		}
	}
	res, err := c.Service.Take(r.Context(), u.StaffID, id, date, req.Period, req.Marks)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, res)
	return nil
}

func (c *Controller) show(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	date, err := httpx.QueryDate(r, "date", time.Now())
	if err != nil {
		return err
	}
	recs, err := c.Service.Store.ForSectionDate(r.Context(), id, date)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, recs)
	return nil
}

func (c *Controller) excuse(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	from, err1 := time.Parse(httpx.DateLayout, req.From)
	to, err2 := time.Parse(httpx.DateLayout, req.To)
	if err1 != nil || err2 != nil {
		return httpxInvalid()
	}
	n, err := c.Service.Excuse(r.Context(), id, from, to, req.Reason, u.StaffID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]int64{"excused": n})
	return nil
}

func (c *Controller) summary(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	now := time.Now()
	from, err := httpx.QueryDate(r, "from", time.Date(now.Year()-btoi(now.Month() < time.July), time.August, 1, 0, 0, 0, 0, now.Location()))
	if err != nil {
		return err
	}
	to, err := httpx.QueryDate(r, "to", now)
	if err != nil {
		return err
	}
	s, err := c.Service.Summary(r.Context(), id, from, to)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"summary": s, "rate": s.Rate()})
	return nil
}
