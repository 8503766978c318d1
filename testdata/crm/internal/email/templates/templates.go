// Package templates stores reusable email templates with merge fields.
package templates

import (
	"bytes"
	"context"
	"database/sql"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
)

// Migrations for templates.
var Migrations = []db.Migration{
	{Name: "email_003_templates", Up: `CREATE TABLE email_templates (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		name TEXT NOT NULL,
		subject TEXT NOT NULL,
		body TEXT NOT NULL,
		created_by TEXT NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL
	)`},
}

// Template is an email template. Subject and Body use Go template syntax:
// {{.Contact.FirstName}}, {{.Company.Name}}, {{.Sender.Name}}.
type Template struct {
	ID        core.ID   `json:"id"`
	TenantID  core.ID   `json:"tenant_id"`
	Name      string    `json:"name"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	CreatedBy core.ID   `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MergeData is the data available to templates.
type MergeData struct {
	Contact core.Contact
	Company core.Company
	Sender  core.User
	Deal    *core.Deal
}

var funcs = map[string]any{
	"default": func(def, v string) string {
		if strings.TrimSpace(v) == "" {
			return def
		}
		return v
	},
	"upper": strings.ToUpper,
	"title": func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
}

// Validate checks that subject and body parse.
func Validate(t Template) error {
	if strings.TrimSpace(t.Name) == "" {
		return errs.Invalid("template name is required")
	}
	if _, err := texttemplate.New("s").Funcs(funcs).Parse(t.Subject); err != nil {
		return errs.Invalid("subject: " + err.Error())
	}
	if _, err := htmltemplate.New("b").Funcs(funcs).Parse(t.Body); err != nil {
		return errs.Invalid("body: " + err.Error())
	}
	return nil
}

// Render executes the template.
func Render(t Template, d MergeData) (subject, body string, err error) {
	st, err := texttemplate.New("s").Funcs(funcs).Option("missingkey=zero").Parse(t.Subject)
	if err != nil {
		return "", "", err
	}
	bt, err := htmltemplate.New("b").Funcs(funcs).Option("missingkey=zero").Parse(t.Body)
	if err != nil {
		return "", "", err
	}
	var sb, bb bytes.Buffer
	if err := st.Execute(&sb, d); err != nil {
		return "", "", err
	}
	if err := bt.Execute(&bb, d); err != nil {
		return "", "", err
	}
	return strings.TrimSpace(sb.String()), bb.String(), nil
}

// Store is the SQL store for templates.
type Store struct{ DB *sql.DB }

// Save creates or updates a template.
func (s *Store) Save(ctx context.Context, t Template) (Template, error) {
	if err := Validate(t); err != nil {
		return t, err
	}
	t.UpdatedAt = time.Now().UTC()
	if t.ID == "" {
		t.ID = core.NewID("et")
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO email_templates (id, tenant_id, name, subject, body, created_by, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7)
		ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
		t.ID, t.TenantID, t.Name, t.Subject, t.Body, t.CreatedBy, t.UpdatedAt)
	return t, err
}

// Get loads a template.
func (s *Store) Get(ctx context.Context, tenantID, id core.ID) (Template, error) {
	t, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM email_templates WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return t, db.NoRows(err, "template")
}

// List returns all templates of a tenant.
func (s *Store) List(ctx context.Context, tenantID core.ID) ([]Template, error) {
	return db.All(ctx, s.DB, scan, `SELECT `+cols+` FROM email_templates WHERE tenant_id = $1 ORDER BY name`, tenantID)
}

const cols = `id, tenant_id, name, subject, body, created_by, updated_at`

func scan(r db.Scanner) (t Template, err error) {
	return t, r.Scan(&t.ID, &t.TenantID, &t.Name, &t.Subject, &t.Body, &t.CreatedBy, &t.UpdatedAt)
}

// Delete removes a template.
func (s *Store) Delete(ctx context.Context, tenantID, id core.ID) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM email_templates WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	return err
}
