// Package sales produces the daily sales report emailed to the commercial
// team: tickets sold and revenue per event for a given day.
package sales

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// EventLine is one event's sales for the day.
type EventLine struct {
	Event     model.EventSummary
	Orders    int
	Tickets   int
	Revenue   money.Money
	Cancelled int
	ByChannel map[string]int
}

// EventLookup resolves event titles.
type EventLookup interface {
	Summary(ctx context.Context, eventID string) (model.EventSummary, error)
}

// Report builds the daily sales report.
type Report struct {
	db     *sql.DB
	events EventLookup
}

// NewReport builds a report generator.
func NewReport(d *sql.DB, ev EventLookup) *Report { return &Report{db: d, events: ev} }

// ForDay aggregates orders created on day (UTC).
func (r *Report) ForDay(ctx context.Context, day time.Time) ([]EventLine, error) {
	start := day.Truncate(24 * time.Hour)
	rows, err := r.db.QueryContext(ctx, `
		SELECT o.event_id, o.channel, o.status, o.total_minor, o.currency,
		       (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id)
		FROM orders o WHERE o.created_at >= $1 AND o.created_at < $2`, start, start.Add(24*time.Hour))
	if err != nil {
		return nil, errs.Wrap(err, "reports.sales.ForDay")
	}
	defer rows.Close()
	byEvent := map[string]*EventLine{}
	for rows.Next() {
		var eventID, channel, status, cur string
		var total int64
		var tickets int
		if err := rows.Scan(&eventID, &channel, &status, &total, &cur, &tickets); err != nil {
			return nil, err
		}
		l := byEvent[eventID]
		if l == nil {
			l = &EventLine{Event: model.EventSummary{ID: eventID}, Revenue: money.Zero(cur), ByChannel: map[string]int{}}
			byEvent[eventID] = l
		}
		switch model.OrderStatus(status) {
		case model.OrderStatusPaid:
			l.Orders++
			l.Tickets += tickets
			l.ByChannel[channel] += tickets
			if sum, err := l.Revenue.Add(money.New(total, cur)); err == nil {
				l.Revenue = sum
			}
		case model.OrderStatusCancelled, model.OrderStatusRefunded:
			l.Cancelled++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]EventLine, 0, len(byEvent))
	for id, l := range byEvent {
		if ev, err := r.events.Summary(ctx, id); err == nil {
			l.Event = ev
		}
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Revenue.Amount > out[j].Revenue.Amount })
	return out, nil
}

// Render writes the report as an aligned text table.
func Render(w io.Writer, day time.Time, lines []EventLine) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Gatehouse daily sales – %s\n\n", day.Format(time.DateOnly))
	fmt.Fprintln(tw, "EVENT\tCITY\tORDERS\tTICKETS\tREVENUE\tCANCELLED\tBOX OFFICE")
	for _, l := range lines {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%d\t%d\n", l.Event.Title, l.Event.City, l.Orders, l.Tickets, l.Revenue, l.Cancelled, l.ByChannel["box_office"])
	}
	return tw.Flush()
}
