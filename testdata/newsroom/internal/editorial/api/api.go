// Package api is the HTTP surface of the CMS and the public article endpoints.
package api

import (
	"net/http"
	"time"

	"github.com/dailyherald/newsroom/internal/analytics/report"
	"github.com/dailyherald/newsroom/internal/editorial/article"
	"github.com/dailyherald/newsroom/internal/editorial/feeds"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/editorial/taxonomy"
	"github.com/dailyherald/newsroom/internal/editorial/workflow"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct {
	Articles *article.Service
	Store    *store.ArticleStore
	Workflow *workflow.Service
	Taxonomy *taxonomy.Service
	Feeds    *feeds.Service
	Reports  *report.Service
}

func (h Handlers) Register(mux *http.ServeMux) {
	// Public
	mux.HandleFunc("GET /v1/articles/{slug}", h.publicArticle)
	mux.HandleFunc("GET /v1/sections", h.sections)
	mux.HandleFunc("GET /v1/sections/{id}/articles", h.sectionArticles)
	mux.HandleFunc("GET /rss/{section}", h.rss)
	mux.HandleFunc("GET /sitemap-news.xml", h.sitemap)
	mux.HandleFunc("GET /v1/most-read", h.mostRead)

	// CMS
	mux.HandleFunc("GET /v1/cms/articles", middleware.RequireStaff("reporter", h.list))
	mux.HandleFunc("POST /v1/cms/articles", middleware.RequireStaff("reporter", h.create))
	mux.HandleFunc("GET /v1/cms/articles/{id}", middleware.RequireStaff("reporter", h.get))
	mux.HandleFunc("PUT /v1/cms/articles/{id}", middleware.RequireStaff("reporter", h.update))
	mux.HandleFunc("POST /v1/cms/articles/{id}/transitions", middleware.RequireStaff("reporter", h.transition))
	mux.HandleFunc("POST /v1/cms/articles/{id}/publish", middleware.RequireStaff("editor", h.publish))
	mux.HandleFunc("POST /v1/cms/articles/{id}/schedule", middleware.RequireStaff("editor", h.schedule))
}

func principal(r *http.Request) middleware.Principal {
	p, _ := middleware.PrincipalFrom(r.Context())
	return p
}

func (h Handlers) publicArticle(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.GetBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	// The body is withheld for premium pieces; clients fetch it via the paywall endpoint.
	if a.Premium {
		a.Body = ""
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}

func (h Handlers) sections(w http.ResponseWriter, r *http.Request) {
	list, err := h.Taxonomy.Sections(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) sectionArticles(w http.ResponseWriter, r *http.Request) {
	p := httpx.PageFrom(r, 20, 100)
	list, err := h.Store.List(r.Context(), store.Filter{
		SectionID: r.PathValue("id"), Status: models.StatusPublished, TagSlug: r.URL.Query().Get("tag"),
		Limit: p.Limit, Offset: p.Offset,
	})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	for i := range list {
		list[i].Body = ""
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) rss(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	if err := h.Feeds.SectionRSS(r.Context(), w, r.PathValue("section")); err != nil {
		httpx.WriteError(w, r, err)
	}
}

func (h Handlers) sitemap(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	if err := h.Feeds.NewsSitemap(r.Context(), w); err != nil {
		httpx.WriteError(w, r, err)
	}
}

func (h Handlers) mostRead(w http.ResponseWriter, r *http.Request) {
	list, err := h.Reports.MostRead(r.Context(), time.Now().Add(-24*time.Hour), r.URL.Query().Get("section"), 10)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=120")
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) list(w http.ResponseWriter, r *http.Request) {
	p := httpx.PageFrom(r, 50, 200)
	list, err := h.Store.List(r.Context(), store.Filter{
		SectionID: r.URL.Query().Get("section"), Status: models.ArticleStatus(r.URL.Query().Get("status")),
		Limit: p.Limit, Offset: p.Offset,
	})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) get(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}

func (h Handlers) create(w http.ResponseWriter, r *http.Request) {
	var in article.Input
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a, err := h.Articles.Create(r.Context(), in, principal(r).ID)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, a)
}

func (h Handlers) update(w http.ResponseWriter, r *http.Request) {
	var in article.Input
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a, err := h.Articles.Update(r.Context(), r.PathValue("id"), in, principal(r).ID)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}

func (h Handlers) transition(w http.ResponseWriter, r *http.Request) {
	var in struct {
		To   models.ArticleStatus `json:"to"`
		Note string               `json:"note"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a, err := h.Workflow.Move(r.Context(), r.PathValue("id"), in.To, principal(r), in.Note)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}

func (h Handlers) publish(w http.ResponseWriter, r *http.Request) {
	a, err := h.Workflow.Publish(r.Context(), r.PathValue("id"), principal(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}

func (h Handlers) schedule(w http.ResponseWriter, r *http.Request) {
	var in struct {
		At time.Time `json:"at"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := h.Workflow.Schedule(r.Context(), r.PathValue("id"), in.At, principal(r)); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
