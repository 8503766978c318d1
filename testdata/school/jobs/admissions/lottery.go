// Package admissions holds the scheduled lottery job and offer expiry.
package admissions

import (
	"context"
	"log/slog"

	admrepo "github.com/k12district/sis/repositories/admissions"
	"github.com/k12district/sis/services/admissions"
)

type LotteryJob struct {
	Store   *admrepo.Store
	Service *admissions.Service
	Log     *slog.Logger
}

func (j *LotteryJob) Name() string { return "admissions.lottery" }

func (j *LotteryJob) Run(ctx context.Context) error {
	runs, err := j.Store.DueLotteryRuns(ctx)
	if err != nil {
		return err
	}
	for _, run := range runs {
		res, err := j.Service.RunLottery(ctx, run.SchoolID, run.GradeLevel, run.SchoolYear, run.Seats, run.Seed)
		if err != nil {
			j.Log.Error("lottery failed", "run", run.ID, "err", err)
			continue
		}
		if err := j.Store.FinishLotteryRun(ctx, run.ID, len(res.Offered), len(res.Waitlisted)); err != nil {
			return err
		}
		j.Log.Info("lottery complete", "run", run.ID, "offered", len(res.Offered), "waitlisted", len(res.Waitlisted))
	}
	return nil
}

// ExpireOffersJob releases offers not accepted within 14 days and moves
// the next waitlisted applicant up.
type ExpireOffersJob struct {
	Store *admrepo.Store
	Log   *slog.Logger
}

func (j *ExpireOffersJob) Name() string { return "admissions.expire_offers" }

func (j *ExpireOffersJob) Run(ctx context.Context) error {
	res, err := j.Store.DB.ExecContext(ctx, `
		WITH expired AS (
			UPDATE admission_applications SET status = 'expired'
			WHERE status = 'offered' AND decided_at < now() - interval '14 days'
			RETURNING school_id, grade_level, school_year),
		slots AS (SELECT school_id, grade_level, school_year, count(*) AS n FROM expired GROUP BY 1, 2, 3),
		promote AS (
			SELECT a.id FROM admission_applications a JOIN slots s USING (school_id, grade_level, school_year)
			WHERE a.status = 'waitlisted'
			  AND a.lottery_rank <= (SELECT min(lottery_rank) FROM admission_applications w
			                         WHERE w.status = 'waitlisted' AND w.school_id = s.school_id
			                           AND w.grade_level = s.grade_level AND w.school_year = s.school_year) + s.n - 1)
		UPDATE admission_applications SET status = 'offered', decided_at = now()
		WHERE id IN (SELECT id FROM promote)`)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	if n > 0 {
		j.Log.Info("waitlist promoted", "count", n)
	}
	return nil
}
