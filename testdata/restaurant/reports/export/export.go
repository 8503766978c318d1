// Package export writes reports as CSV for accounting and payroll.
package export

import (
	"encoding/csv"
	"fmt"
	"io"

	"tablecraft.io/ops/models"
	"tablecraft.io/ops/reports/labor"
)

// Sales writes daily sales rows.
func Sales(w io.Writer, days []models.DailySales) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"location_id", "business_date", "orders", "guests", "gross", "discounts", "net", "tax", "tips", "card", "cash"})
	for _, d := range days {
		_ = cw.Write([]string{fmt.Sprint(d.LocationID), d.BusinessDate.Format("2006-01-02"), fmt.Sprint(d.Orders), fmt.Sprint(d.Guests),
			d.GrossSales.String(), d.Discounts.String(), d.NetSales.String(), d.Tax.String(), d.Tips.String(),
			d.CardTotal.String(), d.CashTotal.String()})
	}
	cw.Flush()
	return cw.Error()
}

// Labor writes labor rows.
func Labor(w io.Writer, days []labor.Day) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"date", "hours", "labor_cost", "net_sales", "labor_pct", "sales_per_labor_hour"})
	for _, d := range days {
		_ = cw.Write([]string{d.Date.Format("2006-01-02"), fmt.Sprintf("%.2f", d.Hours), d.LaborCost.String(),
			d.NetSales.String(), fmt.Sprintf("%.1f", d.LaborPct), d.SalesPerLH.String()})
	}
	cw.Flush()
	return cw.Error()
}
