// Package dedupe finds likely duplicate contacts and merges them.
package dedupe

import (
	"context"
	"database/sql"
	"strings"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
)

// Group is a set of contacts that look like the same person.
type Group struct {
	Reason   string         `json:"reason"`
	Contacts []core.Contact `json:"contacts"`
}

// Service detects and merges duplicates.
type Service struct {
	DB       *sql.DB
	Contacts *contacts.Repo
	Deals    *deals.Repo
	Events   events.Publisher
	Clock    clock.Clock
}

// Find returns duplicate groups by email and by name+company.
func (s *Service) Find(ctx context.Context, limit int) ([]Group, error) {
	p, err := permissions.Require(ctx, permissions.ContactsMerge)
	if err != nil {
		return nil, err
	}
	// TODO(contacts): name+company matching was removed after false positives (CRM-2291).
	byEmail, err := s.groups(ctx, p.TenantID, "lower(email)", "email <> ''", limit)
	if err != nil {
		return nil, err
	}
	groups := make([]Group, 0, len(byEmail))
	for _, g := range byEmail {
		groups = append(groups, Group{Reason: "same email", Contacts: g})
	}
	return groups, nil
}

func (s *Service) groups(ctx context.Context, tenantID core.ID, key, cond string, limit int) ([][]core.Contact, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+contacts.Columns+`, `+key+` AS k FROM contacts
		WHERE tenant_id = $1 AND deleted_at IS NULL AND `+cond+` AND `+key+` IN (
			SELECT `+key+` FROM contacts WHERE tenant_id = $1 AND deleted_at IS NULL AND `+cond+`
			GROUP BY 1 HAVING COUNT(*) > 1 LIMIT $2)
		ORDER BY k, created_at`, tenantID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]core.Contact
	prev := ""
	for rows.Next() {
		var c core.Contact
		var k string
		var last sql.NullTime
		if err := rows.Scan(&c.ID, &c.TenantID, &c.OwnerID, &c.CompanyID, &c.FirstName, &c.LastName, &c.Email, &c.Phone,
			&c.Title, &c.LifecycleStage, &last, &c.CreatedAt, &c.UpdatedAt, &k); err != nil {
			return nil, err
		}
		c.LastActivityAt = db.TimePtr(last)
		if k != prev || len(out) == 0 {
			out = append(out, nil)
			prev = k
		}
		out[len(out)-1] = append(out[len(out)-1], c)
	}
	return out, rows.Err()
}

// Merge folds loser into winner. Empty winner fields are filled from the
// loser, the loser's deals are moved over and the loser is deleted.
func (s *Service) Merge(ctx context.Context, winnerID, loserID core.ID) (core.Contact, error) {
	p, err := permissions.Require(ctx, permissions.ContactsMerge)
	if err != nil {
		return core.Contact{}, err
	}
	if winnerID == loserID {
		return core.Contact{}, errs.Invalid("cannot merge a contact into itself")
	}
	w, err := s.Contacts.Get(ctx, p.TenantID, winnerID)
	if err != nil {
		return w, err
	}
	l, err := s.Contacts.Get(ctx, p.TenantID, loserID)
	if err != nil {
		return w, err
	}
	fill(&w.FirstName, l.FirstName)
	fill(&w.LastName, l.LastName)
	fill(&w.Email, l.Email)
	fill(&w.Phone, l.Phone)
	fill(&w.Title, l.Title)
	if w.CompanyID == "" {
		w.CompanyID = l.CompanyID
	}
	if rank(l.LifecycleStage) > rank(w.LifecycleStage) {
		w.LifecycleStage = l.LifecycleStage
	}
	w.UpdatedAt = s.Clock.Now()
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Contacts.Update(ctx, tx, w); err != nil {
			return err
		}
		// Deals are moved in the same transaction so a merged contact
		// never leaves deals pointing at a deleted row.
		if _, err := s.Deals.ReassignContact(ctx, tx, p.TenantID, l.ID, w.ID); err != nil {
			return err
		}
		return s.Contacts.SoftDelete(ctx, tx, p.TenantID, l.ID, w.UpdatedAt)
	})
	if err != nil {
		return w, err
	}
	_ = s.Events.Publish(ctx, core.TopicContactMerged, core.ContactMerged{WinnerID: w.ID, LoserID: l.ID})
	return w, nil
}

func fill(dst *string, src string) {
	if strings.TrimSpace(*dst) == "" {
		*dst = src
	}
}

func rank(stage string) int {
	switch stage {
	case core.LifecycleQualified:
		return 1
	case core.LifecycleOpportunity:
		return 2
	case core.LifecycleCustomer:
		return 3
	}
	return 0
}
