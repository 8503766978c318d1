// Package importer imports contacts and companies from CSV and exports
// contacts back to CSV.
package importer

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/contacts/companies"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// MaxRows is the largest file we import synchronously.
const MaxRows = 50_000

// Job is an import run.
type Job struct {
	ID         core.ID    `json:"id"`
	Filename   string     `json:"filename"`
	Status     string     `json:"status"`
	Created    int        `json:"created"`
	Skipped    int        `json:"skipped"`
	Failed     int        `json:"failed"`
	Errors     []RowError `json:"errors,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// RowError explains why a row failed.
type RowError struct {
	Row int    `json:"row"`
	Err string `json:"error"`
}

// header aliases seen in exports from other CRMs.
var aliases = map[string]string{
	"first name": "first_name", "firstname": "first_name", "given name": "first_name",
	"last name": "last_name", "lastname": "last_name", "surname": "last_name",
	"email": "email", "e-mail": "email", "email address": "email",
	"phone": "phone", "phone number": "phone", "mobile": "phone",
	"title": "title", "job title": "title",
	"company": "company", "company name": "company", "organization": "company",
	"website": "domain", "domain": "domain", "company domain": "domain",
	"lifecycle stage": "lifecycle_stage", "stage": "lifecycle_stage",
}

// Service runs imports and exports.
type Service struct {
	DB        *sql.DB
	Contacts  *contacts.Service
	Companies *companies.Store
	Events    events.Publisher
	Clock     clock.Clock
}

// Import reads a CSV and creates contacts, skipping existing emails.
func (s *Service) Import(ctx context.Context, filename string, r io.Reader) (Job, error) {
	p, err := permissions.Require(ctx, permissions.ImportRun)
	if err != nil {
		return Job{}, err
	}
	rows, err := readCSV(r)
	if err != nil {
		return Job{}, err
	}
	if err := s.Contacts.Limits.CheckContactLimit(ctx, p.TenantID, len(rows)); err != nil {
		return Job{}, err
	}
	job := Job{ID: core.NewID("im"), Filename: filename, Status: "running", CreatedAt: s.Clock.Now()}
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO import_jobs (id, tenant_id, created_by, filename, status, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		job.ID, p.TenantID, p.UserID, filename, job.Status, job.CreatedAt); err != nil {
		return job, err
	}
	emails := make([]string, 0, len(rows))
	for _, row := range rows {
		if e := row["email"]; e != "" {
			emails = append(emails, e)
		}
	}
	existing, err := s.Contacts.Repo.FindByEmails(ctx, p.TenantID, emails)
	if err != nil {
		return job, err
	}
	seen := map[string]bool{}
	for _, c := range existing {
		seen[strings.ToLower(c.Email)] = true
	}
	for i, row := range rows {
		email := strings.ToLower(row["email"])
		if email != "" && seen[email] {
			job.Skipped++
			continue
		}
		if err := s.importRow(ctx, p.TenantID, p.UserID, row); err != nil {
			job.Failed++
			if len(job.Errors) < 100 {
				job.Errors = append(job.Errors, RowError{Row: i + 2, Err: errs.Public(err)})
			}
			continue
		}
		seen[email] = true
		job.Created++
	}
	now := s.Clock.Now()
	job.Status, job.FinishedAt = "finished", &now
	errJSON, _ := json.Marshal(job.Errors)
	if _, err := s.DB.ExecContext(ctx, `UPDATE import_jobs SET status=$2, created_count=$3, skipped_count=$4, failed_count=$5, errors=$6, finished_at=$7
		WHERE id = $1`, job.ID, job.Status, job.Created, job.Skipped, job.Failed, errJSON, now); err != nil {
		return job, err
	}
	_ = s.Events.Publish(ctx, core.TopicImportFinished, core.ImportFinished{ImportID: job.ID, Created: job.Created, Skipped: job.Skipped, Failed: job.Failed})
	return job, nil
}

func (s *Service) importRow(ctx context.Context, tenantID, userID core.ID, row map[string]string) error {
	if e := row["email"]; e != "" {
		if _, err := mail.ParseAddress(e); err != nil {
			return errs.Invalid("invalid email " + e)
		}
	}
	in := contacts.Input{FirstName: row["first_name"], LastName: row["last_name"], Email: row["email"], Phone: row["phone"],
		Title: row["title"], LifecycleStage: row["lifecycle_stage"]}
	domain := row["domain"]
	if domain == "" {
		domain = companies.DomainOf(row["email"])
	}
	if domain != "" || row["company"] != "" {
		var co core.Company
		var err error
		if domain != "" {
			co, err = s.Companies.UpsertByDomain(ctx, s.DB, tenantID, userID, row["company"], domain)
		} else {
			co, err = s.Companies.Create(ctx, s.DB, core.Company{TenantID: tenantID, OwnerID: userID, Name: row["company"]})
		}
		if err != nil && !errs.Is(err, errs.KindConflict) {
			return err
		}
		in.CompanyID = co.ID
	}
	_, err := s.Contacts.Create(ctx, in)
	return err
}

func readCSV(r io.Reader) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, errs.Invalid("could not read CSV header")
	}
	cols := make([]string, len(header))
	known := 0
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if a, ok := aliases[h]; ok {
			cols[i] = a
			known++
		}
	}
	if known == 0 {
		return nil, errs.Invalid("no recognised columns; expected e.g. 'First Name', 'Email', 'Company'")
	}
	var rows []map[string]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errs.Invalid(fmt.Sprintf("CSV error: %v", err))
		}
		if len(rows) >= MaxRows {
			return nil, errs.Limit(fmt.Sprintf("files are limited to %d rows", MaxRows))
		}
		row := map[string]string{}
		for i, v := range rec {
			if i < len(cols) && cols[i] != "" {
				row[cols[i]] = strings.TrimSpace(v)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Export streams contacts visible to the principal as CSV.
func (s *Service) Export(ctx context.Context, w io.Writer, f contacts.ListFilter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "first_name", "last_name", "email", "phone", "title", "lifecycle_stage", "company_id", "created_at"}); err != nil {
		return err
	}
	pg := pagination.Params{Limit: 1000}
	for {
		page, err := s.Contacts.List(ctx, f, pg)
		if err != nil {
			return err
		}
		for _, c := range page.Items {
			if err := cw.Write([]string{string(c.ID), c.FirstName, c.LastName, c.Email, c.Phone, c.Title, c.LifecycleStage,
				string(c.CompanyID), c.CreatedAt.Format(time.RFC3339)}); err != nil {
				return err
			}
		}
		cw.Flush()
		if page.NextCursor == "" {
			return cw.Error()
		}
		pg.Offset += pg.Limit
	}
}
