// Package reportcards assembles, renders and delivers term report cards.
package reportcards

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"log/slog"
	"time"

	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/models"
	attrepo "github.com/k12district/sis/repositories/attendance"
	graderepo "github.com/k12district/sis/repositories/grades"
	"github.com/k12district/sis/services/messaging"
	"github.com/k12district/sis/services/students"
	"github.com/k12district/sis/transcripts"
)

type Builder struct {
	DB         *sql.DB
	Grades     *graderepo.Store
	Attendance *attrepo.Store
	Students   *students.Service
	Messaging  *messaging.Service
	Clock      clock.Clock
	Log        *slog.Logger
}

type Term struct {
	Name  string
	Start time.Time
	End   time.Time
}

var tmpl = template.Must(template.New("rc").Funcs(template.FuncMap{
	"pct": func(f float64) string { return fmt.Sprintf("%.1f%%", f) },
}).Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Report card – {{.Student.FullName}}</title></head>
<body>
<h1>{{.Student.FullName}}</h1>
<p>Student #{{.Student.StudentNumber}} · Grade {{.Student.GradeLevel}} · {{.Card.Term}}</p>
<table>
<tr><th>Course</th><th>Grade</th><th>%</th><th>Credits</th></tr>
{{range .Card.Grades}}<tr><td>{{.CourseCode}} {{.CourseTitle}}</td><td>{{.Letter}}</td><td>{{pct .Percent}}</td><td>{{.Credits}}</td></tr>
{{end}}</table>
<p>GPA (cumulative, weighted): {{.GPA.Weighted}} · Credits earned: {{.GPA.Credits}}</p>
<p>Attendance: {{.Card.Attendance.Present}} present, {{.Card.Attendance.Absent}} absent,
{{.Card.Attendance.Excused}} excused, {{.Card.Attendance.Tardy}} tardy</p>
{{if .Card.Comments}}<p>{{.Card.Comments}}</p>{{end}}
</body></html>`))

// Build assembles and stores the report card for one student and term.
func (b *Builder) Build(ctx context.Context, studentID int64, term Term) (*models.ReportCard, string, error) {
	st, err := b.Students.Get(ctx, studentID)
	if err != nil {
		return nil, "", err
	}
	grades, err := b.Grades.TermGrades(ctx, studentID, term.Name)
	if err != nil {
		return nil, "", err
	}
	all, err := b.Grades.FinalGrades(ctx, studentID)
	if err != nil {
		return nil, "", err
	}
	att, err := b.Attendance.Summary(ctx, studentID, term.Start, term.End)
	if err != nil {
		return nil, "", err
	}
	gpa := transcripts.Compute(all)
	rc := &models.ReportCard{StudentID: studentID, Term: term.Name, Grades: grades, Attendance: att, GPA: gpa.Weighted}
	rc.Comments = comments(grades, att)
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, map[string]any{"Student": st, "Card": rc, "GPA": gpa}); err != nil {
		return nil, "", err
	}
	if err := b.Grades.SaveReportCard(ctx, rc, buf.String()); err != nil {
		return nil, "", err
	}
	if err := transcripts.Post(ctx, b.DB, studentID, clock.SchoolYear(term.End), grades); err != nil {
		return nil, "", err
	}
	return rc, buf.String(), nil
}

// Deliver tells guardians the report card is available in the portal.
func (b *Builder) Deliver(ctx context.Context, rc *models.ReportCard) error {
	_, err := b.Messaging.NotifyGuardians(ctx, rc.StudentID, messaging.CatGrades, "report_card_ready",
		map[string]any{"Term": rc.Term, "GPA": rc.GPA})
	return err
}

func comments(grades []models.TermGrade, att models.AttendanceSummary) string {
	failing := 0
	for _, g := range grades {
		if g.Letter == "F" {
			failing++
		}
	}
	switch {
	case failing > 0 && att.Rate() < 0.9:
		return "Attendance is affecting academic progress. Please contact the counselor."
	case failing > 0:
		return "Academic intervention recommended."
	case att.Rate() < 0.9:
		return "Chronic absence: attendance is below 90%."
	}
	return ""
}
