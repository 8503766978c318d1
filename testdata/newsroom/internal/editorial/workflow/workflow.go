// Package workflow is the editorial state machine: draft → review → approved
// → (scheduled) → published, with kill and unpublish escapes.
package workflow

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/internal/contributors/profile"
	"github.com/dailyherald/newsroom/internal/editorial/media"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type rule struct {
	to   models.ArticleStatus
	role string
}

var transitions = map[models.ArticleStatus][]rule{
	models.StatusDraft:     {{models.StatusInReview, "reporter"}, {models.StatusKilled, "editor"}},
	models.StatusInReview:  {{models.StatusApproved, "editor"}, {models.StatusDraft, "editor"}, {models.StatusKilled, "editor"}},
	models.StatusApproved:  {{models.StatusPublished, "editor"}, {models.StatusScheduled, "editor"}, {models.StatusDraft, "editor"}},
	models.StatusScheduled: {{models.StatusPublished, "system"}, {models.StatusApproved, "editor"}},
	models.StatusPublished: {{models.StatusDraft, "legal"}, {models.StatusKilled, "legal"}},
}

func allowed(from, to models.ArticleStatus, p middleware.Principal) error {
	for _, r := range transitions[from] {
		if r.to != to {
			continue
		}
		if r.role == "system" || p.HasRole(r.role) {
			return nil
		}
		return errs.Forbiddenf("moving %s → %s needs the %s role", from, to, r.role)
	}
	return errs.Conflictf("cannot move article from %s to %s", from, to)
}

type Service struct {
	DB           *sql.DB
	Articles     *store.ArticleStore
	Media        *media.Service
	Contributors *profile.Service
	Clock        clock.Clock
}

func (s *Service) record(ctx context.Context, q db.Querier, id string, from, to models.ArticleStatus, by, note string) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO workflow_transitions (article_id, from_status, to_status, actor_id, note, created_at)
		VALUES ($1, $2, $3, $4, $5, now())`, id, string(from), string(to), by, note)
	return err
}

// Move performs a plain transition without side effects beyond the audit row.
func (s *Service) Move(ctx context.Context, id string, to models.ArticleStatus, p middleware.Principal, note string) (*models.Article, error) {
	if to == models.StatusPublished || to == models.StatusScheduled {
		return nil, errs.Invalidf("use Publish or Schedule")
	}
	a, err := s.Articles.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := allowed(a.Status, to, p); err != nil {
		return nil, err
	}
	if to == models.StatusInReview {
		if err := s.Contributors.ValidateByline(ctx, a.AuthorIDs); err != nil {
			return nil, err
		}
	}
	from := a.Status
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Articles.SetStatus(ctx, tx, id, to, nil); err != nil {
			return err
		}
		if from == models.StatusPublished {
			if err := events.NewOutbox(tx).Publish(ctx, models.TopicArticleUnpublished, map[string]string{"article_id": id}); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, id, from, to, p.ID, note)
	})
	a.Status = to
	return a, err
}

func (s *Service) Schedule(ctx context.Context, id string, at time.Time, p middleware.Principal) error {
	if at.Before(s.Clock.Now().Add(2 * time.Minute)) {
		return errs.Invalidf("scheduled time must be at least two minutes ahead")
	}
	a, err := s.Articles.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := allowed(a.Status, models.StatusScheduled, p); err != nil {
		return err
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO publish_schedule (article_id, publish_at, scheduled_by, created_at) VALUES ($1, $2, $3, now())
			ON CONFLICT (article_id) DO UPDATE SET publish_at = EXCLUDED.publish_at, scheduled_by = EXCLUDED.scheduled_by, done_at = NULL`,
			id, at, p.ID); err != nil {
			return err
		}
		if err := s.Articles.SetStatus(ctx, tx, id, models.StatusScheduled, nil); err != nil {
			return err
		}
		return s.record(ctx, tx, id, a.Status, models.StatusScheduled, p.ID, "scheduled for "+at.Format(time.RFC3339))
	})
}

// Publish makes the article live and emits ArticlePublished through the outbox.
func (s *Service) Publish(ctx context.Context, id string, p middleware.Principal) (*models.Article, error) {
	a, err := s.Articles.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := allowed(a.Status, models.StatusPublished, p); err != nil {
		return nil, err
	}
	if err := s.Media.CheckUsable(ctx, a.HeroMediaID); err != nil {
		return nil, err
	}
	if err := s.Contributors.ValidateByline(ctx, a.AuthorIDs); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	if a.PublishedAt != nil {
		now = *a.PublishedAt // republishing keeps the original date
	}
	from := a.Status
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Articles.SetStatus(ctx, tx, id, models.StatusPublished, &now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE publish_schedule SET done_at = now() WHERE article_id = $1`, id); err != nil {
			return err
		}
		if err := s.record(ctx, tx, id, from, models.StatusPublished, p.ID, ""); err != nil {
			return err
		}
		return events.NewOutbox(tx).Publish(ctx, models.TopicArticlePublished, models.ArticlePublishedEvent{
			ArticleID: a.ID, Slug: a.Slug, SectionID: a.SectionID, ContributorIDs: a.AuthorIDs,
			WordCount: a.WordCount, Premium: a.Premium, PublishedAt: now,
		})
	})
	if err != nil {
		return nil, err
	}
	a.Status, a.PublishedAt = models.StatusPublished, &now
	return a, nil
}
