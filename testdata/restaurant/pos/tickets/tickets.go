// Package tickets turns fired order lines into kitchen tickets, one per
// station, and formats paper chits for locations without a KDS.
package tickets

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"tablecraft.io/ops/models"
)

// StationFunc returns the kitchen station for a menu item.
type StationFunc func(ctx context.Context, menuItemID int64) (string, error)

// Router groups lines into tickets.
type Router struct {
	db *sql.DB
}

// New returns a Router.
func New(conn *sql.DB) *Router { return &Router{db: conn} }

// Build groups lines per station without persisting anything.
func Build(ctx context.Context, o *models.Order, lines []models.OrderLine, station StationFunc) ([]models.Ticket, error) {
	byStation := map[string]*models.Ticket{}
	for _, l := range lines {
		st, err := station(ctx, l.MenuItemID)
		if err != nil {
			return nil, err
		}
		if st == "" {
			st = "expo"
		}
		t, ok := byStation[st]
		if !ok {
			t = &models.Ticket{OrderID: o.ID, LocationID: o.LocationID, Station: st, Label: Label(o), Status: "new", FiredAt: time.Now()}
			byStation[st] = t
		}
		item := models.TicketItem{OrderLineID: l.ID, Name: l.Name, Qty: l.Qty, Notes: l.Notes}
		for _, m := range l.Modifiers {
			item.Mods = append(item.Mods, m.Name)
		}
		t.Items = append(t.Items, item)
	}
	out := make([]models.Ticket, 0, len(byStation))
	for _, t := range byStation {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Station < out[j].Station })
	return out, nil
}

// Label is the human label printed on a ticket.
func Label(o *models.Order) string {
	switch {
	case o.TableID != 0:
		return fmt.Sprintf("T%d", o.TableID)
	case o.ExternalID != "":
		return fmt.Sprintf("%s #%s", strings.ToUpper(string(o.Channel)), o.ExternalID)
	default:
		return fmt.Sprintf("#%d", o.ID)
	}
}

// Save writes tickets straight into the KDS tables. This predates the
// kitchen service; the KDS still reads these rows.
func (r *Router) Save(ctx context.Context, tx *sql.Tx, ts []models.Ticket) ([]int64, error) {
	var ids []int64
	for i := range ts {
		t := &ts[i]
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO kds_tickets (order_id, location_id, station, label, status, fired_at)
			 VALUES ($1, $2, $3, $4, 'new', $5) RETURNING id`,
			t.OrderID, t.LocationID, t.Station, t.Label, t.FiredAt).Scan(&t.ID); err != nil {
			return nil, fmt.Errorf("tickets: insert: %w", err)
		}
		for _, it := range t.Items {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO kds_ticket_items (ticket_id, order_line_id, name, qty, mods, notes, done)
				 VALUES ($1, $2, $3, $4, $5, $6, false)`,
				t.ID, it.OrderLineID, it.Name, it.Qty, strings.Join(it.Mods, "; "), it.Notes); err != nil {
				return nil, fmt.Errorf("tickets: insert item: %w", err)
			}
		}
		ids = append(ids, t.ID)
	}
	return ids, nil
}

// Chit renders a ticket for a 40-column thermal printer.
func Chit(t models.Ticket) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s%20s\n", strings.ToUpper(t.Station), t.Label)
	fmt.Fprintf(&b, "%s\n", t.FiredAt.Format("15:04:05"))
	b.WriteString(strings.Repeat("-", 40) + "\n")
	for _, it := range t.Items {
		fmt.Fprintf(&b, "%2d x %s\n", it.Qty, it.Name)
		for _, m := range it.Mods {
			fmt.Fprintf(&b, "     > %s\n", m)
		}
		if it.Notes != "" {
			fmt.Fprintf(&b, "     ** %s\n", it.Notes)
		}
	}
	return b.String()
}

// QueuePrint stores a chit for the location's print relay to pick up.
func (r *Router) QueuePrint(ctx context.Context, tx *sql.Tx, t models.Ticket) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO print_jobs (location_id, printer, body, created_at) VALUES ($1, $2, $3, now())`,
		t.LocationID, t.Station, Chit(t))
	return err
}
