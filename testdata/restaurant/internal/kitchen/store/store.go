// Package store persists kitchen display tickets.
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Store reads and writes kds_tickets and kds_ticket_items.
type Store struct{ db *sql.DB }

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// Active returns new and in-progress tickets for a station, oldest first.
func (s *Store) Active(ctx context.Context, locationID int64, station string) ([]models.Ticket, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT t.id, t.order_id, t.station, t.label, t.status, t.fired_at,
		        i.order_line_id, i.name, i.qty, i.mods, i.notes
		 FROM kds_tickets t JOIN kds_ticket_items i ON i.ticket_id = t.id
		 WHERE t.location_id = $1 AND ($2 = '' OR t.station = $2) AND t.status IN ('new', 'in_progress')
		 ORDER BY t.fired_at, t.id, i.order_line_id`, locationID, station)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Ticket
	for rows.Next() {
		var t models.Ticket
		var it models.TicketItem
		var mods string
		if err := rows.Scan(&t.ID, &t.OrderID, &t.Station, &t.Label, &t.Status, &t.FiredAt,
			&it.OrderLineID, &it.Name, &it.Qty, &mods, &it.Notes); err != nil {
			return nil, err
		}
		if mods != "" {
			it.Mods = strings.Split(mods, "; ")
		}
		if n := len(out); n > 0 && out[n-1].ID == t.ID {
			out[n-1].Items = append(out[n-1].Items, it)
			continue
		}
		t.LocationID, t.Items = locationID, []models.TicketItem{it}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Insert stores a ticket created from an event.
func (s *Store) Insert(ctx context.Context, t *models.Ticket) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx,
		`INSERT INTO kds_tickets (order_id, location_id, station, label, status, fired_at) VALUES ($1, $2, $3, $4, 'new', $5) RETURNING id`,
		t.OrderID, t.LocationID, t.Station, t.Label, t.FiredAt).Scan(&t.ID); err != nil {
		return err
	}
	for _, it := range t.Items {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO kds_ticket_items (ticket_id, order_line_id, name, qty, mods, notes, done) VALUES ($1, $2, $3, $4, $5, $6, false)`,
			t.ID, it.OrderLineID, it.Name, it.Qty, strings.Join(it.Mods, "; "), it.Notes); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetStatus moves a ticket through new -> in_progress -> done (or back).
func (s *Store) SetStatus(ctx context.Context, id int64, status string) (orderID, locationID int64, err error) {
	err = s.db.QueryRowContext(ctx,
		`UPDATE kds_tickets SET status = $2, bumped_at = CASE WHEN $2 = 'done' THEN now() ELSE NULL END
		 WHERE id = $1 RETURNING order_id, location_id`, id, status).Scan(&orderID, &locationID)
	if err == sql.ErrNoRows {
		err = errs.NotFound("ticket %d not found", id)
	}
	return
}

// OpenForOrder counts tickets of an order not yet bumped.
func (s *Store) OpenForOrder(ctx context.Context, orderID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM kds_tickets WHERE order_id = $1 AND status <> 'done'`, orderID).Scan(&n)
	return n, err
}

// Load is the current queue at a location.
type Load struct {
	OpenTickets    int
	OpenItems      int
	AvgTicketTime  time.Duration
	OldestTicketAt *time.Time
}

// QueueLoad summarises the kitchen backlog and recent ticket times.
func (s *Store) QueueLoad(ctx context.Context, locationID int64) (*Load, error) {
	var l Load
	var avg sql.NullFloat64
	err := s.db.QueryRowContext(ctx,
		`SELECT
		   (SELECT count(*) FROM kds_tickets WHERE location_id = $1 AND status <> 'done'),
		   (SELECT COALESCE(SUM(i.qty), 0) FROM kds_ticket_items i JOIN kds_tickets t ON t.id = i.ticket_id
		     WHERE t.location_id = $1 AND t.status <> 'done'),
		   (SELECT AVG(EXTRACT(EPOCH FROM bumped_at - fired_at)) FROM kds_tickets
		     WHERE location_id = $1 AND bumped_at > now() - interval '1 hour'),
		   (SELECT MIN(fired_at) FROM kds_tickets WHERE location_id = $1 AND status <> 'done')`,
		locationID).Scan(&l.OpenTickets, &l.OpenItems, &avg, &l.OldestTicketAt)
	l.AvgTicketTime = time.Duration(avg.Float64 * float64(time.Second))
	return &l, err
}
