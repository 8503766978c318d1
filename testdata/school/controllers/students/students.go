// Package students exposes registration, the student profile and
// withdrawals to the front office.
package students

import (
	"net/http"
	"time"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/models"
	graderepo "github.com/k12district/sis/repositories/grades"
	"github.com/k12district/sis/services/students"
	"github.com/k12district/sis/services/transport"
	"github.com/k12district/sis/transcripts"
)

type Controller struct {
	base.Controller
	Service   *students.Service
	Grades    *graderepo.Store
	Transport *transport.Service
	Meals     *cafeteria.Service
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /students", c.Action(base.FrontOffice, c.register))
	mux.HandleFunc("GET /students/{id}", c.Action(base.AnyStaff, c.profile))
	mux.HandleFunc("GET /schools/{school}/students", c.Action(base.AnyStaff, c.index))
	mux.HandleFunc("POST /students/{id}/withdraw", c.Action(base.FrontOffice, c.withdraw))
	mux.HandleFunc("PUT /students/{id}/address", c.Action(base.FrontOffice, c.address))
}

func (c *Controller) register(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	var in students.RegisterInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if in.Student.SchoolID == 0 {
		in.Student.SchoolID = u.SchoolID
	}
	st, err := c.Service.Register(r.Context(), in)
	if err != nil {
		return err
	}
	if _, err := c.Meals.OpenAccount(r.Context(), st.ID); err != nil {
		c.Log.Warn("meal account not opened", "student", st.ID, "err", err)
	}
	httpx.JSON(w, http.StatusCreated, st)
	return nil
}

// profile is the front-office "everything about this kid" screen.
func (c *Controller) profile(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := c.Service.Profile(ctx, id)
	if err != nil {
		return err
	}
	finals, err := c.Grades.FinalGrades(ctx, id)
	if err != nil {
		return err
	}
	gpa := transcripts.Compute(finals)
	p.GPA, p.Credits = gpa.Weighted, gpa.Credits
	if route, err := c.Transport.RouteFor(ctx, id); err == nil {
		p.BusRoute = route
	}
	if acct, err := c.Meals.Account(ctx, id); err == nil {
		p.MealBalanceCents = acct.BalanceCents
	}
	httpx.JSON(w, http.StatusOK, p)
	return nil
}

func (c *Controller) index(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	school, err := httpx.PathID(r, "school")
	if err != nil {
		return err
	}
	if q := r.URL.Query().Get("q"); q != "" {
		res, err := c.Service.Students.Search(r.Context(), q, school)
		if err != nil {
			return err
		}
		httpx.JSON(w, http.StatusOK, res)
		return nil
	}
	var grade *int
	if g := r.URL.Query().Get("grade"); g != "" {
		n := httpx.QueryInt(r, "grade", 0)
		grade = &n
	}
	pg := base.Paginate(r)
	list, err := c.Service.Students.ListBySchool(r.Context(), school, grade, pg.Limit, pg.Offset)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list)
	return nil
}

func (c *Controller) withdraw(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Reason string `json:"reason"`
		Date   string `json:"date"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	date, err := time.Parse(httpx.DateLayout, req.Date)
	if err != nil {
		return errs.Invalid("date must be YYYY-MM-DD")
	}
	if err := c.Service.Withdraw(r.Context(), id, req.Reason, date); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (c *Controller) address(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var a models.Address
	if err := httpx.Decode(r, &a); err != nil {
		return err
	}
	a.StudentID = id
	if err := c.Service.ChangeAddress(r.Context(), a); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
