CREATE TABLE tenants (
    id text PRIMARY KEY,
    name text NOT NULL,
    plan text NOT NULL DEFAULT 'starter',
    currency text NOT NULL DEFAULT 'USD',
    home_state char(2) NOT NULL,
    ein text NOT NULL,
    billing_email text,
    invoice_seq int NOT NULL DEFAULT 0,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tenant_counters (tenant_id text PRIMARY KEY REFERENCES tenants(id), employee_seq int NOT NULL DEFAULT 0);
CREATE TABLE event_outbox (
    id text PRIMARY KEY, topic text NOT NULL, tenant_id text, occurred_at timestamptz NOT NULL,
    payload jsonb NOT NULL, relayed_at timestamptz
);
