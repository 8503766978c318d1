// Package billing owns subscriptions, seat limits and the Stripe gateway.
package billing

import "pipelinelabs.io/crm/internal/platform/db"

// Migrations owned by the billing context.
var Migrations = []db.Migration{
	{Name: "billing_001_subscriptions", Up: `CREATE TABLE subscriptions (
		tenant_id TEXT PRIMARY KEY,
		plan TEXT NOT NULL,
		status TEXT NOT NULL,
		seats INT NOT NULL DEFAULT 1,
		interval TEXT NOT NULL DEFAULT 'month',
		stripe_customer_id TEXT,
		stripe_subscription_id TEXT,
		trial_ends_at TIMESTAMPTZ,
		current_period_start TIMESTAMPTZ NOT NULL,
		current_period_end TIMESTAMPTZ NOT NULL,
		canceled_at TIMESTAMPTZ,
		updated_at TIMESTAMPTZ NOT NULL
	)`},
	{Name: "billing_002_invoices", Up: `CREATE TABLE invoices (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		number TEXT NOT NULL UNIQUE,
		period_start TIMESTAMPTZ NOT NULL,
		period_end TIMESTAMPTZ NOT NULL,
		currency TEXT NOT NULL DEFAULT 'usd',
		total BIGINT NOT NULL,
		status TEXT NOT NULL,
		stripe_invoice_id TEXT,
		issued_at TIMESTAMPTZ NOT NULL,
		paid_at TIMESTAMPTZ
	);
	CREATE TABLE invoice_lines (
		invoice_id TEXT NOT NULL REFERENCES invoices(id),
		position INT NOT NULL,
		description TEXT NOT NULL,
		quantity INT NOT NULL,
		unit_amount BIGINT NOT NULL,
		amount BIGINT NOT NULL,
		PRIMARY KEY (invoice_id, position)
	)`},
	{Name: "billing_003_stripe_events", Up: `CREATE TABLE stripe_events (
		id TEXT PRIMARY KEY,
		type TEXT NOT NULL,
		received_at TIMESTAMPTZ NOT NULL
	)`},
}
