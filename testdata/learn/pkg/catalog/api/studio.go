package api

import (
	"context"

	"net/http"

	"quill.dev/academy/pkg/catalog/authoring"
	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/page"
)

func (h *Handler) studioRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /studio/courses", httpx.H(h.myCourses))
	mux.HandleFunc("POST /studio/courses", httpx.H(h.createCourse))
	mux.HandleFunc("PUT /studio/courses/{course}", httpx.H(h.updateCourse))
	mux.HandleFunc("POST /studio/courses/{course}/modules", httpx.H(h.addModule))
	mux.HandleFunc("PUT /studio/courses/{course}/lessons", httpx.H(h.saveLesson))
	mux.HandleFunc("POST /studio/courses/{course}/submit", httpx.H(h.submit))
	mux.HandleFunc("POST /review/courses/{course}/approve", httpx.H(h.approve))
	mux.HandleFunc("POST /review/courses/{course}/reject", httpx.H(h.reject))
	mux.HandleFunc("POST /studio/courses/{course}/unpublish", httpx.H(h.unpublish))
}

func courseID(r *http.Request) types.CourseID { return types.CourseID(r.PathValue("course")) }

func (h *Handler) myCourses(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	req := page.FromHTTP(r)
	list, err := h.Repo.List(r.Context(), repo.Filter{InstructorID: p.UserID}, req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page.New(list, req, 0))
	return nil
}

func (h *Handler) createCourse(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in authoring.CourseInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	c, err := h.Studio.CreateCourse(r.Context(), p, in)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handler) updateCourse(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in authoring.CourseInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	c, err := h.Studio.UpdateCourse(r.Context(), p, courseID(r), in)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) addModule(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in struct {
		Title string `json:"title"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	m, err := h.Studio.AddModule(r.Context(), p, courseID(r), in.Title)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, m)
	return nil
}

func (h *Handler) saveLesson(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in domain.Lesson
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	l, err := h.Studio.SaveLesson(r.Context(), p, courseID(r), in)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, l)
	return nil
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) error {
	return h.workflowStep(w, r, h.Workflow.Submit)
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) error {
	return h.workflowStep(w, r, h.Workflow.Approve)
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request) error {
	return h.workflowStep(w, r, h.Workflow.Reject)
}

func (h *Handler) unpublish(w http.ResponseWriter, r *http.Request) error {
	return h.workflowStep(w, r, h.Workflow.Unpublish)
}

func (h *Handler) workflowStep(w http.ResponseWriter, r *http.Request, step func(ctx context.Context, p auth.Principal, id types.CourseID) error) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	if err := step(r.Context(), p, courseID(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
