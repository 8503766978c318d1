// Package sequences runs multi-step outbound email cadences.
package sequences

import "pipelinelabs.io/crm/internal/platform/db"

// Migrations for sequences.
var Migrations = []db.Migration{
	{Name: "email_004_sequences", Up: `CREATE TABLE sequences (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		name TEXT NOT NULL,
		active BOOLEAN NOT NULL DEFAULT true,
		created_by TEXT NOT NULL,
		created_at TIMESTAMPTZ NOT NULL
	);
	CREATE TABLE sequence_steps (
		sequence_id TEXT NOT NULL REFERENCES sequences(id),
		position INT NOT NULL,
		delay_days INT NOT NULL,
		template_id TEXT NOT NULL,
		PRIMARY KEY (sequence_id, position)
	);
	CREATE TABLE sequence_enrollments (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		sequence_id TEXT NOT NULL REFERENCES sequences(id),
		contact_id TEXT NOT NULL,
		sender_id TEXT NOT NULL,
		mailbox_id TEXT NOT NULL,
		deal_id TEXT,
		step INT NOT NULL DEFAULT 0,
		status TEXT NOT NULL,
		thread_id TEXT NOT NULL DEFAULT '',
		next_run_at TIMESTAMPTZ,
		created_at TIMESTAMPTZ NOT NULL,
		UNIQUE (sequence_id, contact_id)
	);
	CREATE TABLE sequence_sends (
		enrollment_id TEXT NOT NULL,
		sequence_id TEXT NOT NULL,
		message_id TEXT NOT NULL,
		step INT NOT NULL,
		sent_at TIMESTAMPTZ NOT NULL
	)`},
}
