// Package deals owns opportunities and their movement through pipelines.
package deals

import "pipelinelabs.io/crm/internal/platform/db"

// Migrations owned by the deals context (see also stages, lineitems).
var Migrations = []db.Migration{
	{Name: "deals_002_deals", Up: `CREATE TABLE deals (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		owner_id TEXT NOT NULL,
		pipeline_id TEXT NOT NULL,
		stage_id TEXT NOT NULL,
		contact_id TEXT,
		company_id TEXT,
		title TEXT NOT NULL,
		amount BIGINT NOT NULL DEFAULT 0,
		currency TEXT NOT NULL DEFAULT 'usd',
		status TEXT NOT NULL DEFAULT 'open',
		lost_reason TEXT,
		expected_close DATE,
		closed_at TIMESTAMPTZ,
		last_activity_at TIMESTAMPTZ,
		stage_changed_at TIMESTAMPTZ NOT NULL,
		created_at TIMESTAMPTZ NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL,
		deleted_at TIMESTAMPTZ
	);
	CREATE INDEX deals_tenant_stage ON deals (tenant_id, stage_id) WHERE deleted_at IS NULL`},
	{Name: "deals_004_deals_contact_idx", Up: `CREATE INDEX deals_contact ON deals (tenant_id, contact_id)`},
}
