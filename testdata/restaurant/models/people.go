package models

import (
	"time"

	"tablecraft.io/ops/internal/platform/money"
)

// Role of an employee, also used for tip pool points.
type Role string

const (
	RoleServer    Role = "server"
	RoleBartender Role = "bartender"
	RoleBusser    Role = "busser"
	RoleHost      Role = "host"
	RoleCook      Role = "cook"
	RoleManager   Role = "manager"
)

// Employee works at one home location.
type Employee struct {
	ID         int64       `json:"id"`
	LocationID int64       `json:"location_id"`
	FirstName  string      `json:"first_name"`
	LastName   string      `json:"last_name"`
	Role       Role        `json:"role"`
	HourlyRate money.Cents `json:"hourly_rate"`
	Phone      string      `json:"phone"`
	Email      string      `json:"email"`
	PINHash    string      `json:"-"`
	Active     bool        `json:"active"`
}

// Shift is a scheduled block of work.
type Shift struct {
	ID         int64     `json:"id"`
	LocationID int64     `json:"location_id"`
	EmployeeID int64     `json:"employee_id"`
	Role       Role      `json:"role"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	Published  bool      `json:"published"`
}

// Punch is a timeclock entry.
type Punch struct {
	ID          int64       `json:"id"`
	EmployeeID  int64       `json:"employee_id"`
	LocationID  int64       `json:"location_id"`
	ShiftID     int64       `json:"shift_id,omitempty"`
	Role        Role        `json:"role"`
	InAt        time.Time   `json:"in_at"`
	OutAt       *time.Time  `json:"out_at,omitempty"`
	BreakMins   int         `json:"break_mins"`
	DeclaredTip money.Cents `json:"declared_tips"`
}

// Table is a physical dining table.
type Table struct {
	ID         int64  `json:"id"`
	LocationID int64  `json:"location_id"`
	Name       string `json:"name"`
	Seats      int    `json:"seats"`
	Section    string `json:"section"`
	Status     string `json:"status"` // free, seated, dirty
}

// Reservation is a booking for a party.
type Reservation struct {
	ID         int64     `json:"id"`
	LocationID int64     `json:"location_id"`
	GuestName  string    `json:"guest_name"`
	Phone      string    `json:"phone"`
	PartySize  int       `json:"party_size"`
	StartsAt   time.Time `json:"starts_at"`
	Minutes    int       `json:"minutes"`
	TableID    int64     `json:"table_id,omitempty"`
	Status     string    `json:"status"` // booked, reminded, seated, cancelled, no_show
	Notes      string    `json:"notes,omitempty"`
}

// WaitlistEntry is a walk-in party waiting for a table.
type WaitlistEntry struct {
	ID         int64     `json:"id"`
	LocationID int64     `json:"location_id"`
	GuestName  string    `json:"guest_name"`
	Phone      string    `json:"phone"`
	PartySize  int       `json:"party_size"`
	QuotedMins int       `json:"quoted_mins"`
	Status     string    `json:"status"` // waiting, notified, seated, left
	AddedAt    time.Time `json:"added_at"`
}

// LoyaltyAccount is a guest's rewards account, keyed by phone.
type LoyaltyAccount struct {
	ID        int64     `json:"id"`
	Phone     string    `json:"phone"`
	Name      string    `json:"name"`
	Points    int       `json:"points"`
	Tier      string    `json:"tier"`
	CreatedAt time.Time `json:"created_at"`
}

// GiftCard is a stored-value card.
type GiftCard struct {
	ID       int64       `json:"id"`
	Number   string      `json:"number"`
	Balance  money.Cents `json:"balance"`
	IssuedAt time.Time   `json:"issued_at"`
	Active   bool        `json:"active"`
}
