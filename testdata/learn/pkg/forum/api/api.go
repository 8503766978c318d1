// Package api exposes course discussions over HTTP.
package api

import (
	"context"
	"database/sql"
	"net/http"
	"strings"

	assessrepo "quill.dev/academy/pkg/assessment/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/forum/moderation"
	"quill.dev/academy/pkg/forum/store"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/page"
)

// Users resolves author display names (identity).
type Users interface {
	UsersByID(ctx context.Context, ids []types.UserID) (map[types.UserID]types.User, error)
}

// Handler serves the forum.
type Handler struct {
	Pool  *sql.DB
	Store *store.Store
	Users Users
	// Quizzes is used to validate "discuss this quiz" threads.
	Quizzes *assessrepo.Repo
	Clock   clock.Clock
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /courses/{course}/threads", httpx.H(h.threads))
	mux.HandleFunc("POST /courses/{course}/threads", httpx.H(h.createThread))
	mux.HandleFunc("GET /threads/{thread}/posts", httpx.H(h.posts))
	mux.HandleFunc("POST /threads/{thread}/posts", httpx.H(h.reply))
	mux.HandleFunc("POST /posts/{post}/report", httpx.H(h.report))
}

func (h *Handler) member(ctx context.Context, p auth.Principal, course types.CourseID) error {
	if p.Role.CanModerate() {
		return nil
	}
	ok, err := h.Store.IsCourseMember(ctx, p.UserID, course)
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.Forbidden, "forum", "enroll in the course to join the discussion")
	}
	return nil
}

func (h *Handler) threads(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	course := types.CourseID(r.PathValue("course"))
	if err := h.member(r.Context(), p, course); err != nil {
		return err
	}
	req := page.FromHTTP(r)
	list, err := h.Store.Threads(r.Context(), course, req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page.New(list, req, 0))
	return nil
}

func (h *Handler) createThread(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	course := types.CourseID(r.PathValue("course"))
	if err := h.member(r.Context(), p, course); err != nil {
		return err
	}
	var in struct {
		Title  string       `json:"title"`
		Body   string       `json:"body"`
		QuizID types.QuizID `json:"quiz_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if in.Title = strings.TrimSpace(in.Title); in.Title == "" || strings.TrimSpace(in.Body) == "" {
		return errs.E(errs.Invalid, "thread", "title and body are required")
	}
	if in.QuizID != "" {
		q, err := h.Quizzes.Quiz(r.Context(), in.QuizID)
		if err != nil || q.CourseID != course {
			return errs.E(errs.Invalid, "thread", "quiz does not belong to this course")
		}
	}
	now := h.Clock.Now()
	t := store.Thread{ID: types.ThreadID(ids.New("thr")), CourseID: course, AuthorID: p.UserID, Title: in.Title, QuizID: in.QuizID, CreatedAt: now}
	post := store.Post{ID: ids.New("pst"), ThreadID: t.ID, AuthorID: p.UserID, Body: in.Body, CreatedAt: now,
		Hidden: moderation.Screen(in.Body, p.Role.CanAuthor()).Hide}
	err = db.WithTx(r.Context(), h.Pool, func(tx *sql.Tx) error {
		if err := store.New(tx).CreateThread(r.Context(), t); err != nil {
			return err
		}
		return h.Store.AddPost(r.Context(), tx, post)
	})
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, t)
	return nil
}

type postView struct {
	store.Post
	Author string `json:"author"`
}

func (h *Handler) posts(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	t, err := h.Store.Thread(r.Context(), types.ThreadID(r.PathValue("thread")))
	if err != nil {
		return err
	}
	if err := h.member(r.Context(), p, t.CourseID); err != nil {
		return err
	}
	req := page.FromHTTP(r)
	posts, err := h.Store.Posts(r.Context(), t.ID, p.Role.CanModerate(), req)
	if err != nil {
		return err
	}
	authors := make([]types.UserID, 0, len(posts))
	for _, po := range posts {
		authors = append(authors, po.AuthorID)
	}
	users, err := h.Users.UsersByID(r.Context(), authors)
	if err != nil {
		return err
	}
	out := make([]postView, len(posts))
	for i, po := range posts {
		out[i] = postView{Post: po, Author: users[po.AuthorID].DisplayName()}
	}
	httpx.JSON(w, http.StatusOK, page.New(out, req, t.PostCount))
	return nil
}

func (h *Handler) reply(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	t, err := h.Store.Thread(r.Context(), types.ThreadID(r.PathValue("thread")))
	if err != nil {
		return err
	}
	if err := h.member(r.Context(), p, t.CourseID); err != nil {
		return err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Body) == "" {
		return errs.E(errs.Invalid, "reply", "body is required")
	}
	post := store.Post{ID: ids.New("pst"), ThreadID: t.ID, AuthorID: p.UserID, Body: in.Body, CreatedAt: h.Clock.Now(),
		Hidden: moderation.Screen(in.Body, p.Role.CanAuthor()).Hide}
	if err := db.WithTx(r.Context(), h.Pool, func(tx *sql.Tx) error { return h.Store.AddPost(r.Context(), tx, post) }); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, post)
	return nil
}

func (h *Handler) report(w http.ResponseWriter, r *http.Request) error {
	if _, err := auth.Require(r); err != nil {
		return err
	}
	id := r.PathValue("post")
	n, err := h.Store.Report(r.Context(), id)
	if err != nil {
		return err
	}
	if moderation.ShouldAutoHide(n) {
		if err := h.Store.SetHidden(r.Context(), id, true); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}
