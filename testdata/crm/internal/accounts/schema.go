// Package accounts owns tenants, users, sessions and teams.
package accounts

import "pipelinelabs.io/crm/internal/platform/db"

// Migrations owned by the accounts context.
var Migrations = []db.Migration{
	{Name: "accounts_001_tenants", Up: `CREATE TABLE tenants (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		slug TEXT NOT NULL UNIQUE,
		plan TEXT NOT NULL DEFAULT 'free',
		status TEXT NOT NULL DEFAULT 'trialing',
		timezone TEXT NOT NULL DEFAULT 'UTC',
		created_at TIMESTAMPTZ NOT NULL
	)`},
	{Name: "accounts_002_users", Up: `CREATE TABLE users (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL REFERENCES tenants(id),
		email TEXT NOT NULL,
		name TEXT NOT NULL,
		role TEXT NOT NULL,
		password_hash BYTEA,
		password_salt BYTEA,
		team_id TEXT,
		created_at TIMESTAMPTZ NOT NULL,
		deactivated_at TIMESTAMPTZ,
		UNIQUE (tenant_id, email)
	)`},
	{Name: "accounts_003_sessions", Up: `CREATE TABLE sessions (
		token_hash BYTEA PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		tenant_id TEXT NOT NULL,
		created_at TIMESTAMPTZ NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL
	)`},
	{Name: "accounts_004_teams", Up: `CREATE TABLE teams (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL REFERENCES tenants(id),
		name TEXT NOT NULL,
		manager_id TEXT,
		created_at TIMESTAMPTZ NOT NULL,
		UNIQUE (tenant_id, name)
	)`},
	{Name: "accounts_005_users_email_lower", Up: `CREATE INDEX users_email_lower ON users (lower(email))`},
}
