// Package substitutes finds and books substitute teachers for absences
// ("sub finder"). It grew out of a standalone app and was folded in.
package substitutes

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"sort"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	schedrepo "github.com/k12district/sis/repositories/scheduling"
	staffrepo "github.com/k12district/sis/repositories/staff"
	"github.com/k12district/sis/services/messaging"
)

type Dispatcher struct {
	DB        *sql.DB
	Staff     *staffrepo.Store
	Sections  *schedrepo.Store
	Messaging *messaging.Service
	Clock     clock.Clock
	Log       *slog.Logger
	Term      func(ctx context.Context) string
}

type candidate struct {
	staffrepo.PoolMember
	score int
}

// rank favours certification in the subjects being covered, then a
// preference for the school, then fewer days worked (spread the work).
func rank(pool []staffrepo.PoolMember, subjects []string, schoolID int64) []candidate {
	out := make([]candidate, 0, len(pool))
	for _, m := range pool {
		c := candidate{PoolMember: m}
		for _, subj := range subjects {
			if slices.Contains(m.Certifications, subj) {
				c.score += 10
			}
		}
		if slices.Contains(m.PreferredSchools, schoolID) {
			c.score += 5
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].DaysThisYear < out[j].DaysThisYear
	})
	return out
}

// Fill offers the absence to the best available substitute. The offer is
// an SMS; the sub accepts through the portal.
func (d *Dispatcher) Fill(ctx context.Context, absenceID int64) (*models.SubAssignment, error) {
	abs, err := d.Staff.Absence(ctx, absenceID)
	if err != nil {
		return nil, err
	}
	if abs.Status != "open" {
		return nil, errs.Conflict("absence %d is %s", absenceID, abs.Status)
	}
	teacher, err := d.Staff.Get(ctx, abs.StaffID)
	if err != nil {
		return nil, err
	}
	sections, err := d.Sections.SectionsForTeacher(ctx, abs.StaffID, d.Term(ctx))
	if err != nil {
		return nil, err
	}
	var subjects []string
	for _, s := range sections {
		if c, err := d.Sections.Course(ctx, s.CourseID); err == nil && !slices.Contains(subjects, c.Subject) {
			subjects = append(subjects, c.Subject)
		}
	}
	pool, err := d.Staff.AvailableSubs(ctx, abs.Date)
	if err != nil {
		return nil, err
	}
	ranked := rank(pool, subjects, teacher.SchoolID)
	if len(ranked) == 0 {
		if err := d.Staff.SetAbsenceStatus(ctx, d.DB, absenceID, "unfilled"); err != nil {
			return nil, err
		}
		return nil, errs.Conflict("no substitutes available on %s", abs.Date.Format("Jan 2"))
	}
	best := ranked[0]
	a := &models.SubAssignment{AbsenceID: absenceID, SubstituteID: best.StaffID, Date: abs.Date, Status: "offered"}
	if len(sections) == 1 {
		a.SectionID = sections[0].ID
	}
	if err := d.Staff.InsertAssignment(ctx, d.DB, a); err != nil {
		return nil, err
	}
	body := "Sub job " + abs.Date.Format("Mon Jan 2") + " for " + teacher.FirstName + " " + teacher.LastName +
		". Reply in the portal to accept."
	if err := d.Messaging.SendDirect(ctx, "sms", best.Phone, "", body, "staffing"); err != nil {
		d.Log.Warn("sub offer sms failed", "sub", best.StaffID, "err", err)
	}
	return a, nil
}

// Accept books the sub and points the absent teacher's sections at them for
// the day so the sub can take attendance.
func (d *Dispatcher) Accept(ctx context.Context, assignmentID, subID int64) error {
	a, err := d.Staff.Assignment(ctx, assignmentID)
	if err != nil {
		return err
	}
	if a.SubstituteID != subID {
		return errs.Forbidden("this offer is not yours")
	}
	if a.Status != "offered" {
		return errs.Conflict("offer is %s", a.Status)
	}
	abs, err := d.Staff.Absence(ctx, a.AbsenceID)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, d.DB, func(tx *sql.Tx) error {
		if err := d.Staff.SetAssignmentStatus(ctx, tx, a.AbsenceID, subID, "accepted"); err != nil {
			return err
		}
		if err := d.Staff.SetAbsenceStatus(ctx, tx, a.AbsenceID, "filled"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE sections SET substitute_staff_id = $2, substitute_date = $3
			WHERE teacher_id = $1 AND term = $4`, abs.StaffID, subID, abs.Date, d.Term(ctx))
		return err
	})
}

func (d *Dispatcher) OnAbsenceReported(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(events.StaffAbsence)
	if !ok || !p.NeedsSub {
		return nil
	}
	_, err := d.Fill(ctx, p.AbsenceID)
	if errs.KindOf(err) == errs.KindConflict {
		d.Log.Info("absence left unfilled", "absence", p.AbsenceID, "reason", err)
		return nil
	}
	return err
}
