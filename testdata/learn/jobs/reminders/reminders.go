// Package reminders nudges learners who have not opened a course in a week.
// Owned by the enrollment team; runs hourly.
package reminders

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/enrollment/domain"
	"quill.dev/academy/pkg/enrollment/store"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
)

func init() {
	mailer.RegisterTemplate("enrollment/reminder", `Hi {{.Name}},

You're {{.Percent}}% through "{{.Course}}". Pick up where you left off:
{{.URL}}

Happy learning,
The Quill Academy team
`)
}

// Users resolves learners (identity).
type Users interface {
	UsersByID(ctx context.Context, ids []types.UserID) (map[types.UserID]types.User, error)
}

// Courses resolves course titles (catalog).
type Courses interface {
	Summary(ctx context.Context, id types.CourseID) (types.CourseSummary, error)
}

// Job implements runner.Job.
type Job struct {
	Q       *store.Queries
	Users   Users
	Courses Courses
	Mail    mailer.Mailer
	BaseURL string
	Batch   int
}

func (Job) Name() string { return "enrollment.reminders" }

func (j Job) Run(ctx context.Context, now time.Time) error {
	batch := j.Batch
	if batch == 0 {
		batch = 200
	}
	rows, err := j.Q.ListReminderCandidates(ctx, store.ListReminderCandidatesParams{
		LastActivityAt: sql.NullTime{Time: now.Add(-domain.ReminderAfter), Valid: true},
		LastRemindedAt: sql.NullTime{Time: now.Add(-domain.ReminderEvery), Valid: true},
		Limit:          int32(batch),
	})
	if err != nil {
		return err
	}
	uids := make([]types.UserID, 0, len(rows))
	for _, r := range rows {
		uids = append(uids, types.UserID(r.UserID))
	}
	users, err := j.Users.UsersByID(ctx, uids)
	if err != nil {
		return err
	}
	sent := 0
	for _, r := range rows {
		u, ok := users[types.UserID(r.UserID)]
		if !ok {
			continue
		}
		c, err := j.Courses.Summary(ctx, types.CourseID(r.CourseID))
		if err != nil {
			log.From(ctx).Warn("reminder: course lookup", "course", r.CourseID, "err", err)
			continue
		}
		err = j.Mail.Send(ctx, mailer.Message{To: u.Email, Subject: "Keep going with " + c.Title, Template: "enrollment/reminder",
			Data: map[string]any{"Name": u.DisplayName(), "Course": c.Title, "Percent": int(r.Progress * 100), "URL": j.BaseURL + "/learn/" + c.Slug}})
		if err != nil {
			log.From(ctx).Warn("reminder: send", "user", u.ID, "err", err)
			continue
		}
		if err := j.Q.MarkReminded(ctx, store.MarkRemindedParams{ID: r.ID, LastRemindedAt: sql.NullTime{Time: now, Valid: true}}); err != nil {
			return err
		}
		sent++
	}
	log.From(ctx).Info("reminders sent", "n", sent, "candidates", len(rows))
	return nil
}
