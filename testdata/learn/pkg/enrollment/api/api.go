// Package api exposes enrollment over HTTP and rpcx.
package api

import (
	"context"
	"encoding/json"
	"net/http"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/enrollment/progress"
	"quill.dev/academy/pkg/enrollment/service"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/page"
	"quill.dev/academy/pkg/platform/rpcx"
)

// Handler serves /enrollments and progress endpoints.
type Handler struct {
	Svc     *service.Service
	Tracker *progress.Tracker
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /enrollments", httpx.H(h.list))
	mux.HandleFunc("POST /courses/{course}/enroll", httpx.H(h.enroll))
	mux.HandleFunc("DELETE /courses/{course}/enroll", httpx.H(h.drop))
	mux.HandleFunc("GET /courses/{course}/progress", httpx.H(h.progress))
	mux.HandleFunc("POST /courses/{course}/lessons/{lesson}/complete", httpx.H(h.complete))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	req := page.FromHTTP(r)
	list, err := h.Svc.ListMine(r.Context(), p.UserID, req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page.New(list, req, 0))
	return nil
}

func (h *Handler) enroll(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	e, err := h.Svc.Enroll(r.Context(), p.UserID, types.CourseID(r.PathValue("course")))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, e)
	return nil
}

func (h *Handler) drop(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	if err := h.Svc.Drop(r.Context(), p.UserID, types.CourseID(r.PathValue("course"))); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) progress(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	s, err := h.Tracker.ForCourse(r.Context(), p.UserID, types.CourseID(r.PathValue("course")))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	s, err := h.Tracker.CompleteLesson(r.Context(), p.UserID, types.CourseID(r.PathValue("course")), types.LessonID(r.PathValue("lesson")))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, s)
	return nil
}

// RegisterRPC exposes Enrollment.* methods.
func (h *Handler) RegisterRPC(s *rpcx.Server) {
	s.Register("Enrollment.IsEnrolled", func(ctx context.Context, raw json.RawMessage) (any, error) {
		var req struct {
			UserID   types.UserID   `json:"user_id"`
			CourseID types.CourseID `json:"course_id"`
		}
		if err := json.Unmarshal(raw, &req); err != nil {
			return nil, errs.Wrap(errs.Invalid, "Enrollment.IsEnrolled", err)
		}
		ok, err := h.Svc.IsEnrolled(ctx, req.UserID, req.CourseID)
		return map[string]bool{"enrolled": ok}, err
	})
}
