// Package support is the customer service ticketing used by the contact
// centre: queries, complaints (with their regulatory clocks) and callbacks.
package support

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
)

var Categories = map[string]bool{
	"billing": true, "payments": true, "meter": true, "switching": true,
	"outage": true, "complaint": true, "collections": true, "general": true,
}

const (
	StatusOpen     = "open"
	StatusPending  = "pending_customer"
	StatusResolved = "resolved"
)

type Service struct {
	db  *sql.DB
	psr *priority.Register
	now func() time.Time
}

func New(d *sql.DB, psr *priority.Register) *Service { return &Service{db: d, psr: psr, now: time.Now} }

type OpenRequest struct {
	AccountID string `json:"account_id"`
	Category  string `json:"category"`
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	Complaint bool   `json:"complaint"`
}

// Open creates a ticket. Customers on the PSR go to the front of the queue.
func (s *Service) Open(ctx context.Context, req OpenRequest) (models.Ticket, error) {
	const op = "support.Open"
	if !Categories[req.Category] {
		return models.Ticket{}, errs.Invalid(op, "unknown category %q", req.Category)
	}
	if strings.TrimSpace(req.Subject) == "" {
		return models.Ticket{}, errs.Invalid(op, "subject is required")
	}
	t := models.Ticket{ID: ids.New(ids.PrefixTicket), AccountID: req.AccountID, Category: req.Category,
		Subject: util.Truncate(req.Subject, 200), Body: req.Body, Status: StatusOpen, Priority: 3,
		Complaint: req.Complaint || req.Category == "complaint", CreatedAt: s.now().UTC()}
	if t.Complaint {
		t.Priority = 2
	}
	if req.AccountID != "" {
		if protected, err := s.psr.Protected(ctx, req.AccountID); err != nil {
			return t, err
		} else if protected {
			t.Priority = 1
		}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO tickets (id, account_id, category, subject, body, status, priority,
		complaint, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		t.ID, db.NullString(t.AccountID), t.Category, t.Subject, t.Body, t.Status, t.Priority, t.Complaint, t.CreatedAt)
	return t, err
}

const cols = `id, COALESCE(account_id, ''), category, subject, body, status, priority, COALESCE(assignee, ''),
	complaint, created_at, acked_at, resolved_at`

func scan(row interface{ Scan(...any) error }) (models.Ticket, error) {
	var t models.Ticket
	var acked, resolved sql.NullTime
	err := row.Scan(&t.ID, &t.AccountID, &t.Category, &t.Subject, &t.Body, &t.Status, &t.Priority, &t.Assignee,
		&t.Complaint, &t.CreatedAt, &acked, &resolved)
	t.AckedAt, t.ResolvedAt = db.TimePtr(acked), db.TimePtr(resolved)
	return t, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Ticket, error) {
	t, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM tickets WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return t, errs.NotFound("support.Get", "ticket %s", id)
	}
	return t, err
}

func (s *Service) list(ctx context.Context, q string, args ...any) ([]models.Ticket, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Ticket
	for rows.Next() {
		t, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Queue is the work queue: open tickets by priority then age.
func (s *Service) Queue(ctx context.Context, assignee string, limit int) ([]models.Ticket, error) {
	return s.list(ctx, `SELECT `+cols+` FROM tickets WHERE status IN ('open', 'pending_customer')
		AND ($1 = '' OR assignee = $1) ORDER BY priority, created_at LIMIT $2`, assignee, limit)
}

// Assign takes a ticket; the first assignment acknowledges a complaint.
func (s *Service) Assign(ctx context.Context, id, agent string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE tickets SET assignee = $2, acked_at = COALESCE(acked_at, now())
		WHERE id = $1`, id, agent)
	return err
}

func (s *Service) Resolve(ctx context.Context, id, resolution string) error {
	t, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if t.Status == StatusResolved {
		return errs.Conflict("support.Resolve", "already resolved")
	}
	if t.Complaint && strings.TrimSpace(resolution) == "" {
		return errs.Invalid("support.Resolve", "complaints need a written resolution")
	}
	_, err = s.db.ExecContext(ctx, `UPDATE tickets SET status = 'resolved', resolution = $2, resolved_at = now()
		WHERE id = $1`, id, resolution)
	return err
}

// OnPlanBroken opens a collections callback ticket.
func (s *Service) OnPlanBroken(ctx context.Context, e events.Event) error {
	_, err := s.Open(ctx, OpenRequest{AccountID: e.Key, Category: "collections",
		Subject: "Payment plan broken - call customer to re-agree"})
	return err
}
