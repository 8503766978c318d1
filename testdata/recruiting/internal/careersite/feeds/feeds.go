// Package feeds publishes XML job feeds consumed by job boards (Indeed-style
// and LinkedIn "limited listings").
package feeds

import (
	"database/sql"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/money"
)

type Handler struct {
	db      *sql.DB
	baseURL string
}

func New(db *sql.DB, careerSiteBaseURL string) *Handler {
	return &Handler{db: db, baseURL: careerSiteBaseURL}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /feeds/{sub}/{channel}", h.feed)
}

type cdata struct {
	Text string `xml:",cdata"`
}

type job struct {
	Title        cdata  `xml:"title"`
	Date         string `xml:"date"`
	ReferenceNum string `xml:"referencenumber"`
	URL          string `xml:"url"`
	Company      cdata  `xml:"company"`
	City         cdata  `xml:"city"`
	Description  cdata  `xml:"description"`
	Salary       string `xml:"salary,omitempty"`
	JobType      string `xml:"jobtype"`
	RemoteType   string `xml:"remotetype,omitempty"`
}

var jobTypes = map[string]string{"full_time": "fulltime", "part_time": "parttime", "contract": "contract", "intern": "internship"}

// feed joins published postings with their requisitions for salary and job
// type, which job boards require.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) {
	sub, channel := r.PathValue("sub"), strings.TrimSuffix(r.PathValue("channel"), ".xml")
	if channel != "indeed" && channel != "linkedin" {
		httpx.Error(w, r, errs.NotFound("feed"))
		return
	}
	rows, err := h.db.QueryContext(r.Context(),
		`SELECT p.id, p.slug, p.title, p.description, p.location, p.remote, p.show_salary, p.published_at, t.name,
		        r.employment_type, r.salary_min_cents, r.salary_max_cents, r.currency
		 FROM job_postings p
		 JOIN tenants t ON t.id = p.tenant_id AND t.subdomain = $1 AND t.status <> 'suspended'
		 JOIN requisitions r ON r.id = p.requisition_id AND r.status = 'approved'
		 WHERE p.status = 'published' AND $2 = ANY(string_to_array(p.channels, ','))
		 ORDER BY p.published_at DESC`, sub, channel)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	defer rows.Close()
	var jobs []job
	for rows.Next() {
		var (
			id, slug, empType, cur string
			j                      job
			remote, showSalary     bool
			published              time.Time
			minC, maxC             int64
		)
		if err := rows.Scan(&id, &slug, &j.Title.Text, &j.Description.Text, &j.City.Text, &remote, &showSalary, &published,
			&j.Company.Text, &empType, &minC, &maxC, &cur); err != nil {
			httpx.Error(w, r, err)
			return
		}
		j.Date, j.ReferenceNum, j.JobType = published.Format(time.RFC1123), id, jobTypes[empType]
		j.URL = fmt.Sprintf("%s/careers/%s/jobs/%s?src=%s", h.baseURL, sub, slug, channel)
		if remote {
			j.RemoteType = "Fully remote"
		}
		if showSalary && maxC > 0 {
			j.Salary = fmt.Sprintf("%s - %s per year", money.New(minC, cur), money.New(maxC, cur))
		}
		jobs = append(jobs, j)
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=900")
	_, _ = w.Write([]byte(xml.Header))
	_ = xml.NewEncoder(w).Encode(struct {
		XMLName       xml.Name `xml:"source"`
		LastBuildDate string   `xml:"lastBuildDate"`
		Jobs          []job    `xml:"job"`
	}{LastBuildDate: time.Now().UTC().Format(time.RFC1123), Jobs: jobs})
}
