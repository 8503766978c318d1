package sequences

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts/segments"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/pagination"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Step is one email of a sequence.
type Step struct {
	Position   int     `json:"position"`
	DelayDays  int     `json:"delay_days"`
	TemplateID core.ID `json:"template_id"`
}

// Sequence is an outbound cadence.
type Sequence struct {
	ID        core.ID   `json:"id"`
	TenantID  core.ID   `json:"tenant_id"`
	Name      string    `json:"name"`
	Active    bool      `json:"active"`
	Steps     []Step    `json:"steps"`
	CreatedBy core.ID   `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// Enrollment statuses.
const (
	StatusActive   = "active"
	StatusFinished = "finished"
	StatusReplied  = "replied"
	StatusStopped  = "stopped"
	StatusBounced  = "failed"
)

// Enrollment is a contact going through a sequence.
type Enrollment struct {
	ID         core.ID    `json:"id"`
	TenantID   core.ID    `json:"tenant_id"`
	SequenceID core.ID    `json:"sequence_id"`
	ContactID  core.ID    `json:"contact_id"`
	SenderID   core.ID    `json:"sender_id"`
	MailboxID  core.ID    `json:"mailbox_id"`
	DealID     core.ID    `json:"deal_id,omitempty"`
	Step       int        `json:"step"`
	Status     string     `json:"status"`
	ThreadID   string     `json:"-"`
	NextRunAt  *time.Time `json:"next_run_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
}

// ContactLookup resolves recipients (contacts context).
type ContactLookup interface {
	Lookup(ctx context.Context, tenantID, id core.ID) (core.Contact, error)
}

// CompanyLookup resolves merge data (contacts context).
type CompanyLookup interface {
	Get(ctx context.Context, tenantID, id core.ID) (core.Company, error)
}

// UserLookup resolves the sender (accounts context).
type UserLookup interface {
	GetUser(ctx context.Context, tenantID, id core.ID) (core.User, error)
}

// Service manages sequences and enrollments.
type Service struct {
	DB        *sql.DB
	Mailboxes *mailboxes.Store
	Providers mailboxes.Providers
	Templates *templates.Store
	Contacts  ContactLookup
	Companies CompanyLookup
	Users     UserLookup
	Segments  *segments.Service
	Events    events.Publisher
	Clock     clock.Clock
	Log       *slog.Logger
}

// Create stores a sequence with its steps.
func (s *Service) Create(ctx context.Context, name string, steps []Step) (Sequence, error) {
	p, err := permissions.Require(ctx, permissions.SequencesManage)
	if err != nil {
		return Sequence{}, err
	}
	if strings.TrimSpace(name) == "" || len(steps) == 0 {
		return Sequence{}, errs.Invalid("a sequence needs a name and at least one step")
	}
	for i := range steps {
		if _, err := s.Templates.Get(ctx, p.TenantID, steps[i].TemplateID); err != nil {
			return Sequence{}, err
		}
		if steps[i].DelayDays < 0 {
			return Sequence{}, errs.Invalid("delay must not be negative")
		}
		steps[i].Position = i
	}
	seq := Sequence{ID: core.NewID(core.PrefixSequence), TenantID: p.TenantID, Name: name, Active: true, Steps: steps,
		CreatedBy: p.UserID, CreatedAt: s.Clock.Now()}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sequences (id, tenant_id, name, created_by, created_at) VALUES ($1,$2,$3,$4,$5)`,
			seq.ID, seq.TenantID, seq.Name, seq.CreatedBy, seq.CreatedAt); err != nil {
			return err
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sequence_steps (sequence_id, position, delay_days, template_id) VALUES ($1,$2,$3,$4)`,
				seq.ID, st.Position, st.DelayDays, st.TemplateID); err != nil {
				return err
			}
		}
		return nil
	})
	return seq, err
}

// Get loads a sequence and its steps.
func (s *Service) Get(ctx context.Context, tenantID, id core.ID) (Sequence, error) {
	var seq Sequence
	err := s.DB.QueryRowContext(ctx, `SELECT id, tenant_id, name, active, created_by, created_at FROM sequences WHERE tenant_id = $1 AND id = $2`,
		tenantID, id).Scan(&seq.ID, &seq.TenantID, &seq.Name, &seq.Active, &seq.CreatedBy, &seq.CreatedAt)
	if err != nil {
		return seq, db.NoRows(err, "sequence")
	}
	seq.Steps, err = db.All(ctx, s.DB, func(r db.Scanner) (st Step, err error) {
		return st, r.Scan(&st.Position, &st.DelayDays, &st.TemplateID)
	}, `SELECT position, delay_days, template_id FROM sequence_steps WHERE sequence_id = $1 ORDER BY position`, id)
	return seq, err
}

