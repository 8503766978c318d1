package contacts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Columns is the select list matching Scan. Exported for segments.
const Columns = `id, tenant_id, owner_id, COALESCE(company_id, ''), first_name, last_name, email,
	COALESCE(phone, ''), COALESCE(title, ''), lifecycle_stage, last_activity_at, created_at, updated_at`

// Scan reads a contact row selected with Columns.
func Scan(s interface{ Scan(...any) error }) (core.Contact, error) {
	var c core.Contact
	var last sql.NullTime
	err := s.Scan(&c.ID, &c.TenantID, &c.OwnerID, &c.CompanyID, &c.FirstName, &c.LastName, &c.Email,
		&c.Phone, &c.Title, &c.LifecycleStage, &last, &c.CreatedAt, &c.UpdatedAt)
	c.LastActivityAt = db.TimePtr(last)
	return c, err
}

// ScanAll drains rows.
func ScanAll(rows *sql.Rows) ([]core.Contact, error) {
	defer rows.Close()
	var out []core.Contact
	for rows.Next() {
		c, err := Scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Repo is the SQL store for contacts.
type Repo struct{ DB *sql.DB }

// Insert creates a contact.
func (r *Repo) Insert(ctx context.Context, q db.Querier, c core.Contact) error {
	_, err := q.ExecContext(ctx, `INSERT INTO contacts (id, tenant_id, owner_id, company_id, first_name, last_name, email, phone, title,
		lifecycle_stage, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
		c.ID, c.TenantID, c.OwnerID, db.NullString(string(c.CompanyID)), c.FirstName, c.LastName, strings.ToLower(c.Email),
		db.NullString(c.Phone), db.NullString(c.Title), c.LifecycleStage, c.CreatedAt, c.UpdatedAt)
	return err
}

// Get loads a live contact.
func (r *Repo) Get(ctx context.Context, tenantID, id core.ID) (core.Contact, error) {
	c, err := Scan(r.DB.QueryRowContext(ctx, `SELECT `+Columns+` FROM contacts WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, tenantID, id))
	return c, db.NoRows(err, "contact")
}

// Update writes editable fields.
func (r *Repo) Update(ctx context.Context, q db.Querier, c core.Contact) error {
	res, err := q.ExecContext(ctx, `UPDATE contacts SET owner_id=$3, company_id=$4, first_name=$5, last_name=$6, email=$7, phone=$8,
		title=$9, lifecycle_stage=$10, updated_at=$11 WHERE tenant_id=$1 AND id=$2 AND deleted_at IS NULL`,
		c.TenantID, c.ID, c.OwnerID, db.NullString(string(c.CompanyID)), c.FirstName, c.LastName, strings.ToLower(c.Email),
		db.NullString(c.Phone), db.NullString(c.Title), c.LifecycleStage, c.UpdatedAt)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return db.NoRows(sql.ErrNoRows, "contact")
	}
	return nil
}

// SoftDelete hides a contact.
func (r *Repo) SoftDelete(ctx context.Context, q db.Querier, tenantID, id core.ID, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE contacts SET deleted_at = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, id, at)
	return err
}

// ListFilter narrows List.
type ListFilter struct {
	OwnerIDs  []core.ID
	CompanyID core.ID
	Stage     string
	Query     string
}

// List pages through contacts.
func (r *Repo) List(ctx context.Context, tenantID core.ID, f ListFilter, p pagination.Params) ([]core.Contact, error) {
	where := []string{"tenant_id = $1", "deleted_at IS NULL"}
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if len(f.OwnerIDs) > 0 {
		ph := make([]string, len(f.OwnerIDs))
		for i, id := range f.OwnerIDs {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		where = append(where, "owner_id IN ("+strings.Join(ph, ",")+")")
	}
	if f.CompanyID != "" {
		add("company_id = $%d", f.CompanyID)
	}
	if f.Stage != "" {
		add("lifecycle_stage = $%d", f.Stage)
	}
	if f.Query != "" {
		add("(first_name || ' ' || last_name || ' ' || email) ILIKE $%d", "%"+f.Query+"%")
	}
	q := `SELECT ` + Columns + ` FROM contacts WHERE ` + strings.Join(where, " AND ") + ` ORDER BY updated_at DESC, id` + p.SQL()
	rows, err := r.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return ScanAll(rows)
}

// FindByEmails returns live contacts whose email is in emails.
func (r *Repo) FindByEmails(ctx context.Context, tenantID core.ID, emails []string) ([]core.Contact, error) {
	if len(emails) == 0 {
		return nil, nil
	}
	args := []any{tenantID}
	for _, e := range emails {
		args = append(args, strings.ToLower(e))
	}
	rows, err := r.DB.QueryContext(ctx, `SELECT `+Columns+` FROM contacts WHERE tenant_id = $1 AND deleted_at IS NULL
		AND lower(email) IN (`+db.Placeholders(2, len(emails))+`)`, args...)
	if err != nil {
		return nil, err
	}
	return ScanAll(rows)
}

// Count returns the number of live contacts (billing limit).
func (r *Repo) Count(ctx context.Context, tenantID core.ID) (int, error) {
	var n int
	err := r.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM contacts WHERE tenant_id = $1 AND deleted_at IS NULL`, tenantID).Scan(&n)
	return n, err
}
