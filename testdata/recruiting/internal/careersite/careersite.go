// Package careersite serves each customer's public careers pages and takes
// applications from them. It was written for the 2020 launch by the
// marketing-site team and has its own SQL for the apply flow because "the
// pipeline API was too slow" at the time.
package careersite

import (
	"context"
	"database/sql"
	"html/template"
	"io"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/hirebase/ats/internal/app/pipeline/automation"
	dbpostings "github.com/hirebase/ats/internal/db/postings"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/resumes"
	"github.com/hirebase/ats/internal/resumes/parser"
)

type Handler struct {
	db       *sql.DB
	postings *dbpostings.Store
	resumes  *resumes.Store
	bus      *events.Bus
}

func New(db *sql.DB, postings *dbpostings.Store, rs *resumes.Store, bus *events.Bus) *Handler {
	return &Handler{db: db, postings: postings, resumes: rs, bus: bus}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /careers/{sub}", h.index)
	mux.HandleFunc("GET /careers/{sub}/jobs/{slug}", h.job)
	mux.HandleFunc("POST /careers/{sub}/jobs/{slug}/apply", h.apply)
}

var pages = template.Must(template.New("index").Parse(`<!doctype html><html><head><title>{{.Site.Title}}</title>
<style>:root{--brand:{{.Site.PrimaryColor}}}</style></head><body><h1>{{.Site.Title}}</h1><p>{{.Site.Intro}}</p>
<ul>{{range .Jobs}}<li><a href="/careers/{{$.Sub}}/jobs/{{.Slug}}">{{.Title}}</a> — {{if .Remote}}Remote{{else}}{{.Location}}{{end}}</li>
{{else}}<li>No open positions right now.</li>{{end}}</ul></body></html>
{{define "job"}}<!doctype html><html><head><title>{{.Job.Title}} — {{.Site.Title}}</title></head><body>
<h1>{{.Job.Title}}</h1><p>{{.Job.Location}}</p><div>{{.Job.Description}}</div>
<form method="post" action="/careers/{{.Sub}}/jobs/{{.Job.Slug}}/apply" enctype="multipart/form-data">
<input name="first_name" required><input name="last_name"><input name="email" type="email" required><input name="phone">
<input name="website" style="display:none" tabindex="-1" autocomplete="off">
{{range .Questions}}<label>{{.Prompt}}</label>{{if .Choices}}<select name="q_{{.ID}}">{{range .Choices}}<option>{{.}}</option>{{end}}</select>
{{else}}<textarea name="q_{{.ID}}"></textarea>{{end}}{{end}}<input type="file" name="resume"><button>Apply</button></form></body></html>{{end}}`))

// lookupSite resolves a subdomain straight from the tenants table.
func (h *Handler) lookupSite(ctx context.Context, sub string) (models.CareerSite, error) {
	var s models.CareerSite
	err := h.db.QueryRowContext(ctx,
		`SELECT t.id, cs.title, cs.intro, cs.primary_color FROM tenants t JOIN career_sites cs ON cs.tenant_id = t.id
		 WHERE t.subdomain = $1 AND cs.published AND t.status IN ('trial', 'active', 'past_due')`, sub).
		Scan(&s.TenantID, &s.Title, &s.Intro, &s.PrimaryColor)
	if dbx.NoRows(err) {
		return s, errs.NotFound("career site")
	}
	return s, err
}

func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	s, err := h.lookupSite(r.Context(), r.PathValue("sub"))
	var jobs []models.JobPosting
	if err == nil {
		jobs, err = h.postings.ListPublished(r.Context(), s.TenantID, "career_site")
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = pages.Execute(w, map[string]any{"Site": s, "Jobs": jobs, "Sub": r.PathValue("sub")})
}

