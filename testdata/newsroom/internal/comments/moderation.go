package comments

import (
	"context"
	"database/sql"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

func (s *Service) Queue(ctx context.Context, limit int) ([]models.Comment, error) {
	return s.st.queue(ctx, limit)
}

// Moderate approves or rejects a comment; rejecting with ban=true also bans the reader.
func (s *Service) Moderate(ctx context.Context, commentID, moderatorID string, approve, ban bool, reason string) error {
	c, err := s.st.get(ctx, commentID)
	if err != nil {
		return err
	}
	status := models.CommentRejected
	if approve {
		if ban {
			return errs.Invalidf("cannot approve and ban at once")
		}
		status = models.CommentApproved
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.st.setStatus(ctx, tx, c.ID, status, true); err != nil {
			return err
		}
		action := string(status)
		if ban {
			action = "rejected_and_banned"
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO moderation_actions (comment_id, moderator_id, action, reason, created_at)
			VALUES ($1, $2, $3, $4, now())`, c.ID, moderatorID, action, reason)
		return err
	})
	if err != nil {
		return err
	}
	if ban {
		return s.accounts.Ban(ctx, c.ReaderID, "comment moderation: "+reason)
	}
	return nil
}

// Flag records a reader's report; enough distinct flags hide the comment
// until a moderator reviews it.
func (s *Service) Flag(ctx context.Context, commentID, readerID, reason string) error {
	c, err := s.st.get(ctx, commentID)
	if err != nil {
		return err
	}
	if c.ReaderID == readerID {
		return errs.Invalidf("you cannot flag your own comment")
	}
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO comment_flags (comment_id, reader_id, reason, created_at) VALUES ($1, $2, $3, now())
		ON CONFLICT (comment_id, reader_id) DO NOTHING`, commentID, readerID, reason)
	if err != nil {
		return err
	}
	var flags int
	if err := s.db.QueryRowContext(ctx, `
		UPDATE comments SET flag_count = (SELECT count(*) FROM comment_flags WHERE comment_id = $1)
		WHERE id = $1 RETURNING flag_count`, commentID).Scan(&flags); err != nil {
		return err
	}
	if flags >= hideAtFlags && c.Status == models.CommentApproved {
		if err := s.st.setStatus(ctx, s.db, commentID, models.CommentHidden, false); err != nil {
			return err
		}
		_ = s.bus.Publish(ctx, models.TopicCommentFlagged, map[string]any{"comment_id": commentID, "article_id": c.ArticleID, "flags": flags})
	}
	return nil
}
