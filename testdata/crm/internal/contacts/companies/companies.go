// Package companies manages the organisations contacts work at.
package companies

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Store is the SQL store for companies.
type Store struct{ DB *sql.DB }

const cols = `id, tenant_id, owner_id, name, COALESCE(domain, ''), COALESCE(industry, ''), COALESCE(employees, 0), created_at`

func scan(s interface{ Scan(...any) error }) (core.Company, error) {
	var c core.Company
	err := s.Scan(&c.ID, &c.TenantID, &c.OwnerID, &c.Name, &c.Domain, &c.Industry, &c.Employees, &c.CreatedAt)
	return c, err
}

// NormalizeDomain turns "https://www.Acme.com/about" into "acme.com".
func NormalizeDomain(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// DomainOf returns the company domain of an email address, ignoring
// free-mail providers.
func DomainOf(email string) string {
	_, d, ok := strings.Cut(strings.ToLower(email), "@")
	if !ok || freeMail[d] {
		return ""
	}
	return d
}

var freeMail = map[string]bool{"gmail.com": true, "yahoo.com": true, "outlook.com": true, "hotmail.com": true, "icloud.com": true, "proton.me": true}

// Create inserts a company.
func (s *Store) Create(ctx context.Context, q db.Querier, c core.Company) (core.Company, error) {
	if strings.TrimSpace(c.Name) == "" {
		return c, errs.Invalid("company name is required")
	}
	c.Domain = NormalizeDomain(c.Domain)
	if c.ID == "" {
		c.ID = core.NewID(core.PrefixCompany)
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now().UTC()
	}
	_, err := q.ExecContext(ctx, `INSERT INTO companies (id, tenant_id, owner_id, name, domain, industry, employees, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, c.ID, c.TenantID, c.OwnerID, c.Name, db.NullString(c.Domain),
		db.NullString(c.Industry), c.Employees, c.CreatedAt)
	if db.IsUniqueViolation(err) {
		return c, errs.Conflict("a company with domain " + c.Domain + " already exists")
	}
	return c, err
}

// Get loads a company.
func (s *Store) Get(ctx context.Context, tenantID, id core.ID) (core.Company, error) {
	c, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM companies WHERE tenant_id=$1 AND id=$2 AND deleted_at IS NULL`, tenantID, id))
	return c, db.NoRows(err, "company")
}

// FindByDomain returns the company for a domain.
func (s *Store) FindByDomain(ctx context.Context, q db.Querier, tenantID core.ID, domain string) (core.Company, error) {
	c, err := scan(q.QueryRowContext(ctx, `SELECT `+cols+` FROM companies WHERE tenant_id=$1 AND lower(domain)=$2 AND deleted_at IS NULL`,
		tenantID, NormalizeDomain(domain)))
	return c, db.NoRows(err, "company")
}

// UpsertByDomain finds or creates a company for a domain.
func (s *Store) UpsertByDomain(ctx context.Context, q db.Querier, tenantID, ownerID core.ID, name, domain string) (core.Company, error) {
	c, err := s.FindByDomain(ctx, q, tenantID, domain)
	if err == nil || !errs.Is(err, errs.KindNotFound) {
		return c, err
	}
	if name == "" {
		name = strings.SplitN(NormalizeDomain(domain), ".", 2)[0]
		if name != "" {
			name = strings.ToUpper(name[:1]) + name[1:]
		}
	}
	return s.Create(ctx, q, core.Company{TenantID: tenantID, OwnerID: ownerID, Name: name, Domain: domain})
}

// List pages through companies, optionally filtered by name prefix.
func (s *Store) List(ctx context.Context, tenantID core.ID, prefix string, p pagination.Params) ([]core.Company, error) {
	return db.All(ctx, s.DB, scan, `SELECT `+cols+` FROM companies WHERE tenant_id=$1 AND deleted_at IS NULL
		AND ($2 = '' OR name ILIKE $2 || '%') ORDER BY name, id`+p.SQL(), tenantID, prefix)
}

// Update writes editable fields.
func (s *Store) Update(ctx context.Context, c core.Company) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE companies SET name=$3, domain=$4, industry=$5, employees=$6, owner_id=$7
		WHERE tenant_id=$1 AND id=$2`, c.TenantID, c.ID, c.Name, db.NullString(NormalizeDomain(c.Domain)),
		db.NullString(c.Industry), c.Employees, c.OwnerID)
	return err
}
