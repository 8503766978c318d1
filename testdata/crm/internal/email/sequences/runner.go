package sequences

import (
	"context"
	"errors"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

func (s *Service) due(ctx context.Context, now time.Time, limit int) ([]Enrollment, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, tenant_id, sequence_id, contact_id, sender_id, mailbox_id, COALESCE(deal_id, ''),
		step, status, thread_id, next_run_at, created_at FROM sequence_enrollments
		WHERE status = 'active' AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Enrollment
	for rows.Next() {
		var e Enrollment
		var next time.Time
		if err := rows.Scan(&e.ID, &e.TenantID, &e.SequenceID, &e.ContactID, &e.SenderID, &e.MailboxID, &e.DealID,
			&e.Step, &e.Status, &e.ThreadID, &next, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.NextRunAt = &next
		out = append(out, e)
	}
	return out, rows.Err()
}

// RunDue sends the next step of every due enrollment. It returns the
// number of emails sent.
func (s *Service) RunDue(ctx context.Context, limit int) (int, error) {
	now := s.Clock.Now()
	list, err := s.due(ctx, now, limit)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, e := range list {
		tctx := tenancy.ForSystem(ctx, e.TenantID)
		if err := s.sendStep(tctx, e, now); err != nil {
			s.Log.Warn("sequence step failed", "enrollment", e.ID, "step", e.Step, "err", err)
			status := StatusBounced
			if errors.Is(err, mailboxes.ErrRevoked) {
				status = StatusStopped
			}
			_, _ = s.DB.ExecContext(ctx, `UPDATE sequence_enrollments SET status = $2, next_run_at = NULL WHERE id = $1`, e.ID, status)
			continue
		}
		sent++
	}
	return sent, nil
}

func (s *Service) sendStep(ctx context.Context, e Enrollment, now time.Time) error {
	seq, err := s.Get(ctx, e.TenantID, e.SequenceID)
	if err != nil {
		return err
	}
	if e.Step >= len(seq.Steps) {
		_, err := s.DB.ExecContext(ctx, `UPDATE sequence_enrollments SET status = 'finished', next_run_at = NULL WHERE id = $1`, e.ID)
		return err
	}
	step := seq.Steps[e.Step]
	tpl, err := s.Templates.Get(ctx, e.TenantID, step.TemplateID)
	if err != nil {
		return err
	}
	data := templates.MergeData{}
	if data.Contact, err = s.Contacts.Lookup(ctx, e.TenantID, e.ContactID); err != nil {
		return err
	}
	if data.Contact.CompanyID != "" {
		data.Company, _ = s.Companies.Get(ctx, e.TenantID, data.Contact.CompanyID)
	}
	if data.Sender, err = s.Users.GetUser(ctx, e.TenantID, e.SenderID); err != nil {
		return err
	}
	subject, body, err := templates.Render(tpl, data)
	if err != nil {
		return err
	}
	mb, err := s.Mailboxes.Get(ctx, e.TenantID, e.MailboxID)
	if err != nil {
		return err
	}
	prov, err := s.Providers.For(mb)
	if err != nil {
		return err
	}
	msgID := core.NewID(core.PrefixMessage)
	pid, thread, err := prov.Send(ctx, &mb, mailboxes.Outgoing{To: data.Contact.Email, Subject: subject, HTML: body, ThreadID: e.ThreadID})
	if err != nil {
		return err
	}
	if _, err := s.Mailboxes.RecordMessage(ctx, core.EmailMessage{ID: msgID, TenantID: e.TenantID, MailboxID: mb.ID, ProviderID: pid,
		ThreadID: thread, From: mb.Address, To: []string{data.Contact.Email}, Subject: subject, Direction: core.EmailOutbound, SentAt: now}); err != nil {
		return err
	}
	var next any
	status := StatusActive
	if e.Step+1 < len(seq.Steps) {
		next = now.AddDate(0, 0, seq.Steps[e.Step+1].DelayDays)
	} else {
		status = StatusFinished
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO sequence_sends (enrollment_id, sequence_id, message_id, step, sent_at) VALUES ($1,$2,$3,$4,$5)`,
		e.ID, e.SequenceID, msgID, e.Step, now)
	if err != nil {
		return err
	}
	_, err = s.DB.ExecContext(ctx, `UPDATE sequence_enrollments SET step = step + 1, status = $2, thread_id = $3, next_run_at = $4 WHERE id = $1`,
		e.ID, status, thread, next)
	return err
}
