// Package analytics holds the reporting queries. Most read other teams'
// tables directly; the reporting replica makes that cheap.
package analytics

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
)

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

// Funnel counts applications that ever entered each stage, and how many are
// currently sitting there, for applications created in [from, to).
func (s *Store) Funnel(ctx context.Context, tenantID, reqID string, from, to time.Time) ([]models.FunnelRow, error) {
	return dbx.Collect(func(row dbx.Scanner) (models.FunnelRow, error) {
		var r models.FunnelRow
		return r, row.Scan(&r.Stage, &r.Entered, &r.Current)
	})(s.db.QueryContext(ctx,
		`SELECT e.to_stage, count(DISTINCT e.application_id),
		        count(DISTINCT a.id) FILTER (WHERE a.stage_key = e.to_stage AND a.status = 'active')
		 FROM application_stage_events e JOIN applications a ON a.id = e.application_id
		 WHERE a.tenant_id = $1 AND ($2 = '' OR a.requisition_id = $2) AND a.applied_at >= $3 AND a.applied_at < $4
		 GROUP BY e.to_stage`, tenantID, reqID, from, to))
}

// StageOrder returns the tenant's stage keys in pipeline order.
func (s *Store) StageOrder(ctx context.Context, tenantID string) ([]string, error) {
	keys, err := dbx.Strings(s.db.QueryContext(ctx, `SELECT key FROM pipeline_stages WHERE tenant_id = $1 ORDER BY position`, tenantID))
	if err == nil && len(keys) == 0 {
		keys = []string{models.StageApplied, models.StageScreen, models.StageInterview, models.StageOffer, models.StageHired}
	}
	return keys, err
}

// TimeToFill measures days from requisition opening to each accepted offer.
func (s *Store) TimeToFill(ctx context.Context, tenantID string, from, to time.Time) ([]models.TimeToFill, error) {
	return dbx.Collect(func(row dbx.Scanner) (models.TimeToFill, error) {
		var t models.TimeToFill
		return t, row.Scan(&t.RequisitionID, &t.Title, &t.Department, &t.Days, &t.Hires)
	})(s.db.QueryContext(ctx,
		`SELECT r.id, r.title, coalesce(d.name, ''), avg(EXTRACT(EPOCH FROM (o.responded_at - r.opened_at)) / 86400.0) AS days, count(o.id)
		 FROM requisitions r
		 JOIN offers o ON o.requisition_id = r.id AND o.status = 'accepted'
		 LEFT JOIN departments d ON d.id = r.department_id
		 WHERE r.tenant_id = $1 AND r.opened_at IS NOT NULL AND o.responded_at >= $2 AND o.responded_at < $3
		 GROUP BY r.id, r.title, d.name ORDER BY days DESC`, tenantID, from, to))
}

// IncrementDaily bumps a counter in the funnel_daily rollup.
func (s *Store) IncrementDaily(ctx context.Context, tenantID string, day time.Time, metric, dim string) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO funnel_daily (tenant_id, day, metric, dimension, value) VALUES ($1, $2, $3, $4, 1)
		 ON CONFLICT (tenant_id, day, metric, dimension) DO UPDATE SET value = funnel_daily.value + 1`,
		tenantID, day.Format("2006-01-02"), metric, dim)
	return err
}

func (s *Store) SaveSnapshot(ctx context.Context, tenantID, kind string, day time.Time, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO report_snapshots (tenant_id, kind, day, data, created_at) VALUES ($1, $2, $3, $4, now())
		 ON CONFLICT (tenant_id, kind, day) DO UPDATE SET data = EXCLUDED.data, created_at = now()`,
		tenantID, kind, day.Format("2006-01-02"), raw)
	return err
}

// LiveTenants lists tenants that should get nightly snapshots.
func (s *Store) LiveTenants(ctx context.Context) ([]string, error) {
	return dbx.Strings(s.db.QueryContext(ctx, `SELECT id FROM tenants WHERE status IN ('trial', 'active', 'past_due')`))
}

// SaveEEO stores a voluntary self-identification response.
func (s *Store) SaveEEO(ctx context.Context, tenantID, appID, gender, ethnicity, veteran string) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO eeo_responses (tenant_id, application_id, gender, ethnicity, veteran, submitted_at) VALUES ($1, $2, $3, $4, $5, now())
		 ON CONFLICT (application_id) DO UPDATE SET gender = EXCLUDED.gender, ethnicity = EXCLUDED.ethnicity, veteran = EXCLUDED.veteran`,
		tenantID, appID, gender, ethnicity, veteran)
	return err
}

// EEORow is one (dimension, group) with applicant and hire counts.
type EEORow struct {
	Dimension  string
	Group      string
	Applicants int
	Hired      int
}

func (s *Store) EEOCounts(ctx context.Context, tenantID string, from, to time.Time) ([]EEORow, error) {
	return dbx.Collect(func(row dbx.Scanner) (EEORow, error) {
		var r EEORow
		return r, row.Scan(&r.Dimension, &r.Group, &r.Applicants, &r.Hired)
	})(s.db.QueryContext(ctx,
		`SELECT v.dim, v.grp, count(*), count(*) FILTER (WHERE a.status = 'hired')
		 FROM eeo_responses e JOIN applications a ON a.id = e.application_id,
		      LATERAL (VALUES ('gender', e.gender), ('ethnicity', e.ethnicity), ('veteran', e.veteran)) v(dim, grp)
		 WHERE e.tenant_id = $1 AND a.applied_at >= $2 AND a.applied_at < $3 AND v.grp IS NOT NULL AND v.grp <> 'decline'
		 GROUP BY v.dim, v.grp ORDER BY v.dim, v.grp`, tenantID, from, to))
}
