CREATE TABLE tax_rates (year int NOT NULL, jurisdiction text NOT NULL, kind text NOT NULL, rate numeric NOT NULL,
    PRIMARY KEY (year, jurisdiction, kind));
CREATE TABLE tax_filings (
    id text PRIMARY KEY, tenant_id text NOT NULL, form text NOT NULL, jurisdiction text NOT NULL,
    period_start date NOT NULL, period_end date NOT NULL, due_date date NOT NULL, status text NOT NULL,
    amount_cents bigint NOT NULL, currency text NOT NULL, payload jsonb, confirmation text, submitted_at timestamptz,
    UNIQUE (tenant_id, form, jurisdiction, period_start)
);
CREATE TABLE tax_withholdings (
    tenant_id text NOT NULL, run_id text NOT NULL, employee_id text NOT NULL, jurisdiction text NOT NULL,
    code text NOT NULL, pay_date date NOT NULL, wages_cents bigint NOT NULL, amount_cents bigint NOT NULL,
    currency text NOT NULL, PRIMARY KEY (run_id, employee_id, code)
);
CREATE TABLE timesheets (
    id text PRIMARY KEY, tenant_id text NOT NULL, employee_id text NOT NULL, week_start date NOT NULL,
    status text NOT NULL, submitted_at timestamptz, approved_by text, UNIQUE (tenant_id, employee_id, week_start)
);
CREATE TABLE time_entries (
    id text PRIMARY KEY, timesheet_id text NOT NULL REFERENCES timesheets(id), employee_id text NOT NULL,
    day date NOT NULL, hours numeric NOT NULL, project_code text NOT NULL DEFAULT '', note text NOT NULL DEFAULT ''
);
CREATE TABLE leave_policies (
    id text PRIMARY KEY, tenant_id text NOT NULL, leave_type text NOT NULL, hours_per_year numeric NOT NULL,
    max_carry_over numeric NOT NULL DEFAULT 0, waiting_days int NOT NULL DEFAULT 0,
    applies_to_part_time boolean NOT NULL DEFAULT false
);
CREATE TABLE leave_requests (
    id text PRIMARY KEY, tenant_id text NOT NULL, employee_id text NOT NULL, leave_type text NOT NULL,
    start_date date NOT NULL, end_date date NOT NULL, hours numeric NOT NULL, status text NOT NULL,
    reason text NOT NULL DEFAULT '', decided_by text NOT NULL DEFAULT '', created_at timestamptz NOT NULL
);
CREATE TABLE leave_balances (
    tenant_id text NOT NULL, employee_id text NOT NULL, leave_type text NOT NULL, accrued numeric NOT NULL,
    used numeric NOT NULL, carry_over numeric NOT NULL, as_of timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, employee_id, leave_type)
);
