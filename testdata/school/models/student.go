// Package models holds the structs that used to be ActiveRecord models.
// Everything imports it; nobody owns it.
package models

import "time"

const (
	StudentActive    = "active"
	StudentWithdrawn = "withdrawn"
	StudentGraduated = "graduated"
	StudentPending   = "pending"
)

type Student struct {
	ID            int64     `json:"id"`
	StudentNumber string    `json:"student_number"`
	FirstName     string    `json:"first_name"`
	LastName      string    `json:"last_name"`
	DateOfBirth   time.Time `json:"date_of_birth"`
	GradeLevel    int       `json:"grade_level"` // 0 = K, -1 = PreK
	SchoolID      int64     `json:"school_id"`
	Status        string    `json:"status"`
	HomeLanguage  string    `json:"home_language"`
	IEP           bool      `json:"iep"`
	CreatedAt     time.Time `json:"created_at"`
}

func (s Student) FullName() string { return s.FirstName + " " + s.LastName }

type Address struct {
	StudentID int64   `json:"student_id"`
	Line1     string  `json:"line1"`
	City      string  `json:"city"`
	Zip       string  `json:"zip"`
	Lat       float64 `json:"lat"`
	Lng       float64 `json:"lng"`
}

type Guardian struct {
	ID                   int64  `json:"id"`
	FirstName            string `json:"first_name"`
	LastName             string `json:"last_name"`
	Email                string `json:"email"`
	Phone                string `json:"phone"`
	Language             string `json:"language"`
	Relationship         string `json:"relationship,omitempty"`
	HasCustody           bool   `json:"has_custody"`
	HouseholdSize        int    `json:"household_size,omitempty"`
	HouseholdIncomeCents int64  `json:"-"`
}

type Enrollment struct {
	ID         int64      `json:"id"`
	StudentID  int64      `json:"student_id"`
	SchoolID   int64      `json:"school_id"`
	SchoolYear int        `json:"school_year"`
	EntryDate  time.Time  `json:"entry_date"`
	ExitDate   *time.Time `json:"exit_date,omitempty"`
	ExitReason string     `json:"exit_reason,omitempty"`
}

type Application struct {
	ID            int64     `json:"id"`
	FirstName     string    `json:"first_name"`
	LastName      string    `json:"last_name"`
	DateOfBirth   time.Time `json:"date_of_birth"`
	GradeLevel    int       `json:"grade_level"`
	SchoolID      int64     `json:"school_id"`
	SchoolYear    int       `json:"school_year"`
	GuardianEmail string    `json:"guardian_email"`
	GuardianName  string    `json:"guardian_name"`
	GuardianPhone string    `json:"guardian_phone"`
	SiblingID     int64     `json:"sibling_id,omitempty"`
	InZone        bool      `json:"in_zone"`
	Status        string    `json:"status"`
	LotteryRank   int       `json:"lottery_rank,omitempty"`
	SubmittedAt   time.Time `json:"submitted_at"`
}

// StudentProfile is what the front office screen shows: it pulls from
// four different areas, which is why it lives here.
type StudentProfile struct {
	Student          Student    `json:"student"`
	Address          *Address   `json:"address,omitempty"`
	Guardians        []Guardian `json:"guardians"`
	GPA              float64    `json:"gpa"`
	Credits          float64    `json:"credits"`
	BusRoute         string     `json:"bus_route,omitempty"`
	MealBalanceCents int64      `json:"meal_balance_cents"`
}
