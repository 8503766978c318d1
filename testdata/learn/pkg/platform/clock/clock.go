// Package clock abstracts time so services and jobs can be driven by tests
// and by the admin tool's "--as-of" flag.
package clock

import "time"

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now().UTC() }

// Real is the wall clock, in UTC.
var Real Clock = realClock{}

// Fixed always returns the same instant.
type Fixed time.Time

func (f Fixed) Now() time.Time { return time.Time(f) }

// StartOfDay truncates t to midnight UTC.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
