// Package reports builds the daily sales rollup and serves sales reports.
package reports

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/reports/export"
	"tablecraft.io/ops/util"
)

// Service computes and reads sales reports.
type Service struct {
	db          *sql.DB
	cutoverHour int
}

// New returns a Service.
func New(conn *sql.DB, cutoverHour int) *Service { return &Service{db: conn, cutoverHour: cutoverHour} }

// Compute calculates one location's sales for a business date from the
// live POS and payment tables.
func (s *Service) Compute(ctx context.Context, locationID int64, date time.Time) (*models.DailySales, error) {
	from, to := util.BusinessDayBounds(date, s.cutoverHour)
	d := &models.DailySales{LocationID: locationID, BusinessDate: date}
	if err := s.db.QueryRowContext(ctx,
		`SELECT count(*), COALESCE(SUM(guests), 0), COALESCE(SUM(subtotal), 0), COALESCE(SUM(discount), 0), COALESCE(SUM(tax), 0)
		 FROM orders WHERE location_id = $1 AND status = 'closed' AND closed_at >= $2 AND closed_at < $3`,
		locationID, from, to).Scan(&d.Orders, &d.Guests, &d.GrossSales, &d.Discounts, &d.Tax); err != nil {
		return nil, err
	}
	d.NetSales = d.GrossSales - d.Discounts
	if err := s.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(p.tip), 0),
		        COALESCE(SUM(p.amount) FILTER (WHERE p.tender = 'card'), 0),
		        COALESCE(SUM(p.amount) FILTER (WHERE p.tender = 'cash'), 0)
		 FROM payments p JOIN orders o ON o.id = p.order_id
		 WHERE o.location_id = $1 AND o.closed_at >= $2 AND o.closed_at < $3 AND p.status = 'captured'`,
		locationID, from, to).Scan(&d.Tips, &d.CardTotal, &d.CashTotal); err != nil {
		return nil, err
	}
	return d, nil
}

// Rollup stores yesterday's (or date's) figures for every active location.
func (s *Service) Rollup(ctx context.Context, date time.Time) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM locations WHERE active`)
	if err != nil {
		return 0, err
	}
	var locs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		locs = append(locs, id)
	}
	rows.Close()
	for _, loc := range locs {
		d, err := s.Compute(ctx, loc, date)
		if err != nil {
			return 0, err
		}
		if _, err := s.db.ExecContext(ctx,
			`INSERT INTO report_daily_sales (location_id, business_date, orders, guests, gross_sales, discounts, net_sales, tax, tips, card_total, cash_total)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			 ON CONFLICT (location_id, business_date) DO UPDATE SET orders = $3, guests = $4, gross_sales = $5, discounts = $6,
			   net_sales = $7, tax = $8, tips = $9, card_total = $10, cash_total = $11`,
			d.LocationID, d.BusinessDate, d.Orders, d.Guests, d.GrossSales, d.Discounts, d.NetSales, d.Tax, d.Tips, d.CardTotal, d.CashTotal); err != nil {
			return 0, err
		}
	}
	return len(locs), nil
}

// Range reads rolled-up days for a location.
func (s *Service) Range(ctx context.Context, locationID int64, from, to time.Time) ([]models.DailySales, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT location_id, business_date, orders, guests, gross_sales, discounts, net_sales, tax, tips, card_total, cash_total
		 FROM report_daily_sales WHERE location_id = $1 AND business_date BETWEEN $2 AND $3 ORDER BY business_date`,
		locationID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.DailySales
	for rows.Next() {
		var d models.DailySales
		if err := rows.Scan(&d.LocationID, &d.BusinessDate, &d.Orders, &d.Guests, &d.GrossSales, &d.Discounts,
			&d.NetSales, &d.Tax, &d.Tips, &d.CardTotal, &d.CashTotal); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Routes registers the report endpoints.
func (s *Service) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /locations/{loc}/reports/sales", func(w http.ResponseWriter, r *http.Request) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		from, err := httpx.QueryDate(r, "from")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		to, err := httpx.QueryDate(r, "to")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		days, err := s.Range(r.Context(), loc, from, to)
		if err != nil {
			httpx.Error(w, err)
			return
		}
		if r.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv")
			_ = export.Sales(w, days)
			return
		}
		httpx.JSON(w, http.StatusOK, days)
	})
}
