// Package contacts owns people and (in sub-packages) companies, segments,
// duplicate detection and CSV import/export.
package contacts

import "pipelinelabs.io/crm/internal/platform/db"

// Migrations owned by the contacts context.
var Migrations = []db.Migration{
	{Name: "contacts_001_companies", Up: `CREATE TABLE companies (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		owner_id TEXT NOT NULL,
		name TEXT NOT NULL,
		domain TEXT,
		industry TEXT,
		employees INT,
		created_at TIMESTAMPTZ NOT NULL,
		deleted_at TIMESTAMPTZ
	);
	CREATE UNIQUE INDEX companies_domain ON companies (tenant_id, lower(domain)) WHERE deleted_at IS NULL AND domain IS NOT NULL`},
	{Name: "contacts_002_contacts", Up: `CREATE TABLE contacts (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		owner_id TEXT NOT NULL,
		company_id TEXT REFERENCES companies(id),
		first_name TEXT NOT NULL DEFAULT '',
		last_name TEXT NOT NULL DEFAULT '',
		email TEXT NOT NULL DEFAULT '',
		phone TEXT,
		title TEXT,
		lifecycle_stage TEXT NOT NULL DEFAULT 'lead',
		last_activity_at TIMESTAMPTZ,
		created_at TIMESTAMPTZ NOT NULL,
		updated_at TIMESTAMPTZ NOT NULL,
		deleted_at TIMESTAMPTZ
	);
	CREATE INDEX contacts_tenant_email ON contacts (tenant_id, lower(email)) WHERE deleted_at IS NULL`},
	{Name: "contacts_003_segments", Up: `CREATE TABLE segments (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		name TEXT NOT NULL,
		filters JSONB NOT NULL,
		created_by TEXT NOT NULL,
		created_at TIMESTAMPTZ NOT NULL
	)`},
	{Name: "contacts_004_import_jobs", Up: `CREATE TABLE import_jobs (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		created_by TEXT NOT NULL,
		filename TEXT NOT NULL,
		status TEXT NOT NULL,
		created_count INT NOT NULL DEFAULT 0,
		skipped_count INT NOT NULL DEFAULT 0,
		failed_count INT NOT NULL DEFAULT 0,
		errors JSONB NOT NULL DEFAULT '[]',
		created_at TIMESTAMPTZ NOT NULL,
		finished_at TIMESTAMPTZ
	)`},
}
