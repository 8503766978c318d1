package models

import "time"

type Staff struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	BadgeNo    string `json:"badge_no"`
	Role       string `json:"role"` // picker, packer, receiver, lead
	Agency     string `json:"agency,omitempty"`
	HourlyRate int64  `json:"hourly_rate_cents"`
	Active     bool   `json:"active"`
}

type Shift struct {
	ID       string    `json:"id"`
	StaffID  string    `json:"staff_id"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Area     string    `json:"area"`
}

type TimeEntry struct {
	ID       string     `json:"id"`
	StaffID  string     `json:"staff_id"`
	ShiftID  string     `json:"shift_id,omitempty"`
	ClockIn  time.Time  `json:"clock_in"`
	ClockOut *time.Time `json:"clock_out,omitempty"`
	Activity string     `json:"activity"`
}
