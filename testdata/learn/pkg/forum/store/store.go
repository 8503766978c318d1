// Package store persists course discussion threads and posts.
package store

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/page"
)

func init() {
	db.Register(db.Migration{Version: 700, Owner: "forum", SQL: `
CREATE TABLE forum_threads (
	id TEXT PRIMARY KEY, course_id TEXT NOT NULL, author_id TEXT NOT NULL, title TEXT NOT NULL,
	quiz_id TEXT NOT NULL DEFAULT '', pinned BOOLEAN NOT NULL DEFAULT false, created_at TIMESTAMPTZ NOT NULL,
	last_post_at TIMESTAMPTZ NOT NULL, post_count INT NOT NULL DEFAULT 0
);
CREATE TABLE forum_posts (
	id TEXT PRIMARY KEY, thread_id TEXT NOT NULL REFERENCES forum_threads(id), author_id TEXT NOT NULL,
	body TEXT NOT NULL, hidden BOOLEAN NOT NULL DEFAULT false, reports INT NOT NULL DEFAULT 0, created_at TIMESTAMPTZ NOT NULL
);`})
}

// Thread is a discussion topic within a course.
type Thread struct {
	ID         types.ThreadID `json:"id"`
	CourseID   types.CourseID `json:"course_id"`
	AuthorID   types.UserID   `json:"author_id"`
	Title      string         `json:"title"`
	QuizID     types.QuizID   `json:"quiz_id,omitempty"`
	Pinned     bool           `json:"pinned"`
	CreatedAt  time.Time      `json:"created_at"`
	LastPostAt time.Time      `json:"last_post_at"`
	PostCount  int            `json:"post_count"`
}

// Post is a reply.
type Post struct {
	ID        string         `json:"id"`
	ThreadID  types.ThreadID `json:"thread_id"`
	AuthorID  types.UserID   `json:"author_id"`
	Body      string         `json:"body"`
	Hidden    bool           `json:"hidden"`
	Reports   int            `json:"-"`
	CreatedAt time.Time      `json:"created_at"`
}

// Store is the forum repository.
type Store struct{ q db.Querier }

func New(q db.Querier) *Store { return &Store{q: q} }

func (s *Store) CreateThread(ctx context.Context, t Thread) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO forum_threads (id, course_id, author_id, title, quiz_id, created_at, last_post_at)
		VALUES ($1,$2,$3,$4,$5,$6,$6)`, t.ID, t.CourseID, t.AuthorID, t.Title, t.QuizID, t.CreatedAt)
	return err
}

func (s *Store) Thread(ctx context.Context, id types.ThreadID) (Thread, error) {
	var t Thread
	err := s.q.QueryRowContext(ctx, `SELECT id, course_id, author_id, title, quiz_id, pinned, created_at, last_post_at, post_count
		FROM forum_threads WHERE id = $1`, id).Scan(&t.ID, &t.CourseID, &t.AuthorID, &t.Title, &t.QuizID, &t.Pinned, &t.CreatedAt, &t.LastPostAt, &t.PostCount)
	if err != nil {
		return t, db.NotFound("forum.thread", err)
	}
	return t, nil
}

func (s *Store) Threads(ctx context.Context, course types.CourseID, req page.Request) ([]Thread, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, course_id, author_id, title, quiz_id, pinned, created_at, last_post_at, post_count
		FROM forum_threads WHERE course_id = $1 ORDER BY pinned DESC, last_post_at DESC LIMIT $2 OFFSET $3`, course, req.Limit, req.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Thread
	for rows.Next() {
		var t Thread
		if err := rows.Scan(&t.ID, &t.CourseID, &t.AuthorID, &t.Title, &t.QuizID, &t.Pinned, &t.CreatedAt, &t.LastPostAt, &t.PostCount); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AddPost inserts a post and bumps the thread.
func (s *Store) AddPost(ctx context.Context, tx *sql.Tx, p Post) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO forum_posts (id, thread_id, author_id, body, hidden, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		p.ID, p.ThreadID, p.AuthorID, p.Body, p.Hidden, p.CreatedAt); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE forum_threads SET post_count = post_count + 1, last_post_at = $2 WHERE id = $1`, p.ThreadID, p.CreatedAt)
	return err
}

func (s *Store) Posts(ctx context.Context, thread types.ThreadID, includeHidden bool, req page.Request) ([]Post, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, thread_id, author_id, body, hidden, reports, created_at FROM forum_posts
		WHERE thread_id = $1 AND (NOT hidden OR $2) ORDER BY created_at LIMIT $3 OFFSET $4`, thread, includeHidden, req.Limit, req.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Post
	for rows.Next() {
		var p Post
		if err := rows.Scan(&p.ID, &p.ThreadID, &p.AuthorID, &p.Body, &p.Hidden, &p.Reports, &p.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Report increments a post's report count and returns the new count.
func (s *Store) Report(ctx context.Context, postID string) (int, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `UPDATE forum_posts SET reports = reports + 1 WHERE id = $1 RETURNING reports`, postID).Scan(&n)
	return n, db.NotFound("forum.report", err)
}

func (s *Store) SetHidden(ctx context.Context, postID string, hidden bool) error {
	_, err := s.q.ExecContext(ctx, `UPDATE forum_posts SET hidden = $2 WHERE id = $1`, postID, hidden)
	return err
}

// IsCourseMember reports whether uid may post in a course's forum: enrolled
// learners, plus the instructor. Queried straight from enrollments/courses
// because the forum predates the enrollment RPC.
func (s *Store) IsCourseMember(ctx context.Context, uid types.UserID, course types.CourseID) (bool, error) {
	var ok bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (
		SELECT 1 FROM enrollments WHERE user_id = $1 AND course_id = $2 AND status IN ('active','completed')
		UNION ALL
		SELECT 1 FROM courses WHERE id = $2 AND instructor_id = $1)`, uid, course).Scan(&ok)
	return ok, err
}
