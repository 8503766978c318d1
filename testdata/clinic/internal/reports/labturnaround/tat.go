// Package labturnaround computes turnaround-time statistics for the lab
// quality meeting (CAP wants median and 90th percentile per test).
package labturnaround

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/acme/clinic/labs/orders"
	"github.com/acme/clinic/pkg/errs"
)

// Row is one line of the report.
type Row struct {
	TestCode    string
	Priority    string
	Count       int
	MedianMins  float64
	P90Mins     float64
	OverTarget  int
	TargetHours int
}

type Report struct {
	From, To time.Time
	Rows     []Row
}

type Generator struct {
	db      *sql.DB
	catalog orders.Catalog
}

func NewGenerator(db *sql.DB, catalog orders.Catalog) *Generator {
	return &Generator{db: db, catalog: catalog}
}

// Build reads collection-to-result intervals for orders resulted in
// [from, to) and aggregates them in Go (MySQL 5.7 has no percentiles).
func (g *Generator) Build(ctx context.Context, from, to time.Time) (Report, error) {
	const op errs.Op = "labturnaround.Build"
	rows, err := g.db.QueryContext(ctx, `SELECT t.test_code, o.priority,
			TIMESTAMPDIFF(MINUTE, o.collected_at, MIN(r.resulted_at))
		FROM lab_orders o
		JOIN lab_order_tests t ON t.order_id = o.id
		JOIN lab_results r ON r.order_id = o.id AND r.test_code = t.test_code
		WHERE o.collected_at IS NOT NULL AND r.resulted_at >= ? AND r.resulted_at < ?
		GROUP BY o.id, t.test_code, o.priority, o.collected_at`, from, to)
	if err != nil {
		return Report{}, errs.Wrap(op, err)
	}
	defer rows.Close()
	type key struct{ code, prio string }
	samples := map[key][]float64{}
	for rows.Next() {
		var k key
		var mins float64
		if err := rows.Scan(&k.code, &k.prio, &mins); err != nil {
			return Report{}, errs.Wrap(op, err)
		}
		samples[k] = append(samples[k], mins)
	}
	if err := rows.Err(); err != nil {
		return Report{}, errs.Wrap(op, err)
	}
	rep := Report{From: from, To: to}
	for k, v := range samples {
		sort.Float64s(v)
		target := 24
		if t, ok := g.catalog.Lookup(k.code); ok {
			target = t.TurnaroundHours
		}
		if k.prio == "stat" {
			target = int(math.Max(1, float64(target)/2))
		}
		over := 0
		for _, m := range v {
			if m > float64(target*60) {
				over++
			}
		}
		rep.Rows = append(rep.Rows, Row{
			TestCode: k.code, Priority: k.prio, Count: len(v),
			MedianMins: percentile(v, 0.5), P90Mins: percentile(v, 0.9),
			OverTarget: over, TargetHours: target,
		})
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		if rep.Rows[i].TestCode != rep.Rows[j].TestCode {
			return rep.Rows[i].TestCode < rep.Rows[j].TestCode
		}
		return rep.Rows[i].Priority < rep.Rows[j].Priority
	})
	return rep, nil
}

// percentile uses linear interpolation between closest ranks.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo))
}

func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"test", "priority", "count", "median_min", "p90_min", "target_h", "over_target"})
	for _, row := range r.Rows {
		_ = cw.Write([]string{
			row.TestCode, row.Priority, strconv.Itoa(row.Count),
			fmt.Sprintf("%.0f", row.MedianMins), fmt.Sprintf("%.0f", row.P90Mins),
			strconv.Itoa(row.TargetHours), strconv.Itoa(row.OverTarget),
		})
	}
	cw.Flush()
	return cw.Error()
}
