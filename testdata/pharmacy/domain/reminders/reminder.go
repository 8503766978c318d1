// Package reminders models refill reminders sent to patients.
package reminders

import "time"

// Status of a reminder.
const (
	StatusScheduled = "scheduled"
	StatusSent      = "sent"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
)

// MaxAttempts before a reminder is given up.
const MaxAttempts = 3

// Reminder is one planned refill nudge.
type Reminder struct {
	ID             int64
	CustomerID     int64
	PrescriptionID int64
	Channel        string
	DueAt          time.Time
	Status         string
	Attempts       int
	LastError      string
}

// Candidate is a prescription that may need a reminder.
type Candidate struct {
	PrescriptionID int64
	CustomerID     int64
	FirstName      string
	Email          string
	Phone          string
	SMSOptIn       bool
	LastFilledAt   time.Time
	DaysSupply     int
	RefillsLeft    int
	TimeZone       string
}

// DueDate is when the patient should be reminded: lead days before they
// run out, but never before the refill is insurable (80% rule).
func DueDate(c Candidate, leadDays int) time.Time {
	runOut := c.LastFilledAt.AddDate(0, 0, c.DaysSupply)
	due := runOut.AddDate(0, 0, -leadDays)
	earliest := c.LastFilledAt.AddDate(0, 0, c.DaysSupply*8/10)
	if due.Before(earliest) {
		return earliest
	}
	return due
}

// Channel picks SMS for opted-in patients with a phone, e-mail otherwise.
func Channel(c Candidate) string {
	if c.SMSOptIn && c.Phone != "" {
		return "sms"
	}
	return "email"
}

// ShiftOutOfQuietHours moves a send time out of 21:00–09:00 local time
// (TCPA quiet hours for SMS).
func ShiftOutOfQuietHours(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	switch {
	case lt.Hour() >= 21:
		next := lt.AddDate(0, 0, 1)
		return time.Date(next.Year(), next.Month(), next.Day(), 9, 0, 0, 0, loc)
	case lt.Hour() < 9:
		return time.Date(lt.Year(), lt.Month(), lt.Day(), 9, 0, 0, 0, loc)
	}
	return t
}

// Backoff is the retry delay after n failed attempts.
func Backoff(n int) time.Duration {
	return time.Duration(1<<n) * 30 * time.Minute
}
