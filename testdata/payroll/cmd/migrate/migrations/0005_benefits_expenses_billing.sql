CREATE TABLE benefit_plans (
    id text PRIMARY KEY, tenant_id text NOT NULL, name text NOT NULL, kind text NOT NULL, carrier text NOT NULL,
    pre_tax boolean NOT NULL, monthly_cost_cents bigint NOT NULL, currency text NOT NULL,
    employer_share_pct int NOT NULL, waiting_period_days int NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true
);
CREATE TABLE benefit_enrollments (
    id text PRIMARY KEY, tenant_id text NOT NULL, employee_id text NOT NULL, plan_id text NOT NULL REFERENCES benefit_plans(id),
    coverage_level text NOT NULL, employee_cost_cents bigint NOT NULL, employer_cost_cents bigint NOT NULL,
    currency text NOT NULL, pre_tax boolean NOT NULL, starts_on date NOT NULL, ends_on date
);
CREATE TABLE expense_reports (
    id text PRIMARY KEY, tenant_id text NOT NULL, employee_id text NOT NULL, title text NOT NULL, status text NOT NULL,
    total_cents bigint NOT NULL, currency text NOT NULL, approved_by text, reimbursed_in text, submitted_at timestamptz
);
CREATE TABLE expense_items (
    id text PRIMARY KEY, report_id text NOT NULL REFERENCES expense_reports(id), category text NOT NULL,
    merchant text NOT NULL, amount_cents bigint NOT NULL, currency text NOT NULL, spent_on date NOT NULL,
    receipt_url text NOT NULL DEFAULT ''
);
CREATE TABLE subscriptions (
    tenant_id text PRIMARY KEY REFERENCES tenants(id), plan text NOT NULL, status text NOT NULL,
    base_price_cents bigint NOT NULL, seat_price_cents bigint NOT NULL, currency text NOT NULL,
    volume_fee_bps int NOT NULL DEFAULT 0, current_period_end date NOT NULL
);
CREATE TABLE usage_records (
    tenant_id text NOT NULL, metric text NOT NULL, quantity bigint NOT NULL, idempotency_key text NOT NULL,
    recorded_at timestamptz NOT NULL, UNIQUE (tenant_id, idempotency_key)
);
CREATE TABLE invoices (
    id text PRIMARY KEY, tenant_id text NOT NULL, number text NOT NULL UNIQUE, status text NOT NULL,
    period_start date NOT NULL, period_end date NOT NULL, total_cents bigint NOT NULL, currency text NOT NULL,
    issued_on date NOT NULL, UNIQUE (tenant_id, period_start)
);
CREATE TABLE invoice_lines (
    invoice_id text NOT NULL REFERENCES invoices(id), position int NOT NULL, description text NOT NULL,
    quantity bigint NOT NULL, unit_price_cents bigint NOT NULL, amount_cents bigint NOT NULL,
    PRIMARY KEY (invoice_id, position)
);
