// Package renewal runs the membership lifecycle jobs: reminders ahead of
// expiry and flipping lapsed memberships to expired.
package renewal

import (
	"context"
	"time"

	"citylib.org/ils/db"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
)

// ReminderDays are the days-before-expiry on which a reminder is sent.
var ReminderDays = []int{30, 7}

type Job struct {
	db    db.Querier
	bus   *eventbus.Bus
	clock clock.Clock
}

func New(q db.Querier, bus *eventbus.Bus, c clock.Clock) *Job {
	return &Job{db: q, bus: bus, clock: c}
}

func (j *Job) Run(ctx context.Context) error {
	today := clock.Day(j.clock.Now())
	for _, d := range ReminderDays {
		if err := j.remind(ctx, today.AddDate(0, 0, d)); err != nil {
			return err
		}
	}
	_, err := j.db.ExecContext(ctx,
		`UPDATE members SET status = 'expired', updated_at = now()
		 WHERE status = 'active' AND expires_at < $1 AND category <> 'staff'`, today)
	return err
}

func (j *Job) remind(ctx context.Context, day time.Time) error {
	rows, err := j.db.QueryContext(ctx,
		`SELECT m.id, m.expires_at FROM members m
		 WHERE m.status = 'active' AND m.expires_at >= $1 AND m.expires_at < $2
		   AND NOT EXISTS (SELECT 1 FROM membership_reminders r WHERE r.member_id = m.id AND r.for_expiry = m.expires_at
		                   AND r.days_before = $3)`,
		day, day.AddDate(0, 0, 1), clock.DaysBetween(clock.Day(j.clock.Now()), day))
	if err != nil {
		return err
	}
	var evs []models.MemberEvent
	for rows.Next() {
		var e models.MemberEvent
		if err := rows.Scan(&e.MemberID, &e.ExpiresAt); err != nil {
			rows.Close()
			return err
		}
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range evs {
		if _, err := j.db.ExecContext(ctx,
			`INSERT INTO membership_reminders (member_id, for_expiry, days_before, sent_at) VALUES ($1, $2, $3, now())`,
			e.MemberID, e.ExpiresAt, clock.DaysBetween(clock.Day(j.clock.Now()), day)); err != nil {
			return err
		}
		j.bus.Publish(ctx, models.TopicMembershipExpiring, e)
	}
	return nil
}
