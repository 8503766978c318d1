// Package reporting produces the monthly statistics the library reports to
// the city and to the provincial ministry (circulation by branch and
// format, active cardholders, revenue, program attendance).
package reporting

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"citylib.org/ils/db"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/money"
)

type BranchRow struct {
	Branch      string `json:"branch"`
	Format      string `json:"format"`
	Checkouts   int    `json:"checkouts"`
	Renewals    int    `json:"renewals"`
	UniqueUsers int    `json:"unique_users"`
}

type Monthly struct {
	Month        string      `json:"month"`
	Circulation  []BranchRow `json:"circulation"`
	ActiveCards  int         `json:"active_cards"`
	NewMembers   int         `json:"new_members"`
	RevenueCents int64       `json:"revenue_cents"`
	ProgramsHeld int         `json:"programs_held"`
	Attendance   int         `json:"attendance"`
}

type Reporter struct {
	db db.Querier
}

func New(q db.Querier) *Reporter { return &Reporter{db: q} }

// Month builds the report for the calendar month containing t.
func (r *Reporter) Month(ctx context.Context, t time.Time) (*Monthly, error) {
	d := clock.Day(t)
	from := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, clock.Local)
	to := from.AddDate(0, 1, 0)
	out := &Monthly{Month: from.Format("2006-01")}

	rows, err := r.db.QueryContext(ctx,
		`SELECT b.name, t.format, COUNT(l.id), COALESCE(SUM(l.renewals), 0), COUNT(DISTINCT l.member_id)
		 FROM loans l
		 JOIN copies c ON c.id = l.copy_id
		 JOIN titles t ON t.id = c.title_id
		 JOIN branches b ON b.id = l.branch_id
		 WHERE l.checked_out_at >= $1 AND l.checked_out_at < $2
		 GROUP BY b.name, t.format ORDER BY b.name, t.format`, from, to)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var br BranchRow
		if err := rows.Scan(&br.Branch, &br.Format, &br.Checkouts, &br.Renewals, &br.UniqueUsers); err != nil {
			rows.Close()
			return nil, err
		}
		out.Circulation = append(out.Circulation, br)
	}
	rows.Close()

	// "Active" per ministry definition: card used (loan or hold) in the last 3 years.
	if err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM members m WHERE m.status = 'active' AND (
		   EXISTS (SELECT 1 FROM loans l WHERE l.member_id = m.id AND l.checked_out_at > $1 - interval '3 years')
		   OR EXISTS (SELECT 1 FROM holds h WHERE h.member_id = m.id AND h.placed_at > $1 - interval '3 years'))`,
		to).Scan(&out.ActiveCards); err != nil {
		return nil, err
	}
	if err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM members WHERE created_at >= $1 AND created_at < $2`, from, to).Scan(&out.NewMembers); err != nil {
		return nil, err
	}
	if err := r.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE created_at >= $1 AND created_at < $2`,
		from, to).Scan(&out.RevenueCents); err != nil {
		return nil, err
	}
	if err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(DISTINCT e.id), COUNT(r.id) FILTER (WHERE r.status = 'attended')
		 FROM events e LEFT JOIN event_registrations r ON r.event_id = e.id
		 WHERE e.status = 'scheduled' AND e.starts_at >= $1 AND e.starts_at < $2`,
		from, to).Scan(&out.ProgramsHeld, &out.Attendance); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteCSV writes the circulation table plus a summary block.
func WriteCSV(w io.Writer, m *Monthly) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"month", "branch", "format", "checkouts", "renewals", "unique_users"})
	for _, r := range m.Circulation {
		_ = cw.Write([]string{m.Month, r.Branch, r.Format, strconv.Itoa(r.Checkouts), strconv.Itoa(r.Renewals), strconv.Itoa(r.UniqueUsers)})
	}
	_ = cw.Write(nil)
	for _, kv := range [][2]string{
		{"active_cards", strconv.Itoa(m.ActiveCards)},
		{"new_members", strconv.Itoa(m.NewMembers)},
		{"revenue", money.Cents(m.RevenueCents).String()},
		{"programs_held", strconv.Itoa(m.ProgramsHeld)},
		{"attendance", strconv.Itoa(m.Attendance)},
	} {
		_ = cw.Write([]string{kv[0], kv[1]})
	}
	cw.Flush()
	return cw.Error()
}

// Snapshot writes last month's report to dir once, on the first days of
// a month. Run daily by the worker.
func (r *Reporter) Snapshot(ctx context.Context, dir string, now time.Time) error {
	last := clock.Day(now).AddDate(0, -1, 0)
	path := filepath.Join(dir, fmt.Sprintf("circulation-%s.csv", last.Format("2006-01")))
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	m, err := r.Month(ctx, last)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	if err := WriteCSV(f, m); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}
