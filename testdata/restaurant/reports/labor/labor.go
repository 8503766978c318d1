// Package labor reports labor cost against sales.
package labor

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/internal/platform/money"
)

// Day is one business day's labor figures.
type Day struct {
	Date       time.Time   `json:"date"`
	Hours      float64     `json:"hours"`
	LaborCost  money.Cents `json:"labor_cost"`
	NetSales   money.Cents `json:"net_sales"`
	LaborPct   float64     `json:"labor_pct"`
	SalesPerLH money.Cents `json:"sales_per_labor_hour"`
}

// Report computes labor figures.
type Report struct{ db *sql.DB }

// New returns a Report.
func New(conn *sql.DB) *Report { return &Report{db: conn} }

// Daily returns labor vs. sales per day for a location.
func (r *Report) Daily(ctx context.Context, locationID int64, from, to time.Time) ([]Day, error) {
	rows, err := r.db.QueryContext(ctx,
		`WITH labor AS (
		   SELECT date_trunc('day', tp.in_at)::date AS d,
		          SUM(EXTRACT(EPOCH FROM (tp.out_at - tp.in_at)) / 3600 - tp.break_mins / 60.0) AS hours,
		          SUM((EXTRACT(EPOCH FROM (tp.out_at - tp.in_at)) / 3600 - tp.break_mins / 60.0) * e.hourly_rate) AS cost
		   FROM time_punches tp JOIN employees e ON e.id = tp.employee_id
		   WHERE tp.location_id = $1 AND tp.out_at IS NOT NULL AND tp.in_at >= $2 AND tp.in_at < $3
		   GROUP BY 1)
		 SELECT l.d, l.hours, l.cost::bigint, COALESCE(s.net_sales, 0)
		 FROM labor l LEFT JOIN report_daily_sales s ON s.location_id = $1 AND s.business_date = l.d
		 ORDER BY l.d`, locationID, from, to.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Day
	for rows.Next() {
		var d Day
		if err := rows.Scan(&d.Date, &d.Hours, &d.LaborCost, &d.NetSales); err != nil {
			return nil, err
		}
		if d.NetSales > 0 {
			d.LaborPct = float64(d.LaborCost) / float64(d.NetSales) * 100
		}
		if d.Hours > 0 {
			d.SalesPerLH = money.Cents(float64(d.NetSales) / d.Hours)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
