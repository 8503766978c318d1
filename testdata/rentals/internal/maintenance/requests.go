// Package maintenance handles tenant maintenance requests.
package maintenance

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/units"
)

// emergencyKeywords escalate a request regardless of what the tenant picked.
var emergencyKeywords = []string{"flood", "gas", "smoke", "sparking", "no heat", "sewage", "burst", "fire"}

var categories = map[string]bool{"plumbing": true, "electrical": true, "hvac": true, "appliance": true,
	"pest": true, "locks": true, "roof": true, "general": true}

type Service struct {
	conn   *sql.DB
	units  *units.Service
	notify *notify.Service
}

func NewService(conn *sql.DB, u *units.Service, n *notify.Service) *Service {
	return &Service{conn: conn, units: u, notify: n}
}

func Classify(r models.MaintenanceRequest) models.Priority {
	d := strings.ToLower(r.Description)
	for _, k := range emergencyKeywords {
		if strings.Contains(d, k) {
			return models.PriorityEmergency
		}
	}
	if r.Category == "hvac" || r.Category == "locks" || r.Priority == models.PriorityUrgent {
		return models.PriorityUrgent
	}
	return models.PriorityRoutine
}

func (s *Service) Submit(ctx context.Context, r models.MaintenanceRequest, tenantEmail string) (models.MaintenanceRequest, error) {
	if !categories[r.Category] {
		return r, errs.E(errs.Invalid, "unknown category %q", r.Category)
	}
	if len(strings.TrimSpace(r.Description)) < 10 {
		return r, errs.E(errs.Invalid, "please describe the problem")
	}
	u, err := s.units.Get(ctx, r.UnitID)
	if err != nil {
		return r, err
	}
	r.ID, r.PropertyID = ids.New(ids.Request), u.PropertyID
	r.Priority, r.Status, r.CreatedAt = Classify(r), models.ReqOpen, time.Now().UTC()
	_, err = s.conn.ExecContext(ctx, `INSERT INTO maintenance_requests (id, unit_id, property_id, tenant_id, category, description,
		priority, permission_to_enter, status, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		r.ID, r.UnitID, r.PropertyID, db.NullString(r.TenantID), r.Category, r.Description, r.Priority, r.PermissionToEnter, r.Status, r.CreatedAt)
	if err != nil {
		return r, err
	}
	_ = s.notify.Email(ctx, tenantEmail, "maintenance.received", map[string]string{"id": r.ID})
	return r, nil
}

func (s *Service) Get(ctx context.Context, id string) (models.MaintenanceRequest, error) {
	var r models.MaintenanceRequest
	var tenant sql.NullString
	err := s.conn.QueryRowContext(ctx, `SELECT id, unit_id, property_id, tenant_id, category, description, priority,
		permission_to_enter, status, created_at FROM maintenance_requests WHERE id = $1`, id).
		Scan(&r.ID, &r.UnitID, &r.PropertyID, &tenant, &r.Category, &r.Description, &r.Priority, &r.PermissionToEnter, &r.Status, &r.CreatedAt)
	r.TenantID = tenant.String
	return r, db.Check(err, "maintenance request")
}

func (s *Service) ListOpen(ctx context.Context, propertyID string) ([]models.MaintenanceRequest, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, unit_id, property_id, COALESCE(tenant_id, ''), category, description, priority,
		permission_to_enter, status, created_at FROM maintenance_requests
		WHERE ($1 = '' OR property_id = $1) AND status IN ('open', 'triaged', 'scheduled')
		ORDER BY CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, created_at`, propertyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.MaintenanceRequest
	for rows.Next() {
		var r models.MaintenanceRequest
		if err := rows.Scan(&r.ID, &r.UnitID, &r.PropertyID, &r.TenantID, &r.Category, &r.Description, &r.Priority,
			&r.PermissionToEnter, &r.Status, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Service) SetStatus(ctx context.Context, q db.Querier, id string, st models.RequestStatus) error {
	if q == nil {
		q = s.conn
	}
	res, err := q.ExecContext(ctx, `UPDATE maintenance_requests SET status = $2 WHERE id = $1`, id, st)
	return db.MustAffect(res, err, "maintenance request")
}
