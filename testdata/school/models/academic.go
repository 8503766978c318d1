package models

import "time"

type Course struct {
	ID      int64   `json:"id"`
	Code    string  `json:"code"`
	Title   string  `json:"title"`
	Credits float64 `json:"credits"`
	Level   string  `json:"level"` // regular, honors, ap
	Subject string  `json:"subject"`
}

type Section struct {
	ID           int64  `json:"id"`
	CourseID     int64  `json:"course_id"`
	CourseCode   string `json:"course_code"`
	CourseTitle  string `json:"course_title"`
	SchoolID     int64  `json:"school_id"`
	Term         string `json:"term"`
	TeacherID    int64  `json:"teacher_id"`
	SubstituteID int64  `json:"substitute_id,omitempty"`
	RoomID       int64  `json:"room_id"`
	RoomName     string `json:"room_name"`
	Meetings     string `json:"meetings"` // e.g. "MWF:3,TR:4"
	Capacity     int    `json:"capacity"`
	Enrolled     int    `json:"enrolled"`
}

type RosterEntry struct {
	SectionID  int64  `json:"section_id"`
	StudentID  int64  `json:"student_id"`
	Name       string `json:"name"`
	GradeLevel int    `json:"grade_level"`
}

type AttendanceRecord struct {
	ID        int64     `json:"id"`
	StudentID int64     `json:"student_id"`
	SectionID int64     `json:"section_id"`
	Date      time.Time `json:"date"`
	Code      string    `json:"code"` // P, A, T, E (excused), X (school activity)
	Minutes   int       `json:"minutes_late,omitempty"`
	TakenBy   int64     `json:"taken_by"`
}

type AttendanceSummary struct {
	StudentID int64 `json:"student_id"`
	Present   int   `json:"present"`
	Absent    int   `json:"absent"`
	Excused   int   `json:"excused"`
	Tardy     int   `json:"tardy"`
}

func (s AttendanceSummary) Rate() float64 {
	total := s.Present + s.Absent + s.Excused + s.Tardy
	if total == 0 {
		return 1
	}
	return float64(s.Present+s.Tardy) / float64(total)
}

type Assignment struct {
	ID        int64     `json:"id"`
	SectionID int64     `json:"section_id"`
	Title     string    `json:"title"`
	Category  string    `json:"category"`
	MaxPoints float64   `json:"max_points"`
	DueDate   time.Time `json:"due_date"`
}

type Score struct {
	AssignmentID int64   `json:"assignment_id"`
	StudentID    int64   `json:"student_id"`
	Points       float64 `json:"points"`
	Excused      bool    `json:"excused"`
	Missing      bool    `json:"missing"`
}

type TermGrade struct {
	StudentID   int64   `json:"student_id"`
	SectionID   int64   `json:"section_id"`
	CourseCode  string  `json:"course_code"`
	CourseTitle string  `json:"course_title"`
	Term        string  `json:"term"`
	Percent     float64 `json:"percent"`
	Letter      string  `json:"letter"`
	Credits     float64 `json:"credits"`
	Level       string  `json:"level"`
	Final       bool    `json:"final"`
}

type ReportCard struct {
	ID         int64             `json:"id"`
	StudentID  int64             `json:"student_id"`
	Term       string            `json:"term"`
	Grades     []TermGrade       `json:"grades"`
	Attendance AttendanceSummary `json:"attendance"`
	GPA        float64           `json:"gpa"`
	Comments   string            `json:"comments"`
	IssuedAt   time.Time         `json:"issued_at"`
}