func (h *Handler) job(w http.ResponseWriter, r *http.Request) {
	s, p, qs, err := h.load(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = pages.ExecuteTemplate(w, "job", map[string]any{"Site": s, "Job": p, "Questions": qs, "Sub": r.PathValue("sub")})
}

func (h *Handler) load(r *http.Request) (models.CareerSite, models.JobPosting, []models.PostingQuestion, error) {
	s, err := h.lookupSite(r.Context(), r.PathValue("sub"))
	if err != nil {
		return s, models.JobPosting{}, nil, err
	}
	p, err := h.postings.PublishedBySlug(r.Context(), s.TenantID, r.PathValue("slug"))
	if err != nil {
		return s, p, nil, err
	}
	qs, err := h.postings.Questions(r.Context(), p.ID)
	return s, p, qs, err
}

func (h *Handler) apply(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s, p, qs, err := h.load(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := r.ParseMultipartForm(resumes.MaxSize + 1<<16); err != nil || r.FormValue("website") != "" {
		w.WriteHeader(http.StatusAccepted) // bad form or honeypot hit: say nothing useful to bots
		return
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(r.FormValue("email")))
	if err != nil || strings.TrimSpace(r.FormValue("first_name")) == "" {
		httpx.Error(w, r, errs.Validation("name and a valid email are required"))
		return
	}
	a := applicant{TenantID: s.TenantID, Posting: p, Email: strings.ToLower(addr.Address), Answers: map[string]string{},
		First: strings.TrimSpace(r.FormValue("first_name")), Last: strings.TrimSpace(r.FormValue("last_name")),
		Phone: parser.NormalizePhone(r.FormValue("phone"))}
	for _, q := range qs {
		a.Answers[q.ID] = r.FormValue("q_" + q.ID)
	}
	if a.Knockout = automation.EvaluateKnockouts(qs, a.Answers); len(a.Knockout.Missing)+len(a.Knockout.Invalid) > 0 {
		httpx.Error(w, r, errs.Validation("please answer: %s", strings.Join(append(a.Knockout.Missing, a.Knockout.Invalid...), "; ")))
		return
	}
	var candID, appID string
	err = dbx.WithTx(ctx, h.db, func(tx *sql.Tx) error {
		if candID, appID, err = persist(ctx, tx, a); err != nil {
			return err
		}
		if f, hdr, ferr := r.FormFile("resume"); ferr == nil {
			defer f.Close()
			data, _ := io.ReadAll(io.LimitReader(f, resumes.MaxSize+1))
			_, err = h.resumes.Save(ctx, tx, candID, hdr.Filename, hdr.Header.Get("Content-Type"), data)
		}
		return err
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	h.bus.Publish(ctx, events.ApplicationCreated, s.TenantID, appID, map[string]string{
		"requisition_id": p.RequisitionID, "candidate_id": candID, "source": "career_site"})
	if a.Knockout.KnockedOut {
		h.bus.Publish(ctx, events.ApplicationRejected, s.TenantID, appID, map[string]string{
			"reason": a.Knockout.Reason, "stage": models.StageApplied, "requisition_id": p.RequisitionID})
	}
	httpx.JSON(w, http.StatusCreated, map[string]string{"status": "received"})
}

type applicant struct {
	TenantID                  string
	Posting                   models.JobPosting
	Email, First, Last, Phone string
	Answers                   map[string]string
	Knockout                  automation.KnockoutResult
}

// persist upserts the candidate and creates the application directly.
func persist(ctx context.Context, tx *sql.Tx, a applicant) (candID, appID string, err error) {
	var open bool
	if err = tx.QueryRowContext(ctx, `SELECT status = 'approved' AND filled < openings FROM requisitions WHERE tenant_id = $1 AND id = $2`,
		a.TenantID, a.Posting.RequisitionID).Scan(&open); err != nil || !open {
		return "", "", errs.Conflict("this position is no longer accepting applications")
	}
	now := time.Now().UTC()
	if err = tx.QueryRowContext(ctx,
		`INSERT INTO candidates (id, tenant_id, first_name, last_name, email, phone, source, anonymized, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, 'career_site', false, $7, $7)
		 ON CONFLICT (tenant_id, email) WHERE merged_into IS NULL
		 DO UPDATE SET phone = coalesce(candidates.phone, EXCLUDED.phone), updated_at = EXCLUDED.updated_at RETURNING id`,
		ids.New(ids.Candidate), a.TenantID, a.First, a.Last, a.Email, dbx.NullString(a.Phone), now).Scan(&candID); err != nil {
		return "", "", err
	}
	status, reason := "active", ""
	if a.Knockout.KnockedOut {
		status, reason = "rejected", a.Knockout.Reason
	}
	appID = ids.New(ids.Application)
	_, err = tx.ExecContext(ctx,
		`INSERT INTO applications (id, tenant_id, candidate_id, requisition_id, posting_id, stage_key, status, source, reject_reason, applied_at, stage_entered_at)
		 VALUES ($1, $2, $3, $4, $5, 'applied', $6, 'career_site', $7, $8, $8)`,
		appID, a.TenantID, candID, a.Posting.RequisitionID, a.Posting.ID, status, dbx.NullString(reason), now)
	if dbx.IsUniqueViolation(err) {
		return "", "", errs.Conflict("you have already applied for this position")
	} else if err != nil {
		return "", "", err
	}
	if _, err = tx.ExecContext(ctx,
		`INSERT INTO application_stage_events (application_id, from_stage, to_stage, at) VALUES ($1, '', 'applied', $2)`, appID, now); err != nil {
		return "", "", err
	}
	for qid, ans := range a.Answers {
		if _, err = tx.ExecContext(ctx, `INSERT INTO application_answers (application_id, question_id, answer) VALUES ($1, $2, $3)`, appID, qid, ans); err != nil {
			return "", "", err
		}
	}
	return candID, appID, nil
}
