// Package admissions runs applications for schools of choice and
// kindergarten: eligibility, the weighted lottery and acceptance.
package admissions

import (
	"context"
	"database/sql"
	"log/slog"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	admrepo "github.com/k12district/sis/repositories/admissions"
	"github.com/k12district/sis/services/messaging"
	"github.com/k12district/sis/services/students"
)

const (
	StatusSubmitted  = "submitted"
	StatusOffered    = "offered"
	StatusWaitlisted = "waitlisted"
	StatusAccepted   = "accepted"
	StatusDeclined   = "declined"
	StatusIneligible = "ineligible"
)

type Service struct {
	DB        *sql.DB
	Apps      *admrepo.Store
	Students  *students.Service
	Meals     *cafeteria.Service
	Messaging *messaging.Service
	Clock     clock.Clock
	Log       *slog.Logger
}

// KindergartenCutoff: a child must be 5 on or before September 1 of the
// school year's fall.
func KindergartenCutoff(schoolYear int) time.Time {
	return time.Date(schoolYear-1, time.September, 1, 0, 0, 0, 0, time.UTC)
}

func (s *Service) Submit(ctx context.Context, a *models.Application) error {
	a.FirstName, a.LastName = strings.TrimSpace(a.FirstName), strings.TrimSpace(a.LastName)
	if a.FirstName == "" || a.LastName == "" || a.GuardianEmail == "" {
		return errs.Invalid("child name and guardian email are required")
	}
	if a.SchoolYear < clock.SchoolYear(s.Clock.Now()) {
		return errs.Invalid("applications for %d are closed", a.SchoolYear)
	}
	switch a.GradeLevel {
	case 0:
		if clock.AgeOn(a.DateOfBirth, KindergartenCutoff(a.SchoolYear)) < 5 {
			return errs.Invalid("child must be 5 by September 1 for kindergarten")
		}
	case -1:
		if clock.AgeOn(a.DateOfBirth, KindergartenCutoff(a.SchoolYear)) != 4 {
			return errs.Invalid("PreK applicants must be 4 by September 1")
		}
	}
	dup, err := s.Apps.Duplicate(ctx, a)
	if err != nil {
		return err
	}
	if dup {
		return errs.Conflict("an application for this child already exists for %d", a.SchoolYear)
	}
	if a.SiblingID != 0 {
		sib, err := s.Students.Get(ctx, a.SiblingID)
		if err != nil || sib.SchoolID != a.SchoolID || sib.Status != models.StudentActive {
			a.SiblingID = 0 // priority claimed but not verifiable; keep the application
		}
	}
	if err := s.Apps.Insert(ctx, a); err != nil {
		return err
	}
	return s.Messaging.SendDirect(ctx, "email", a.GuardianEmail, "Application received",
		"We received the application for "+a.FirstName+". Lottery results are sent in March.", messaging.CatAdmissions)
}

// priority: sibling in-zone > sibling > in-zone > everyone else.
func priority(a models.Application) int {
	p := 0
	if a.SiblingID != 0 {
		p += 2
	}
	if a.InZone {
		p++
	}
	return p
}

type LotteryResult struct {
	Offered    []int64
	Waitlisted []int64
}

// RunLottery ranks pending applications by priority tier, then by a seeded
// shuffle within each tier, so a run can be reproduced for audits.
func (s *Service) RunLottery(ctx context.Context, schoolID int64, grade, year, seats int, seed int64) (*LotteryResult, error) {
	apps, err := s.Apps.Pending(ctx, schoolID, grade, year)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(schoolID)<<8|uint64(grade+1)))
	rng.Shuffle(len(apps), func(i, j int) { apps[i], apps[j] = apps[j], apps[i] })
	sort.SliceStable(apps, func(i, j int) bool { return priority(apps[i]) > priority(apps[j]) })

	res := &LotteryResult{}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for i, a := range apps {
			status := StatusWaitlisted
			if i < seats {
				status = StatusOffered
				res.Offered = append(res.Offered, a.ID)
			} else {
				res.Waitlisted = append(res.Waitlisted, a.ID)
			}
			if err := s.Apps.SetResult(ctx, tx, a.ID, status, i+1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, a := range apps {
		msg := "Your child has been offered a seat. Please accept within 14 days."
		if i >= seats {
			msg = "Your child is on the waitlist at position " + itoa(i-seats+1) + "."
		}
		if err := s.Messaging.SendDirect(ctx, "email", a.GuardianEmail, "Lottery result", msg, messaging.CatAdmissions); err != nil {
			s.Log.Warn("lottery notice failed", "application", a.ID, "err", err)
		}
	}
	return res, nil
}

// Accept converts an offered application into an enrolled student and
// opens their meal account.
func (s *Service) Accept(ctx context.Context, appID int64, in students.RegisterInput) (*models.Student, error) {
	a, err := s.Apps.Get(ctx, appID)
	if err != nil {
		return nil, err
	}
	if a.Status != StatusOffered {
		return nil, errs.Conflict("application %d is %s, not offered", appID, a.Status)
	}
	in.Student.FirstName, in.Student.LastName = a.FirstName, a.LastName
	in.Student.DateOfBirth, in.Student.GradeLevel, in.Student.SchoolID = a.DateOfBirth, a.GradeLevel, a.SchoolID
	if len(in.Guardians) == 0 {
		first, last, _ := strings.Cut(a.GuardianName, " ")
		in.Guardians = []models.Guardian{{FirstName: first, LastName: last, Email: a.GuardianEmail,
			Phone: a.GuardianPhone, Relationship: "parent", HasCustody: true}}
	}
	st, err := s.Students.Register(ctx, in)
	if err != nil {
		return nil, err
	}
	if err := s.Apps.SetResult(ctx, s.DB, appID, StatusAccepted, a.LotteryRank); err != nil {
		return nil, err
	}
	if _, err := s.Meals.OpenAccount(ctx, st.ID); err != nil {
		s.Log.Error("could not open meal account", "student", st.ID, "err", err)
	}
	return st, nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
