package models

import "time"

type BusRoute struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	BusNumber string    `json:"bus_number"`
	DriverID  int64     `json:"driver_id"`
	Capacity  int       `json:"capacity"`
	Session   string    `json:"session"` // am, pm
	Stops     []BusStop `json:"stops,omitempty"`
}

type BusStop struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Lat      float64 `json:"lat"`
	Lng      float64 `json:"lng"`
	Sequence int     `json:"sequence"`
	Time     string  `json:"time"` // HH:MM
}

type RiderAssignment struct {
	StudentID int64  `json:"student_id"`
	RouteID   int64  `json:"route_id"`
	StopID    int64  `json:"stop_id"`
	Session   string `json:"session"`
}

type MealAccount struct {
	ID           int64     `json:"id"`
	StudentID    int64     `json:"student_id"`
	BalanceCents int64     `json:"balance_cents"`
	Eligibility  string    `json:"eligibility"` // free, reduced, paid
	PIN          string    `json:"-"`
	Active       bool      `json:"active"`
	UpdatedAt    time.Time `json:"updated_at"`
}

type MealTransaction struct {
	ID          int64     `json:"id"`
	AccountID   int64     `json:"account_id"`
	AmountCents int64     `json:"amount_cents"`
	Kind        string    `json:"kind"` // deposit, purchase, adjustment
	Item        string    `json:"item,omitempty"`
	TerminalID  string    `json:"terminal_id,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

type Staff struct {
	ID             int64    `json:"id"`
	FirstName      string   `json:"first_name"`
	LastName       string   `json:"last_name"`
	Email          string   `json:"email"`
	Phone          string   `json:"phone"`
	Role           string   `json:"role"` // teacher, admin, driver, nutrition, substitute
	SchoolID       int64    `json:"school_id"`
	Certifications []string `json:"certifications"`
	Active         bool     `json:"active"`
}

type StaffAbsence struct {
	ID       int64     `json:"id"`
	StaffID  int64     `json:"staff_id"`
	Date     time.Time `json:"date"`
	Reason   string    `json:"reason"`
	HalfDay  bool      `json:"half_day"`
	NeedsSub bool      `json:"needs_sub"`
	Status   string    `json:"status"` // open, filled, unfilled
}

type SubAssignment struct {
	ID           int64     `json:"id"`
	AbsenceID    int64     `json:"absence_id"`
	SubstituteID int64     `json:"substitute_id"`
	SectionID    int64     `json:"section_id"`
	Date         time.Time `json:"date"`
	Status       string    `json:"status"` // offered, accepted, declined
}

type Message struct {
	ID          int64     `json:"id"`
	Channel     string    `json:"channel"` // sms, email
	Recipient   string    `json:"recipient"`
	Subject     string    `json:"subject"`
	Body        string    `json:"body"`
	Category    string    `json:"category"`
	StudentID   int64     `json:"student_id,omitempty"`
	Status      string    `json:"status"`
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"next_attempt"`
}
