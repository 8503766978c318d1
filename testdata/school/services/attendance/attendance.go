// Package attendance holds the rules for taking period attendance,
// excusing absences and same-day absence calls home.
package attendance

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	attrepo "github.com/k12district/sis/repositories/attendance"
	schedrepo "github.com/k12district/sis/repositories/scheduling"
	"github.com/k12district/sis/services/messaging"
	"github.com/k12district/sis/timetable"
)

type Service struct {
	DB        *sql.DB
	Store     *attrepo.Store
	Sections  *schedrepo.Store
	Messaging *messaging.Service
	Clock     clock.Clock
	Log       *slog.Logger
	// EditWindow is how long after the day a teacher may still change marks.
	EditWindow time.Duration
}

type Mark struct {
	StudentID int64  `json:"student_id"`
	Code      string `json:"code"`
	ArrivedAt string `json:"arrived_at,omitempty"` // HH:MM, for tardies
}

type TakeResult struct {
	Recorded int     `json:"recorded"`
	Absent   []int64 `json:"absent"`
	Missing  []int64 `json:"missing"`
}

// Take records a whole section's marks for a date. Students on the roster
// without a mark are reported back so the teacher can finish.
func (s *Service) Take(ctx context.Context, staffID, sectionID int64, date time.Time, period int, marks []Mark) (*TakeResult, error) {
	now := s.Clock.Now()
	date = clock.Date(date)
	if date.After(now) {
		return nil, errs.Invalid("cannot take attendance for a future date")
	}
	if !clock.IsWeekday(date) {
		return nil, errs.Invalid("%s is not a school day", date.Format("2006-01-02"))
	}
	if now.Sub(date) > s.EditWindow+24*time.Hour {
		return nil, errs.Forbidden("attendance for %s is locked; ask the attendance office", date.Format("2006-01-02"))
	}
	sec, err := s.Sections.Section(ctx, sectionID)
	if err != nil {
		return nil, err
	}
	if sec.TeacherID != staffID && sec.SubstituteID != staffID {
		return nil, errs.Forbidden("not the teacher of section %d", sectionID)
	}
	roster, err := s.Sections.Roster(ctx, sectionID)
	if err != nil {
		return nil, err
	}
	codes, err := s.Store.ValidCodes(ctx)
	if err != nil {
		return nil, err
	}
	bells, err := s.Sections.BellSchedule(ctx, sec.SchoolID)
	if err != nil {
		return nil, err
	}
	onRoster := map[int64]bool{}
	for _, e := range roster {
		onRoster[e.StudentID] = true
	}
	res := &TakeResult{}
	marked := map[int64]bool{}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for _, m := range marks {
			if !onRoster[m.StudentID] {
				return errs.Invalid("student %d is not on the roster", m.StudentID)
			}
			if !codes[m.Code] {
				return errs.Invalid("unknown attendance code %q", m.Code)
			}
			rec := models.AttendanceRecord{StudentID: m.StudentID, SectionID: sectionID, Date: date, Code: m.Code, TakenBy: staffID}
			if m.Code == "T" && m.ArrivedAt != "" {
				if t, err := time.Parse("15:04", m.ArrivedAt); err == nil {
					rec.Minutes = timetable.BellSchedule(bells).MinutesLate(period, t)
				}
				// More than 15 minutes late counts as absent for the period.
				if rec.Minutes > 15 {
					rec.Code = "A"
				}
			}
			if err := s.Store.Upsert(ctx, tx, rec); err != nil {
				return err
			}
			marked[m.StudentID] = true
			res.Recorded++
			if rec.Code == "A" {
				res.Absent = append(res.Absent, m.StudentID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, e := range roster {
		if !marked[e.StudentID] {
			res.Missing = append(res.Missing, e.StudentID)
		}
	}
	if clock.Date(now).Equal(date) {
		s.callHome(ctx, sec, date, res.Absent)
	}
	return res, nil
}

// callHome notifies guardians of same-day unexcused absences. Failures are
// logged; the marks are already saved.
func (s *Service) callHome(ctx context.Context, sec *models.Section, date time.Time, absent []int64) {
	for _, id := range absent {
		_, err := s.Messaging.NotifyGuardians(ctx, id, messaging.CatAttendance, "absence_same_day", map[string]any{
			"Date": date.Format("Monday, January 2"), "Course": sec.CourseTitle,
		})
		if err != nil {
			s.Log.Warn("absence notice failed", "student", id, "err", err)
		}
	}
}

func (s *Service) Excuse(ctx context.Context, studentID int64, from, to time.Time, reason string, by int64) (int64, error) {
	if to.Before(from) {
		return 0, errs.Invalid("range end before start")
	}
	if to.Sub(from) > 30*24*time.Hour {
		return 0, errs.Invalid("excuse ranges longer than 30 days need a medical plan")
	}
	if reason == "" {
		return 0, errs.Invalid("a reason is required")
	}
	return s.Store.Excuse(ctx, studentID, from, to, by)
}

func (s *Service) Summary(ctx context.Context, studentID int64, from, to time.Time) (models.AttendanceSummary, error) {
	return s.Store.Summary(ctx, studentID, from, to)
}
