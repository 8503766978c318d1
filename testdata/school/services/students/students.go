// Package students holds the registrar's business rules: registration,
// withdrawal, address changes and the guardian list.
package students

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"time"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/ids"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/repositories/guardians"
	"github.com/k12district/sis/repositories/students"
)

type Service struct {
	DB        *sql.DB
	Students  *students.Store
	Guardians *guardians.Store
	Bus       *events.Bus
	Clock     clock.Clock
	Log       *slog.Logger
	// SchoolCodes maps school_id to the 3-digit state school code used
	// in student numbers.
	SchoolCodes map[int64]int
}

type RegisterInput struct {
	Student   models.Student    `json:"student"`
	Address   *models.Address   `json:"address"`
	Guardians []models.Guardian `json:"guardians"`
}

const (
	minGrade = -1 // PreK
	maxGrade = 12
)

func (s *Service) validate(in *RegisterInput) error {
	st := &in.Student
	st.FirstName, st.LastName = strings.TrimSpace(st.FirstName), strings.TrimSpace(st.LastName)
	if st.FirstName == "" || st.LastName == "" {
		return errs.Invalid("first and last name are required")
	}
	if st.GradeLevel < minGrade || st.GradeLevel > maxGrade {
		return errs.Invalid("grade level %d out of range", st.GradeLevel)
	}
	if st.DateOfBirth.IsZero() {
		return errs.Invalid("date of birth is required")
	}
	age := clock.AgeOn(st.DateOfBirth, s.Clock.Now())
	// Expected age is grade+5 give or take two years; outside that the
	// registrar must place the student manually.
	if exp := st.GradeLevel + 5; age < exp-2 || age > exp+3 {
		return errs.Invalid("age %d is not plausible for grade %d", age, st.GradeLevel)
	}
	if len(in.Guardians) == 0 {
		return errs.Invalid("at least one guardian is required")
	}
	custody := false
	for _, g := range in.Guardians {
		if g.Email == "" && g.Phone == "" {
			return errs.Invalid("guardian %s %s needs an email or phone", g.FirstName, g.LastName)
		}
		custody = custody || g.HasCustody
	}
	if !custody {
		return errs.Invalid("at least one guardian must have custody")
	}
	return nil
}

// Register creates the student, their current address, guardian links and
// an open enrollment for the current school year.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*models.Student, error) {
	if err := s.validate(&in); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	st := in.Student
	st.Status = models.StudentActive
	if st.HomeLanguage == "" {
		st.HomeLanguage = "en"
	}
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		seq, err := s.Students.NextSequence(ctx, tx)
		if err != nil {
			return err
		}
		st.StudentNumber = ids.StudentNumber(now.Year(), s.SchoolCodes[st.SchoolID], seq)
		if err := s.Students.Insert(ctx, tx, &st); err != nil {
			return err
		}
		if in.Address != nil {
			in.Address.StudentID = st.ID
			if err := s.Students.ReplaceAddress(ctx, tx, *in.Address); err != nil {
				return err
			}
		}
		for _, g := range in.Guardians {
			existing, err := s.Guardians.FindByEmail(ctx, g.Email)
			switch {
			case err == nil:
				g.ID = existing.ID
			case errs.IsNotFound(err):
				if err := s.Guardians.Insert(ctx, tx, &g); err != nil {
					return err
				}
			default:
				return err
			}
			if err := s.Guardians.Link(ctx, tx, st.ID, g.ID, g.Relationship, g.HasCustody); err != nil {
				return err
			}
		}
		return s.Students.OpenEnrollment(ctx, tx, &models.Enrollment{
			StudentID: st.ID, SchoolID: st.SchoolID, SchoolYear: clock.SchoolYear(now), EntryDate: clock.Date(now),
		})
	})
	if err != nil {
		return nil, errs.Wrap(err, "register student")
	}
	s.Bus.Publish(ctx, events.StudentEnrolled, events.StudentChange{
		StudentID: st.ID, SchoolID: st.SchoolID, GradeLevel: st.GradeLevel, Date: clock.Date(now),
	})
	if in.Address != nil {
		s.Bus.Publish(ctx, events.StudentAddressChanged, events.AddressChange{
			StudentID: st.ID, SchoolID: st.SchoolID, GradeLevel: st.GradeLevel, Lat: in.Address.Lat, Lng: in.Address.Lng,
		})
	}
	return &st, nil
}

var withdrawalCodes = map[string]bool{
	"transfer_in_district": true, "transfer_out_of_district": true, "moved_out_of_state": true,
	"homeschool": true, "private_school": true, "dropout": true, "deceased": true,
}

func (s *Service) Withdraw(ctx context.Context, id int64, reason string, date time.Time) error {
	if !withdrawalCodes[reason] {
		return errs.Invalid("unknown withdrawal reason %q", reason)
	}
	st, err := s.Students.Get(ctx, id)
	if err != nil {
		return err
	}
	if st.Status != models.StudentActive {
		return errs.Conflict("student %d is %s, not active", id, st.Status)
	}
	if date.After(s.Clock.Now().AddDate(0, 0, 30)) {
		return errs.Invalid("withdrawal date more than 30 days out")
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		n, err := s.Students.CloseEnrollment(ctx, tx, id, date, reason)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.Conflict("student %d has no open enrollment", id)
		}
		return s.Students.SetStatus(ctx, tx, id, models.StudentWithdrawn)
	})
	if err != nil {
		return err
	}
	s.Bus.Publish(ctx, events.StudentWithdrawn, events.StudentChange{
		StudentID: id, SchoolID: st.SchoolID, GradeLevel: st.GradeLevel, Date: date, Reason: reason,
	})
	return nil
}

func (s *Service) ChangeAddress(ctx context.Context, a models.Address) error {
	st, err := s.Students.Get(ctx, a.StudentID)
	if err != nil {
		return err
	}
	if a.Lat == 0 || a.Lng == 0 {
		return errs.Invalid("address must be geocoded")
	}
	if err := s.Students.ReplaceAddress(ctx, s.DB, a); err != nil {
		return err
	}
	s.Bus.Publish(ctx, events.StudentAddressChanged, events.AddressChange{
		StudentID: st.ID, SchoolID: st.SchoolID, GradeLevel: st.GradeLevel, Lat: a.Lat, Lng: a.Lng,
	})
	return nil
}

// Profile returns the registrar's view; other areas decorate it.
func (s *Service) Profile(ctx context.Context, id int64) (*models.StudentProfile, error) {
	st, err := s.Students.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	gs, err := s.Guardians.ForStudent(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &models.StudentProfile{Student: *st, Guardians: gs}
	if a, err := s.Students.Address(ctx, id); err == nil {
		p.Address = a
	}
	return p, nil
}

// GuardiansFor is the public lookup other areas are supposed to use.
func (s *Service) GuardiansFor(ctx context.Context, studentID int64) ([]models.Guardian, error) {
	return s.Guardians.ForStudent(ctx, studentID)
}

func (s *Service) Get(ctx context.Context, id int64) (*models.Student, error) {
	return s.Students.Get(ctx, id)
}
