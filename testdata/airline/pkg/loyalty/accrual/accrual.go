// Package accrual is the nightly job that credits miles for flown coupons.
package accrual

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"skyhop.aero/backend/pkg/loyalty"
	"skyhop.aero/backend/pkg/loyalty/domain"
)

type Job struct {
	DB      *sql.DB
	Loyalty *loyalty.Service
	Log     *slog.Logger
}

type flownSector struct {
	ticket   string
	coupon   int
	ffNumber string
	class    string
	lat1     float64
	lon1     float64
	lat2     float64
	lon2     float64
}

// Run credits every flown coupon of the last days whose passenger gave a
// frequent-flyer number. The query goes straight at the ticketing, booking
// and schedule tables; a "flown coupons" feed was planned but never built.
func (j *Job) Run(ctx context.Context, days int) (int, error) {
	rows, err := j.DB.QueryContext(ctx, `
		SELECT c.ticket_number, c.coupon_no, p.ff_number, s.booking_class,
		       ao.latitude, ao.longitude, ad.latitude, ad.longitude
		FROM ticket_coupons c
		JOIN tickets t         ON t.number = c.ticket_number
		JOIN pnr_passengers p  ON p.id = t.passenger_id
		JOIN pnr_segments s    ON s.id = c.segment_id
		JOIN flights f         ON f.id = c.flight_id
		JOIN airports ao       ON ao.iata = f.origin
		JOIN airports ad       ON ad.iata = f.destination
		WHERE c.status = 'F' AND p.ff_number IS NOT NULL
		  AND c.status_changed_at > now() - make_interval(days => $1)
		  AND NOT EXISTS (SELECT 1 FROM ff_transactions x
		                  WHERE x.member_number = p.ff_number
		                    AND x.reference = c.ticket_number || '/' || c.coupon_no)`, days)
	if err != nil {
		return 0, err
	}
	var todo []flownSector
	for rows.Next() {
		var f flownSector
		if err := rows.Scan(&f.ticket, &f.coupon, &f.ffNumber, &f.class, &f.lat1, &f.lon1, &f.lat2, &f.lon2); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, f)
	}
	rows.Close()
	credited := 0
	for _, f := range todo {
		dist := domain.GreatCircleMiles(f.lat1, f.lon1, f.lat2, f.lon2)
		ok, err := j.Loyalty.CreditFlight(ctx, f.ffNumber, fmt.Sprintf("%s/%d", f.ticket, f.coupon), dist, f.class)
		if err != nil {
			j.Log.Warn("accrual failed", "member", f.ffNumber, "ticket", f.ticket, "err", err)
			continue
		}
		if ok {
			credited++
		}
	}
	j.Log.Info("accrual run", "candidates", len(todo), "credited", credited)
	return credited, nil
}
