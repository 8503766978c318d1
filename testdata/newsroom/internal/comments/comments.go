// Package comments handles reader comments on articles and their moderation.
//
// One of the original packages from the monolith's first year; it has its own
// store, rules, moderation queue and handlers all in one place.
package comments

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dailyherald/newsroom/internal/accounts"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/ids"
)

const (
	maxLength      = 5000
	threadWindow   = 7 * 24 * time.Hour
	rateWindow     = 10 * time.Minute
	rateLimit      = 5
	trustedAfter   = 3 // approved comments before posting skips pre-moderation
	hideAtFlags    = 3
	spamLinkBudget = 2
)

var linkRe = regexp.MustCompile(`(?i)https?://|www\.`)

var blockedPhrases = []string{"buy followers", "crypto giveaway", "work from home and earn", "click here to win"}

type Service struct {
	st       *store
	db       *sql.DB
	accounts *accounts.Service
	bus      events.Publisher
	clock    clock.Clock
}

func NewService(conn *sql.DB, acc *accounts.Service, bus events.Publisher, c clock.Clock) *Service {
	return &Service{st: &store{db: conn}, db: conn, accounts: acc, bus: bus, clock: c}
}

type PostInput struct {
	ArticleID string `json:"article_id"`
	ParentID  string `json:"parent_id"`
	Body      string `json:"body"`
}

// spamScore is a crude heuristic; anything ≥ 2 goes to the queue.
func spamScore(body string) int {
	score := 0
	if n := len(linkRe.FindAllString(body, -1)); n > spamLinkBudget {
		score += 2
	} else if n > 0 {
		score++
	}
	lower := strings.ToLower(body)
	for _, p := range blockedPhrases {
		if strings.Contains(lower, p) {
			score += 3
		}
	}
	letters, upper := 0, 0
	for _, r := range body {
		if r >= 'A' && r <= 'Z' {
			upper++
		}
		if (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') {
			letters++
		}
	}
	if letters > 40 && upper*100/letters > 70 {
		score++
	}
	return score
}

func (s *Service) Post(ctx context.Context, readerID string, in PostInput) (*models.Comment, error) {
	body := strings.TrimSpace(in.Body)
	if body == "" || utf8.RuneCountInString(body) > maxLength {
		return nil, errs.Invalidf("comment must be between 1 and %d characters", maxLength)
	}
	banned, err := s.accounts.IsBanned(ctx, readerID)
	if err != nil {
		return nil, err
	}
	if banned {
		return nil, errs.Forbiddenf("you can no longer comment")
	}
	now := s.clock.Now()
	open, err := s.st.articleOpen(ctx, in.ArticleID, threadWindow, now)
	if err != nil {
		return nil, err
	}
	if !open {
		return nil, errs.Conflictf("comments are closed on this article")
	}
	if in.ParentID != "" {
		parent, err := s.st.get(ctx, in.ParentID)
		if err != nil {
			return nil, err
		}
		if parent.ArticleID != in.ArticleID || parent.ParentID != "" {
			return nil, errs.Invalidf("replies may only be made to top-level comments on the same article")
		}
	}
	recent, err := s.st.recentCount(ctx, readerID, now.Add(-rateWindow))
	if err != nil {
		return nil, err
	}
	if recent >= rateLimit {
		return nil, errs.Conflictf("you're commenting too quickly; try again in a few minutes")
	}
	status := models.CommentApproved
	if spamScore(body) >= 2 {
		status = models.CommentPending
	} else if n, err := s.st.approvedCount(ctx, readerID); err != nil {
		return nil, err
	} else if n < trustedAfter {
		status = models.CommentPending
	}
	c := &models.Comment{
		ID: ids.New("cmt"), ArticleID: in.ArticleID, ReaderID: readerID, ParentID: in.ParentID,
		Body: body, Status: status, CreatedAt: now,
	}
	if err := s.st.insert(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Service) ForArticle(ctx context.Context, articleID string, limit, offset int) ([]models.Comment, error) {
	return s.st.listForArticle(ctx, articleID, limit, offset)
}
