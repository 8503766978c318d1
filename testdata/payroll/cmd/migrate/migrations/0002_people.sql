CREATE TABLE departments (
    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), name text NOT NULL,
    parent_id text REFERENCES departments(id), head_id text, cost_code text NOT NULL DEFAULT ''
);
CREATE TABLE employees (
    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), employee_number text NOT NULL,
    first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL,
    department_id text REFERENCES departments(id), manager_id text REFERENCES employees(id),
    title text NOT NULL DEFAULT '', employment_type text NOT NULL, status text NOT NULL,
    work_state char(2) NOT NULL, hire_date date NOT NULL, terminated_at date,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT employees_email_key UNIQUE (tenant_id, email)
);
CREATE TABLE compensation (
    tenant_id text NOT NULL, employee_id text NOT NULL REFERENCES employees(id), basis text NOT NULL,
    annual_salary_cents bigint NOT NULL DEFAULT 0, hourly_rate_cents bigint NOT NULL DEFAULT 0,
    currency text NOT NULL, pay_frequency text NOT NULL, filing_status text NOT NULL DEFAULT 'single',
    allowances int NOT NULL DEFAULT 0, effective_from date NOT NULL,
    PRIMARY KEY (employee_id, effective_from)
);
