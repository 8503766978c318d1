// Package reports produces the management dashboards (club KPIs, revenue, churn).
// It reads every context's tables; it is read-only and runs on the replica.
package reports

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/pulsefit/clubs/pkg/httpx"
	"github.com/pulsefit/clubs/pkg/money"
)

type Reports struct{ Replica *sql.DB }

type ClubKPI struct {
	ClubID        string      `json:"club_id"`
	ActiveMembers int         `json:"active_members"`
	Joins         int         `json:"joins"`
	Cancellations int         `json:"cancellations"`
	Visits        int         `json:"visits"`
	ClassFillRate float64     `json:"class_fill_rate"`
	Revenue       money.Money `json:"revenue"`
	ShopRevenue   money.Money `json:"shop_revenue"`
}

// Monthly returns one KPI row per club for the month containing 'month'.
func (r *Reports) Monthly(ctx context.Context, month time.Time) ([]ClubKPI, error) {
	from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	rows, err := r.Replica.QueryContext(ctx, `
		SELECT c.id,
		  (SELECT count(*) FROM memberships ms WHERE ms.club_id = c.id AND ms.status = 'active'),
		  (SELECT count(*) FROM members m WHERE m.home_club_id = c.id AND m.joined_at >= $1 AND m.joined_at < $2),
		  (SELECT count(*) FROM memberships ms WHERE ms.club_id = c.id AND ms.end_date >= $1 AND ms.end_date < $2),
		  (SELECT count(*) FROM check_ins ci WHERE ci.club_id = c.id AND ci.allowed AND ci.at >= $1 AND ci.at < $2),
		  COALESCE((SELECT avg(LEAST(1.0, b.n::float / NULLIF(s.capacity,0))) FROM class_sessions s
		     JOIN LATERAL (SELECT count(*) n FROM class_bookings bk WHERE bk.session_id = s.id AND bk.status IN ('booked','attended')) b ON true
		     WHERE s.club_id = c.id AND s.starts_at >= $1 AND s.starts_at < $2 AND NOT s.cancelled), 0),
		  COALESCE((SELECT sum(p.amount_minor) FROM payments p JOIN invoices i ON i.id = p.invoice_id
		     JOIN members m ON m.id = i.member_id WHERE m.home_club_id = c.id AND p.paid_at >= $1 AND p.paid_at < $2), 0),
		  COALESCE((SELECT sum(o.total_minor) FROM shop_orders o WHERE o.club_id = c.id AND o.status IN ('paid','collected','placed')
		     AND o.created_at >= $1 AND o.created_at < $2), 0)
		FROM clubs c ORDER BY c.id`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClubKPI
	for rows.Next() {
		var k ClubKPI
		var rev, shop int64
		if err := rows.Scan(&k.ClubID, &k.ActiveMembers, &k.Joins, &k.Cancellations, &k.Visits, &k.ClassFillRate, &rev, &shop); err != nil {
			return nil, err
		}
		k.Revenue, k.ShopRevenue = money.GBP(rev), money.GBP(shop)
		out = append(out, k)
	}
	return out, rows.Err()
}

// ChurnRate is cancellations / active at start of month.
func (k ClubKPI) ChurnRate() float64 {
	if k.ActiveMembers == 0 {
		return 0
	}
	return float64(k.Cancellations) / float64(k.ActiveMembers+k.Cancellations)
}

// WriteCSV renders KPIs for the finance spreadsheet.
func WriteCSV(w io.Writer, ks []ClubKPI) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"club", "active", "joins", "cancellations", "churn", "visits", "class_fill", "revenue", "shop"})
	for _, k := range ks {
		_ = cw.Write([]string{k.ClubID, strconv.Itoa(k.ActiveMembers), strconv.Itoa(k.Joins), strconv.Itoa(k.Cancellations),
			strconv.FormatFloat(k.ChurnRate(), 'f', 3, 64), strconv.Itoa(k.Visits),
			strconv.FormatFloat(k.ClassFillRate, 'f', 2, 64), k.Revenue.String(), k.ShopRevenue.String()})
	}
	cw.Flush()
	return cw.Error()
}

func (r *Reports) Register(mux *http.ServeMux) {
	mux.Handle("GET /reports/monthly", httpx.StaffOnly(httpx.Handler(func(w http.ResponseWriter, req *http.Request) error {
		month, err := httpx.QueryDate(req, "month", time.Now().UTC())
		if err != nil {
			return err
		}
		ks, err := r.Monthly(req.Context(), month)
		if err != nil {
			return err
		}
		if req.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv")
			return WriteCSV(w, ks)
		}
		httpx.JSON(w, http.StatusOK, ks)
		return nil
	})))
}
