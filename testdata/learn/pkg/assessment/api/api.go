// Package api exposes quizzes and submissions over HTTP.
package api

import (
	"net/http"

	"quill.dev/academy/pkg/assessment/domain"
	"quill.dev/academy/pkg/assessment/grading"
	"quill.dev/academy/pkg/assessment/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/ids"
)

// Handler serves /quizzes and /submissions.
type Handler struct {
	Repo    *repo.Repo
	Grading *grading.Service
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /quizzes/{quiz}", httpx.H(h.getQuiz))
	mux.HandleFunc("POST /quizzes/{quiz}/submissions", httpx.H(h.submit))
	mux.HandleFunc("GET /submissions/{sub}", httpx.H(h.getSubmission))
	mux.HandleFunc("PUT /studio/quizzes", httpx.H(h.saveQuiz))
}

func (h *Handler) getQuiz(w http.ResponseWriter, r *http.Request) error {
	if _, err := auth.Require(r); err != nil {
		return err
	}
	q, err := h.Repo.Quiz(r.Context(), types.QuizID(r.PathValue("quiz")))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, q.Redacted())
	return nil
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in struct {
		Answers map[string]domain.Answer `json:"answers"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	sub, err := h.Grading.Submit(r.Context(), p.UserID, types.QuizID(r.PathValue("quiz")), in.Answers)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, sub)
	return nil
}

func (h *Handler) getSubmission(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	sub, err := h.Repo.Submission(r.Context(), types.SubmissionID(r.PathValue("sub")))
	if err != nil {
		return err
	}
	if sub.UserID != p.UserID && !p.Role.CanAuthor() {
		return errs.E(errs.NotFound, "submission", "not found")
	}
	httpx.JSON(w, http.StatusOK, sub)
	return nil
}

func (h *Handler) saveQuiz(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	if !p.Role.CanAuthor() {
		return errs.E(errs.Forbidden, "save_quiz", "instructors only")
	}
	var q domain.Quiz
	if err := httpx.Decode(r, &q); err != nil {
		return err
	}
	if q.ID == "" {
		q.ID = types.QuizID(ids.New("quiz"))
	}
	if len(q.Questions) == 0 || q.PassPercent <= 0 || q.PassPercent > 100 {
		return errs.E(errs.Invalid, "save_quiz", "quiz needs questions and a pass mark in (0,100]")
	}
	if err := h.Repo.SaveQuiz(r.Context(), q); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, q)
	return nil
}
