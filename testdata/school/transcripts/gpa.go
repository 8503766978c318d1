// Package transcripts computes GPA and credits from final grades and keeps
// the official transcript_entries.
package transcripts

import (
	"context"
	"database/sql"
	"math"

	"github.com/k12district/sis/models"
)

var points = map[string]float64{
	"A+": 4.0, "A": 4.0, "A-": 3.7, "B+": 3.3, "B": 3.0, "B-": 2.7,
	"C+": 2.3, "C": 2.0, "C-": 1.7, "D+": 1.3, "D": 1.0, "D-": 0.7, "F": 0,
}

// Letter converts a percent to a letter on the district scale.
func Letter(pct float64) string {
	cuts := []struct {
		min float64
		l   string
	}{{97, "A+"}, {93, "A"}, {90, "A-"}, {87, "B+"}, {83, "B"}, {80, "B-"},
		{77, "C+"}, {73, "C"}, {70, "C-"}, {67, "D+"}, {63, "D"}, {60, "D-"}}
	for _, c := range cuts {
		if pct >= c.min {
			return c.l
		}
	}
	return "F"
}

type GPA struct {
	Unweighted float64 `json:"unweighted"`
	Weighted   float64 `json:"weighted"`
	Credits    float64 `json:"credits_earned"`
	Attempted  float64 `json:"credits_attempted"`
}

// Compute: honors add 0.5 and AP adds 1.0 to the weighted GPA for passing
// grades. Pass/fail ("P") courses earn credit but are not averaged.
func Compute(grades []models.TermGrade) GPA {
	var g GPA
	var qp, wqp, gpaCredits float64
	for _, tg := range grades {
		if !tg.Final {
			continue
		}
		g.Attempted += tg.Credits
		if tg.Letter == "P" {
			g.Credits += tg.Credits
			continue
		}
		p, ok := points[tg.Letter]
		if !ok {
			continue
		}
		if tg.Letter != "F" {
			g.Credits += tg.Credits
		}
		bump := 0.0
		if p > 0 {
			switch tg.Level {
			case "honors":
				bump = 0.5
			case "ap", "ib":
				bump = 1.0
			}
		}
		qp += p * tg.Credits
		wqp += (p + bump) * tg.Credits
		gpaCredits += tg.Credits
	}
	if gpaCredits > 0 {
		g.Unweighted = round3(qp / gpaCredits)
		g.Weighted = round3(wqp / gpaCredits)
	}
	return g
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// Post copies final grades into transcript_entries, the permanent record
// that survives section deletion and course catalogue changes.
func Post(ctx context.Context, conn *sql.DB, studentID int64, schoolYear int, grades []models.TermGrade) error {
	for _, g := range grades {
		if !g.Final {
			continue
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO transcript_entries
			(student_id, school_year, term, course_code, course_title, letter, credits, level, posted_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8, now())
			ON CONFLICT (student_id, term, course_code) DO NOTHING`,
			studentID, schoolYear, g.Term, g.CourseCode, g.CourseTitle, g.Letter, g.Credits, g.Level); err != nil {
			return err
		}
	}
	return nil
}

// Entries loads the transcript for official printing.
func Entries(ctx context.Context, conn *sql.DB, studentID int64) ([]models.TermGrade, error) {
	rows, err := conn.QueryContext(ctx, `SELECT term, course_code, course_title, letter, credits, level
		FROM transcript_entries WHERE student_id = $1 ORDER BY school_year, term, course_code`, studentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.TermGrade
	for rows.Next() {
		g := models.TermGrade{StudentID: studentID, Final: true}
		if err := rows.Scan(&g.Term, &g.CourseCode, &g.CourseTitle, &g.Letter, &g.Credits, &g.Level); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
