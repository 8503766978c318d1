// Package attendance holds the nightly truancy job: open a case and send
// the state-mandated letter once a student crosses the threshold.
package attendance

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	attrepo "github.com/k12district/sis/repositories/attendance"
)

type TruancyJob struct {
	DB        *sql.DB
	Store     *attrepo.Store
	Clock     clock.Clock
	Threshold int
	Log       *slog.Logger
}

func (j *TruancyJob) Name() string { return "attendance.truancy" }

func (j *TruancyJob) Run(ctx context.Context) error {
	now := j.Clock.Now()
	yearStart := time.Date(clock.SchoolYear(now)-1, time.August, 1, 0, 0, 0, 0, now.Location())
	students, err := j.Store.UnexcusedOver(ctx, yearStart, j.Threshold)
	if err != nil {
		return err
	}
	for _, a := range students {
		err := db.WithTx(ctx, j.DB, func(tx *sql.Tx) error {
			caseID, err := j.Store.OpenTruancyCase(ctx, tx, a.StudentID, a.Unexcused)
			if err != nil {
				return err
			}
			// The truancy letter must go out in the same transaction as the
			// case (state audit requirement), so it is written straight into
			// the message queue rather than through the messaging service.
			body := fmt.Sprintf("Your student has %d unexcused absences this school year. "+
				"State law requires a conference within 10 school days. Case #%d.", a.Unexcused, caseID)
			_, err = tx.ExecContext(ctx, `INSERT INTO messages
				(channel, recipient, subject, body, category, student_id, status, attempts, next_attempt_at, created_at)
				SELECT 'email', g.email, 'Notice of truancy', $2, 'attendance', $1, 'queued', 0, now(), now()
				FROM guardians g JOIN student_guardians sg ON sg.guardian_id = g.id
				WHERE sg.student_id = $1 AND sg.has_custody AND sg.active AND g.email <> ''`, a.StudentID, body)
			return err
		})
		if err != nil {
			j.Log.Error("truancy case failed", "student", a.StudentID, "err", err)
			continue
		}
	}
	j.Log.Info("truancy run", "opened", len(students))
	return nil
}
