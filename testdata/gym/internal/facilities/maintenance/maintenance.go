// Package maintenance tracks equipment faults and maintenance tickets.
package maintenance

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/facilities/clubs"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
)

type Priority int

const (
	Low Priority = iota + 1
	Normal
	Urgent // safety issue: the area is closed until fixed
)

// SLA by priority.
var SLA = map[Priority]time.Duration{Low: 14 * 24 * time.Hour, Normal: 72 * time.Hour, Urgent: 4 * time.Hour}

type Ticket struct {
	ID          int64      `json:"id"`
	ClubID      string     `json:"club_id"`
	AreaID      string     `json:"area_id"`
	Equipment   string     `json:"equipment"`
	Description string     `json:"description"`
	Priority    Priority   `json:"priority"`
	OpenedAt    time.Time  `json:"opened_at"`
	ResolvedAt  *time.Time `json:"resolved_at,omitempty"`
}

func (t Ticket) Breached(now time.Time) bool {
	return t.ResolvedAt == nil && now.Sub(t.OpenedAt) > SLA[t.Priority]
}

type Service struct {
	db    *sql.DB
	clubs *clubs.Directory
}

func New(conn *sql.DB, c *clubs.Directory) *Service { return &Service{db: conn, clubs: c} }

func (s *Service) Open(ctx context.Context, t Ticket) (Ticket, error) {
	if t.Description == "" || t.ClubID == "" {
		return t, errs.Invalid("club and description required")
	}
	if t.Priority < Low || t.Priority > Urgent {
		t.Priority = Normal
	}
	t.OpenedAt = time.Now().UTC()
	err := s.db.QueryRowContext(ctx, `INSERT INTO maintenance_tickets (club_id, area_id, equipment, description, priority, opened_at)
		VALUES ($1,NULLIF($2,''),$3,$4,$5,$6) RETURNING id`, t.ClubID, t.AreaID, t.Equipment, t.Description, t.Priority, t.OpenedAt).Scan(&t.ID)
	if err != nil {
		return t, err
	}
	if t.Priority == Urgent && t.AreaID != "" {
		if err := s.clubs.SetAreaClosed(ctx, t.AreaID, true); err != nil {
			return t, err
		}
	}
	return t, nil
}

func (s *Service) Resolve(ctx context.Context, id int64) error {
	var areaID sql.NullString
	var prio Priority
	err := s.db.QueryRowContext(ctx, `UPDATE maintenance_tickets SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL
		RETURNING area_id, priority`, id).Scan(&areaID, &prio)
	if err != nil {
		return db.NotFound(err, "open ticket")
	}
	if prio == Urgent && areaID.Valid {
		var others int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM maintenance_tickets WHERE area_id = $1 AND priority = $2 AND resolved_at IS NULL`,
			areaID.String, Urgent).Scan(&others); err != nil {
			return err
		}
		if others == 0 {
			return s.clubs.SetAreaClosed(ctx, areaID.String, false)
		}
	}
	return nil
}

func (s *Service) OpenTickets(ctx context.Context, clubID string) ([]Ticket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, club_id, COALESCE(area_id,''), equipment, description, priority, opened_at
		FROM maintenance_tickets WHERE club_id = $1 AND resolved_at IS NULL ORDER BY priority DESC, opened_at`, clubID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		var t Ticket
		if err := rows.Scan(&t.ID, &t.ClubID, &t.AreaID, &t.Equipment, &t.Description, &t.Priority, &t.OpenedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
