// Package messages exposes broadcasts, message history and guardian
// contact preferences.
package messages

import (
	"net/http"

	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	msgrepo "github.com/k12district/sis/repositories/messages"
	"github.com/k12district/sis/services/messaging"
)

type Controller struct {
	base.Controller
	Service *messaging.Service
	Store   *msgrepo.Store
}

func (c *Controller) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /schools/{school}/broadcasts", c.Action(base.Admins, c.broadcast))
	mux.HandleFunc("GET /students/{id}/messages", c.Action(base.AnyStaff, c.history))
	mux.HandleFunc("PUT /guardians/{id}/preferences", c.Action(base.FrontOffice, c.setPreference))
}

func (c *Controller) broadcast(w http.ResponseWriter, r *http.Request, u httpx.User) error {
	school, err := httpx.PathID(r, "school")
	if err != nil {
		return err
	}
	if u.Role != "district_admin" && u.SchoolID != school {
		return errs.Forbidden("cannot broadcast to another school")
	}
	var req struct {
		Grade     *int   `json:"grade"`
		Subject   string `json:"subject"`
		Body      string `json:"body"`
		Emergency bool   `json:"emergency"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	if req.Subject == "" || req.Body == "" {
		return errs.Invalid("subject and body are required")
	}
	n, err := c.Service.Broadcast(r.Context(), school, req.Grade, req.Subject, req.Body, req.Emergency)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusAccepted, map[string]int{"queued": n})
	return nil
}

func (c *Controller) history(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	msgs, err := c.Store.History(r.Context(), id, httpx.QueryInt(r, "limit", 50))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, msgs)
	return nil
}

func (c *Controller) setPreference(w http.ResponseWriter, r *http.Request, _ httpx.User) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var p msgrepo.Preference
	if err := httpx.Decode(r, &p); err != nil {
		return err
	}
	if p.Category == messaging.CatEmergency {
		return errs.Invalid("emergency messages cannot be turned off")
	}
	p.GuardianID = id
	if err := c.Store.SetPreference(r.Context(), p); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
