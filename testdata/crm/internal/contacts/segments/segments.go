// Package segments stores saved contact filters ("smart lists") and
// evaluates them with a query builder.
package segments

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Filter is one condition of a segment.
type Filter struct {
	Field string `json:"field"`
	Op    string `json:"op"` // eq, neq, in, contains, before, after, empty
	Value any    `json:"value,omitempty"`
}

// Segment is a saved list definition.
type Segment struct {
	ID        core.ID   `json:"id"`
	TenantID  core.ID   `json:"tenant_id"`
	Name      string    `json:"name"`
	Filters   []Filter  `json:"filters"`
	CreatedBy core.ID   `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// fields maps public filter fields to SQL expressions on contacts.
var fields = map[string]string{
	"lifecycle_stage":   "lifecycle_stage",
	"owner_id":          "owner_id",
	"company_id":        "company_id",
	"title":             "title",
	"email_domain":      "split_part(lower(email), '@', 2)",
	"created_at":        "created_at",
	"last_activity_at":  "last_activity_at",
	"company.industry":  "industry",
	"company.employees": "employees",
}

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func condition(f Filter) (sq.Sqlizer, error) {
	col, ok := fields[f.Field]
	if !ok {
		return nil, errs.Invalid("unknown segment field " + f.Field)
	}
	var c sq.Sqlizer
	switch f.Op {
	case "eq":
		c = sq.Eq{col: f.Value}
	case "neq":
		c = sq.NotEq{col: f.Value}
	case "in":
		vals, ok := f.Value.([]any)
		if !ok {
			return nil, errs.Invalid(f.Field + ": 'in' needs a list")
		}
		c = sq.Eq{col: vals}
	case "contains":
		c = sq.ILike{col: "%" + fmt.Sprint(f.Value) + "%"}
	case "before":
		c = sq.Lt{col: f.Value}
	case "after":
		c = sq.Gt{col: f.Value}
	case "gte":
		c = sq.GtOrEq{col: f.Value}
	case "empty":
		c = sq.Eq{col: nil}
	default:
		return nil, errs.Invalid("unknown operator " + f.Op)
	}
	if strings.HasPrefix(f.Field, "company.") {
		inner, args, err := c.ToSql()
		if err != nil {
			return nil, err
		}
		return sq.Expr("company_id IN (SELECT id FROM companies WHERE tenant_id = contacts.tenant_id AND "+inner+")", args...), nil
	}
	return c, nil
}

// Query builds the SELECT for a filter set.
func Query(tenantID core.ID, fs []Filter) (sq.SelectBuilder, error) {
	b := psql.Select(contacts.Columns).From("contacts").Where(sq.Eq{"tenant_id": tenantID, "deleted_at": nil})
	for _, f := range fs {
		c, err := condition(f)
		if err != nil {
			return b, err
		}
		b = b.Where(c)
	}
	return b, nil
}

// Service manages segments.
type Service struct{ DB *sql.DB }

// Create validates and stores a segment.
func (s *Service) Create(ctx context.Context, name string, fs []Filter) (Segment, error) {
	p, err := permissions.Require(ctx, permissions.ContactsRead)
	if err != nil {
		return Segment{}, err
	}
	if _, err := Query(p.TenantID, fs); err != nil {
		return Segment{}, err
	}
	seg := Segment{ID: core.NewID("sg"), TenantID: p.TenantID, Name: name, Filters: fs, CreatedBy: p.UserID, CreatedAt: time.Now().UTC()}
	raw, _ := json.Marshal(fs)
	_, err = s.DB.ExecContext(ctx, `INSERT INTO segments (id, tenant_id, name, filters, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		seg.ID, seg.TenantID, seg.Name, raw, seg.CreatedBy, seg.CreatedAt)
	return seg, err
}

// Get loads a segment.
func (s *Service) Get(ctx context.Context, tenantID, id core.ID) (Segment, error) {
	var seg Segment
	var raw []byte
	err := s.DB.QueryRowContext(ctx, `SELECT id, tenant_id, name, filters, created_by, created_at FROM segments WHERE tenant_id = $1 AND id = $2`,
		tenantID, id).Scan(&seg.ID, &seg.TenantID, &seg.Name, &raw, &seg.CreatedBy, &seg.CreatedAt)
	if err != nil {
		return seg, db.NoRows(err, "segment")
	}
	return seg, json.Unmarshal(raw, &seg.Filters)
}

// List returns the tenant's segments.
func (s *Service) List(ctx context.Context, tenantID core.ID) ([]Segment, error) {
	return db.All(ctx, s.DB, func(r db.Scanner) (seg Segment, err error) {
		var raw []byte
		if err = r.Scan(&seg.ID, &seg.TenantID, &seg.Name, &raw, &seg.CreatedBy, &seg.CreatedAt); err == nil {
			err = json.Unmarshal(raw, &seg.Filters)
		}
		return seg, err
	}, `SELECT id, tenant_id, name, filters, created_by, created_at FROM segments WHERE tenant_id = $1 ORDER BY name`, tenantID)
}

// Members evaluates a segment page by page.
func (s *Service) Members(ctx context.Context, tenantID, id core.ID, p pagination.Params) ([]core.Contact, error) {
	seg, err := s.Get(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}
	b, err := Query(tenantID, seg.Filters)
	if err != nil {
		return nil, err
	}
	q, args, err := b.OrderBy("id").Limit(uint64(p.FetchLimit())).Offset(uint64(p.Offset)).ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return contacts.ScanAll(rows)
}