// List returns a tenant's sequences (without steps).
func (s *Service) List(ctx context.Context, tenantID core.ID) ([]Sequence, error) {
	return db.All(ctx, s.DB, func(r db.Scanner) (seq Sequence, err error) {
		return seq, r.Scan(&seq.ID, &seq.TenantID, &seq.Name, &seq.Active, &seq.CreatedBy, &seq.CreatedAt)
	}, `SELECT id, tenant_id, name, active, created_by, created_at FROM sequences WHERE tenant_id = $1 ORDER BY created_at DESC`, tenantID)
}

// EnrollInput enrolls one contact.
type EnrollInput struct {
	SequenceID core.ID `json:"sequence_id"`
	ContactID  core.ID `json:"contact_id"`
	SenderID   core.ID `json:"sender_id"`
	DealID     core.ID `json:"deal_id,omitempty"`
}

// Enroll starts a contact on a sequence, sending from the sender's
// primary mailbox.
func (s *Service) Enroll(ctx context.Context, in EnrollInput) (Enrollment, error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return Enrollment{}, err
	}
	if in.SenderID == "" {
		in.SenderID = p.UserID
	}
	seq, err := s.Get(ctx, p.TenantID, in.SequenceID)
	if err != nil {
		return Enrollment{}, err
	}
	if !seq.Active {
		return Enrollment{}, errs.Conflict("sequence is paused")
	}
	c, err := s.Contacts.Lookup(ctx, p.TenantID, in.ContactID)
	if err != nil {
		return Enrollment{}, err
	}
	if c.Email == "" {
		return Enrollment{}, errs.Invalid("contact has no email address")
	}
	mb, err := s.Mailboxes.Primary(ctx, p.TenantID, in.SenderID)
	if err != nil {
		return Enrollment{}, err
	}
	now := s.Clock.Now()
	next := now.AddDate(0, 0, seq.Steps[0].DelayDays)
	e := Enrollment{ID: core.NewID(core.PrefixEnrollment), TenantID: p.TenantID, SequenceID: seq.ID, ContactID: c.ID,
		SenderID: in.SenderID, MailboxID: mb.ID, DealID: in.DealID, Status: StatusActive, NextRunAt: &next, CreatedAt: now}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO sequence_enrollments (id, tenant_id, sequence_id, contact_id, sender_id, mailbox_id, deal_id,
		status, next_run_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		e.ID, e.TenantID, e.SequenceID, e.ContactID, e.SenderID, e.MailboxID, db.NullString(string(e.DealID)), e.Status, next, now)
	if db.IsUniqueViolation(err) {
		return e, errs.Conflict("contact is already enrolled")
	}
	return e, err
}

// EnrollSegment enrolls every member of a segment, skipping failures.
func (s *Service) EnrollSegment(ctx context.Context, sequenceID, segmentID core.ID) (enrolled, skipped int, err error) {
	p, err := permissions.Require(ctx, permissions.SequencesManage)
	if err != nil {
		return 0, 0, err
	}
	pg := pagination.Params{Limit: 500}
	for {
		members, err := s.Segments.Members(ctx, p.TenantID, segmentID, pg)
		if err != nil {
			return enrolled, skipped, err
		}
		page := pagination.NewPage(members, pg)
		for _, c := range page.Items {
			if _, err := s.Enroll(ctx, EnrollInput{SequenceID: sequenceID, ContactID: c.ID}); err != nil {
				skipped++
				continue
			}
			enrolled++
		}
		if page.NextCursor == "" {
			return enrolled, skipped, nil
		}
		pg.Offset += pg.Limit
	}
}

// Stop ends all active enrollments of a contact.
func (s *Service) Stop(ctx context.Context, tenantID, contactID core.ID, status string) (int64, error) {
	res, err := s.DB.ExecContext(ctx, `UPDATE sequence_enrollments SET status = $3, next_run_at = NULL
		WHERE tenant_id = $1 AND contact_id = $2 AND status = 'active'`, tenantID, contactID, status)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SubscribeTo stops sequences when a contact replies.
func (s *Service) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicEmailReplied, func(ctx context.Context, e events.Event) error {
		r, err := events.Decode[core.EmailReplied](e)
		if err != nil {
			return err
		}
		n, err := s.Stop(ctx, e.TenantID, r.ContactID, StatusReplied)
		if n > 0 {
			s.Log.Info("sequence stopped on reply", "contact", r.ContactID, "enrollments", n)
		}
		return err
	})
}
