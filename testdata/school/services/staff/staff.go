// Package staff holds HR rules for staff records and absence reporting.
package staff

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	staffrepo "github.com/k12district/sis/repositories/staff"
)

var roles = []string{"teacher", "school_admin", "counselor", "registrar", "attendance_clerk",
	"driver", "transport_coordinator", "nutrition", "cashier", "hr", "substitute"}

// Annual allowances in days, per the negotiated agreement.
var allowance = map[string]float64{"sick": 10, "personal": 3, "bereavement": 5, "professional": 5}

type Service struct {
	Store *staffrepo.Store
	Bus   *events.Bus
	Clock clock.Clock
	Log   *slog.Logger
}

func (s *Service) Hire(ctx context.Context, st *models.Staff) error {
	if !slices.Contains(roles, st.Role) {
		return errs.Invalid("unknown role %q", st.Role)
	}
	if !strings.HasSuffix(strings.ToLower(st.Email), "@k12district.org") {
		return errs.Invalid("staff email must be a district address")
	}
	if st.Role == "teacher" && st.SchoolID == 0 {
		return errs.Invalid("teachers must be assigned to a school")
	}
	return s.Store.Insert(ctx, st)
}

func (s *Service) Get(ctx context.Context, id int64) (*models.Staff, error) {
	return s.Store.Get(ctx, id)
}

// ReportAbsence records an absence. Teachers always need a substitute;
// other roles only when the reporter asks. Absences over the annual
// allowance are accepted but flagged for HR.
func (s *Service) ReportAbsence(ctx context.Context, a *models.StaffAbsence) (flagged bool, err error) {
	if _, ok := allowance[a.Reason]; !ok && a.Reason != "jury_duty" {
		return false, errs.Invalid("unknown absence reason %q", a.Reason)
	}
	now := s.Clock.Now()
	a.Date = clock.Date(a.Date)
	if a.Date.Before(clock.Date(now).AddDate(0, 0, -14)) {
		return false, errs.Invalid("absences older than two weeks go through HR")
	}
	if !clock.IsWeekday(a.Date) {
		return false, errs.Invalid("%s is not a work day", a.Date.Format("Mon Jan 2"))
	}
	st, err := s.Store.Get(ctx, a.StaffID)
	if err != nil {
		return false, err
	}
	if !st.Active {
		return false, errs.Conflict("staff %d is not active", a.StaffID)
	}
	if st.Role == "teacher" {
		a.NeedsSub = true
	}
	if limit, ok := allowance[a.Reason]; ok {
		yearStart := time.Date(clock.SchoolYear(a.Date)-1, time.July, 1, 0, 0, 0, 0, a.Date.Location())
		used, err := s.Store.AbsenceDaysThisYear(ctx, a.StaffID, yearStart, a.Reason)
		if err != nil {
			return false, err
		}
		day := 1.0
		if a.HalfDay {
			day = 0.5
		}
		flagged = used+day > limit
	}
	a.Status = "open"
	if !a.NeedsSub {
		a.Status = "no_sub_needed"
	}
	if err := s.Store.InsertAbsence(ctx, a); err != nil {
		return false, err
	}
	s.Bus.Publish(ctx, events.StaffAbsenceReported, events.StaffAbsence{
		AbsenceID: a.ID, StaffID: a.StaffID, Date: a.Date, NeedsSub: a.NeedsSub,
	})
	return flagged, nil
}

func (s *Service) Separate(ctx context.Context, id int64) error {
	st, err := s.Store.Get(ctx, id)
	if err != nil {
		return err
	}
	if !st.Active {
		return errs.Conflict("staff %d already separated", id)
	}
	return s.Store.Deactivate(ctx, id)
}
