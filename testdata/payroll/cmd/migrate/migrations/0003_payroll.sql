CREATE TABLE pay_schedules (
    id text PRIMARY KEY, tenant_id text NOT NULL, name text NOT NULL, frequency text NOT NULL,
    last_period_start date NOT NULL, last_period_end date NOT NULL, pay_lag_days int NOT NULL DEFAULT 3,
    auto_approve boolean NOT NULL DEFAULT false
);
CREATE TABLE pay_runs (
    id text PRIMARY KEY, tenant_id text NOT NULL, schedule_id text, period_start date NOT NULL,
    period_end date NOT NULL, pay_date date NOT NULL, status text NOT NULL, currency text NOT NULL,
    gross_cents bigint NOT NULL DEFAULT 0, net_cents bigint NOT NULL DEFAULT 0, tax_cents bigint NOT NULL DEFAULT 0,
    headcount int NOT NULL DEFAULT 0, approved_by text, created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payslips (
    id text PRIMARY KEY, run_id text NOT NULL REFERENCES pay_runs(id), tenant_id text NOT NULL,
    employee_id text NOT NULL, gross_cents bigint NOT NULL, net_cents bigint NOT NULL, currency text NOT NULL,
    items jsonb NOT NULL
);
CREATE TABLE bank_accounts (
    tenant_id text NOT NULL, employee_id text NOT NULL, routing_number char(9) NOT NULL,
    account_number text NOT NULL, account_type text NOT NULL, is_primary boolean NOT NULL DEFAULT true
);
CREATE TABLE garnishments (
    id text PRIMARY KEY, tenant_id text NOT NULL, employee_id text NOT NULL, kind text NOT NULL,
    percent numeric NOT NULL DEFAULT 0, fixed_cents bigint NOT NULL DEFAULT 0, remaining_cents bigint NOT NULL
);
