// Package api exposes the catalog: public browsing/search, and the
// instructor studio and review endpoints.
package api

import (
	"context"
	"net/http"
	"strings"

	"quill.dev/academy/pkg/catalog/authoring"
	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/catalog/pricing"
	"quill.dev/academy/pkg/catalog/publish"
	"quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/catalog/search"
	"quill.dev/academy/pkg/common/types"
	enrollstore "quill.dev/academy/pkg/enrollment/store"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/identity/profile"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/page"
)

// Tiers tells us the visitor's plan (billing).
type Tiers interface {
	Tier(ctx context.Context, uid types.UserID) (types.PlanTier, error)
}

// Handler serves catalog endpoints.
type Handler struct {
	Repo     *repo.Repo
	Studio   *authoring.Service
	Workflow *publish.Workflow
	Index    *search.Index
	Pricing  *pricing.Calculator
	Profiles *profile.Store
	Tiers    Tiers
	// Enrollments is used for the "N learners" badge on course pages.
	Enrollments *enrollstore.Queries
	Clock       clock.Clock
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /courses", httpx.H(h.list))
	mux.HandleFunc("GET /courses/search", httpx.H(h.search))
	mux.HandleFunc("GET /catalog/courses/{slug}", httpx.H(h.detail))
	mux.HandleFunc("GET /courses/{course}/curriculum", httpx.H(h.curriculum))
	mux.HandleFunc("GET /courses/{course}/price", httpx.H(h.price))
	h.studioRoutes(mux)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	req := page.FromHTTP(r)
	q := r.URL.Query()
	list, err := h.Repo.List(r.Context(), repo.Filter{Status: domain.StatusPublished, Level: types.Level(q.Get("level")), Tag: q.Get("tag")}, req)
	if err != nil {
		return err
	}
	out := make([]types.CourseSummary, len(list))
	for i, c := range list {
		out[i] = c.Summary()
	}
	httpx.JSON(w, http.StatusOK, page.New(out, req, 0))
	return nil
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return errs.E(errs.Invalid, "search", "q is required")
	}
	query := search.Query{Text: text, Level: types.Level(q.Get("level")), Limit: 50}
	if q.Get("included") == "1" {
		if p, ok := auth.From(r.Context()); ok {
			query.Tier, _ = h.Tiers.Tier(r.Context(), p.UserID)
		}
	}
	httpx.JSON(w, http.StatusOK, h.Index.Search(query))
	return nil
}

type detailResponse struct {
	domain.Course
	Instructor    *profile.Profile `json:"instructor,omitempty"`
	Learners      int64            `json:"learners"`
	TotalDuration int              `json:"total_duration_sec"`
}

func (h *Handler) detail(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Repo.CourseBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	if c.Status != domain.StatusPublished {
		if p, ok := auth.From(r.Context()); !ok || (p.UserID != c.InstructorID && p.Role != types.RoleAdmin) {
			return errs.E(errs.NotFound, "course", "not found")
		}
	}
	if c.Modules, err = h.Repo.Curriculum(r.Context(), c.ID); err != nil {
		return err
	}
	for mi := range c.Modules {
		for li := range c.Modules[mi].Lessons {
			if !c.Modules[mi].Lessons[li].Preview {
				c.Modules[mi].Lessons[li].Body = ""
			}
		}
	}
	resp := detailResponse{Course: c, TotalDuration: int(c.TotalDuration().Seconds())}
	if prof, err := h.Profiles.Get(r.Context(), c.InstructorID); err == nil {
		resp.Instructor = &prof
	}
	if n, err := h.Enrollments.CountEnrollmentsByCourse(r.Context(), string(c.ID)); err == nil {
		resp.Learners = n
	} else {
		log.From(r.Context()).Warn("learner count", "err", err)
	}
	httpx.JSON(w, http.StatusOK, resp)
	return nil
}

func (h *Handler) curriculum(w http.ResponseWriter, r *http.Request) error {
	mods, err := h.Repo.Curriculum(r.Context(), types.CourseID(r.PathValue("course")))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, mods)
	return nil
}

func (h *Handler) price(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Repo.Summary(r.Context(), types.CourseID(r.PathValue("course")))
	if err != nil {
		return err
	}
	tier := types.TierFree
	if p, ok := auth.From(r.Context()); ok {
		if t, err := h.Tiers.Tier(r.Context(), p.UserID); err == nil {
			tier = t
		}
	}
	country := r.Header.Get("CF-IPCountry")
	httpx.JSON(w, http.StatusOK, h.Pricing.Quote(r.Context(), c, country, r.URL.Query().Get("coupon"), tier, h.Clock.Now()))
	return nil
}
