// Package scheduling places students into sections and builds timetables.
package scheduling

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	schedrepo "github.com/k12district/sis/repositories/scheduling"
	"github.com/k12district/sis/timetable"
)

type Service struct {
	DB    *sql.DB
	Store *schedrepo.Store
	Log   *slog.Logger
}

// Section is the public lookup for other areas.
func (s *Service) Section(ctx context.Context, id int64) (*models.Section, error) {
	return s.Store.Section(ctx, id)
}

// TeacherOwnsSection is true for the teacher of record or today's assigned
// substitute.
func (s *Service) TeacherOwnsSection(ctx context.Context, staffID, sectionID int64) (bool, error) {
	sec, err := s.Store.Section(ctx, sectionID)
	if err != nil {
		return false, err
	}
	return sec.TeacherID == staffID || sec.SubstituteID == staffID, nil
}

func (s *Service) Roster(ctx context.Context, sectionID int64) ([]models.RosterEntry, error) {
	return s.Store.Roster(ctx, sectionID)
}

// Place adds a student to a section after checking capacity and that the
// new section does not collide with the student's current timetable.
func (s *Service) Place(ctx context.Context, studentID, sectionID int64, override bool) error {
	sec, err := s.Store.Section(ctx, sectionID)
	if err != nil {
		return err
	}
	current, err := s.Store.SectionsForStudent(ctx, studentID, sec.Term)
	if err != nil {
		return err
	}
	meetings := []timetable.Meeting{{SectionID: sec.ID, Label: sec.CourseCode, Pattern: sec.Meetings}}
	for _, c := range current {
		if c.ID == sec.ID {
			return errs.Conflict("student already in section %d", sec.ID)
		}
		if c.CourseID == sec.CourseID {
			return errs.Conflict("student already takes %s in section %d", c.CourseCode, c.ID)
		}
		meetings = append(meetings, timetable.Meeting{SectionID: c.ID, Label: c.CourseCode, Pattern: c.Meetings})
	}
	conflicts, err := timetable.Conflicts(meetings)
	if err != nil {
		return errs.Invalid("%v", err)
	}
	if len(conflicts) > 0 {
		c := conflicts[0]
		return errs.Conflict("time conflict at %s between sections %d and %d", c.Slot, c.A, c.B)
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		capacity, enrolled, err := s.Store.LockSection(ctx, tx, sectionID)
		if err != nil {
			return err
		}
		if enrolled >= capacity && !override {
			return errs.Conflict("section %d is full (%d/%d)", sectionID, enrolled, capacity)
		}
		return s.Store.AddToSection(ctx, tx, sectionID, studentID)
	})
}

func (s *Service) Drop(ctx context.Context, studentID, sectionID int64) error {
	return s.Store.DropFromSection(ctx, s.DB, sectionID, studentID)
}

type Timetable struct {
	StudentID int64            `json:"student_id"`
	Term      string           `json:"term"`
	Grid      timetable.Grid   `json:"grid"`
	Sections  []models.Section `json:"sections"`
}

func (s *Service) StudentTimetable(ctx context.Context, studentID int64, term string) (*Timetable, error) {
	secs, err := s.Store.SectionsForStudent(ctx, studentID, term)
	if err != nil {
		return nil, err
	}
	ms := make([]timetable.Meeting, 0, len(secs))
	for _, sec := range secs {
		ms = append(ms, timetable.Meeting{SectionID: sec.ID, Label: fmt.Sprintf("%s (%s)", sec.CourseCode, sec.RoomName), Pattern: sec.Meetings})
	}
	g, err := timetable.Build(ms)
	if err != nil {
		return nil, err
	}
	return &Timetable{StudentID: studentID, Term: term, Grid: g, Sections: secs}, nil
}

// CreateSection refuses to double-book a room or a teacher.
func (s *Service) CreateSection(ctx context.Context, sec *models.Section) error {
	if sec.Capacity <= 0 || sec.Capacity > 60 {
		return errs.Invalid("capacity must be 1..60")
	}
	if _, err := timetable.Parse(sec.Meetings); err != nil {
		return errs.Invalid("%v", err)
	}
	inRoom, err := s.Store.SectionsInRoom(ctx, sec.RoomID, sec.Term)
	if err != nil {
		return err
	}
	byTeacher, err := s.Store.SectionsForTeacher(ctx, sec.TeacherID, sec.Term)
	if err != nil {
		return err
	}
	for label, others := range map[string][]models.Section{"room": inRoom, "teacher": byTeacher} {
		ms := []timetable.Meeting{{SectionID: -1, Pattern: sec.Meetings}}
		for _, o := range others {
			ms = append(ms, timetable.Meeting{SectionID: o.ID, Pattern: o.Meetings})
		}
		if cs, err := timetable.Conflicts(ms); err != nil {
			return errs.Invalid("%v", err)
		} else if len(cs) > 0 {
			return errs.Conflict("%s is already booked at %s", label, cs[0].Slot)
		}
	}
	return s.Store.CreateSection(ctx, sec)
}

// OnStudentWithdrawn drops the student from every active section.
func (s *Service) OnStudentWithdrawn(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(events.StudentChange)
	if !ok {
		return nil
	}
	n, err := s.Store.DropAll(ctx, p.StudentID)
	if err == nil {
		s.Log.Info("dropped withdrawn student from sections", "student", p.StudentID, "sections", n)
	}
	return err
}
