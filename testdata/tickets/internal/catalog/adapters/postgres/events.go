// Package postgres implements the catalog repositories on database/sql.
// Tables owned: events, price_tiers, price_tier_sections, venues,
// venue_sections.
package postgres

import (
	"context"
	"database/sql"
	"strings"

	"gatehouse.events/platform/internal/catalog/domain"
	"gatehouse.events/platform/internal/catalog/ports"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// EventStore implements ports.EventRepository.
type EventStore struct{ db *sql.DB }

// NewEventStore returns a store.
func NewEventStore(d *sql.DB) *EventStore { return &EventStore{db: d} }

var _ ports.EventRepository = (*EventStore)(nil)

const eventCols = `id, promoter_id, venue_id, title, description, category, starts_at, doors_at, on_sale_at, status, age_limit, version`

func scanEvent(row interface{ Scan(...any) error }) (*domain.Event, error) {
	var e domain.Event
	var doors, onSale sql.NullTime
	var cat, status string
	if err := row.Scan(&e.ID, &e.PromoterID, &e.VenueID, &e.Title, &e.Description, &cat,
		&e.StartsAt, &doors, &onSale, &status, &e.AgeLimit, &e.Version); err != nil {
		return nil, err
	}
	e.Category = domain.Category(cat)
	e.Status = model.EventStatus(status)
	e.DoorsAt, e.OnSaleAt = doors.Time, onSale.Time
	return &e, nil
}

// Get loads an event with its tiers.
func (s *EventStore) Get(ctx context.Context, id string) (*domain.Event, error) {
	conn := db.Conn(ctx, s.db)
	e, err := scanEvent(conn.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "catalog.EventStore.Get", "event", id)
	}
	if e.PriceTiers, err = s.tiers(ctx, conn, id); err != nil {
		return nil, err
	}
	return e, nil
}

func (s *EventStore) tiers(ctx context.Context, conn db.DBTX, eventID string) ([]domain.PriceTier, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT t.id, t.name, t.price_minor, t.currency, t.max_per_order,
		       COALESCE(string_agg(s.section_code, ',' ORDER BY s.section_code), '')
		FROM price_tiers t
		LEFT JOIN price_tier_sections s ON s.tier_id = t.id
		WHERE t.event_id = $1
		GROUP BY t.id ORDER BY t.price_minor DESC`, eventID)
	if err != nil {
		return nil, errs.Wrap(err, "catalog.EventStore.tiers")
	}
	defer rows.Close()
	var out []domain.PriceTier
	for rows.Next() {
		var t domain.PriceTier
		var amt int64
		var cur, secs string
		if err := rows.Scan(&t.ID, &t.Name, &amt, &cur, &t.MaxPerOrder, &secs); err != nil {
			return nil, err
		}
		t.Price = money.New(amt, cur)
		if secs != "" {
			t.SectionCodes = strings.Split(secs, ",")
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Create inserts an event and its tiers in one transaction.
func (s *EventStore) Create(ctx context.Context, e *domain.Event) error {
	return db.WithTx(ctx, s.db, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO events (`+eventCols+`)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1)`,
			e.ID, e.PromoterID, e.VenueID, e.Title, e.Description, string(e.Category),
			e.StartsAt, db.NullTime(e.DoorsAt), db.NullTime(e.OnSaleAt), string(e.Status), e.AgeLimit)
		if err != nil {
			return errs.Wrap(err, "catalog.EventStore.Create")
		}
		e.Version = 1
		return insertTiers(ctx, tx, e)
	})
}

func insertTiers(ctx context.Context, tx *sql.Tx, e *domain.Event) error {
	for _, t := range e.PriceTiers {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO price_tiers (id, event_id, name, price_minor, currency, max_per_order)
			VALUES ($1,$2,$3,$4,$5,$6)`,
			t.ID, e.ID, t.Name, t.Price.Amount, t.Price.Currency, t.MaxPerOrder); err != nil {
			return errs.Wrap(err, "catalog.insertTiers")
		}
		for _, code := range t.SectionCodes {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO price_tier_sections (tier_id, section_code) VALUES ($1,$2)`, t.ID, code); err != nil {
				return errs.Wrap(err, "catalog.insertTiers")
			}
		}
	}
	return nil
}

// Update writes the mutable fields with optimistic locking.
func (s *EventStore) Update(ctx context.Context, e *domain.Event) error {
	res, err := db.Conn(ctx, s.db).ExecContext(ctx, `
		UPDATE events SET title=$2, description=$3, category=$4, starts_at=$5, doors_at=$6,
		       on_sale_at=$7, status=$8, age_limit=$9, version=version+1, updated_at=now()
		WHERE id=$1 AND version=$10`,
		e.ID, e.Title, e.Description, string(e.Category), e.StartsAt, db.NullTime(e.DoorsAt),
		db.NullTime(e.OnSaleAt), string(e.Status), e.AgeLimit, e.Version)
	if err != nil {
		return errs.Wrap(err, "catalog.EventStore.Update")
	}
	if err := db.ExpectOne(res, "catalog.EventStore.Update"); err != nil {
		return err
	}
	e.Version++
	return nil
}

// ListByPromoter lists a promoter's events newest first.
func (s *EventStore) ListByPromoter(ctx context.Context, promoterID string, limit int) ([]*domain.Event, error) {
	return s.list(ctx, `SELECT `+eventCols+` FROM events WHERE promoter_id=$1 ORDER BY starts_at DESC LIMIT $2`, promoterID, limit)
}

// ListOnSale lists public events.
func (s *EventStore) ListOnSale(ctx context.Context, f ports.OnSaleFilter) ([]*domain.Event, error) {
	q := `SELECT e.` + strings.ReplaceAll(eventCols, ", ", ", e.") + `
		FROM events e JOIN venues v ON v.id = e.venue_id
		WHERE e.status = 'on_sale' AND e.starts_at >= $1`
	args := []any{f.From}
	if f.City != "" {
		args = append(args, f.City)
		q += ` AND v.city = $2`
	}
	if f.Category != "" {
		args = append(args, string(f.Category))
		q += ` AND e.category = ` + db.Placeholders(len(args), 1)
	}
	if !f.To.IsZero() {
		args = append(args, f.To)
		q += ` AND e.starts_at < ` + db.Placeholders(len(args), 1)
	}
	args = append(args, f.Limit)
	q += ` ORDER BY e.starts_at LIMIT ` + db.Placeholders(len(args), 1)
	return s.list(ctx, q, args...)
}

func (s *EventStore) list(ctx context.Context, q string, args ...any) ([]*domain.Event, error) {
	rows, err := db.Conn(ctx, s.db).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "catalog.EventStore.list")
	}
	defer rows.Close()
	var out []*domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
