CREATE TABLE vehicles (
    id          text PRIMARY KEY,
    vin         text NOT NULL,
    plate       text NOT NULL UNIQUE,
    make        text NOT NULL,
    year        integer NOT NULL,
    class       text NOT NULL,
    status      text NOT NULL,
    odometer_km double precision NOT NULL DEFAULT 0,
    tank_litres double precision NOT NULL DEFAULT 0,
    depot_id    text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE work_orders (
    id          text PRIMARY KEY,
    vehicle_id  text NOT NULL REFERENCES vehicles (id),
    kind        text NOT NULL,
    task        text,
    description text NOT NULL,
    state       text NOT NULL,
    blocking    boolean NOT NULL DEFAULT false,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    cost_cents  bigint NOT NULL DEFAULT 0,
    currency    char(3) NOT NULL DEFAULT 'EUR'
);
CREATE INDEX work_orders_open ON work_orders (vehicle_id) WHERE state = 'open';

CREATE TABLE service_history (
    vehicle_id    text NOT NULL REFERENCES vehicles (id),
    task          text NOT NULL,
    done_at       timestamptz NOT NULL,
    odometer_km   double precision NOT NULL,
    work_order_id text REFERENCES work_orders (id)
);

CREATE TABLE drivers (
    id          text PRIMARY KEY,
    employee_no text NOT NULL CONSTRAINT drivers_employee_no_key UNIQUE,
    first_name  text NOT NULL,
    last_name   text NOT NULL,
    email       text,
    home_depot  text NOT NULL,
    status      text NOT NULL,
    agency      boolean NOT NULL DEFAULT false,
    hired_at    timestamptz NOT NULL,
    note        text
);

CREATE TABLE driver_licences (
    driver_id          text PRIMARY KEY REFERENCES drivers (id),
    number             text NOT NULL,
    categories         text NOT NULL,
    expires_at         timestamptz NOT NULL,
    cpc_expires_at     timestamptz,
    medical_expires_at timestamptz
);

CREATE TABLE hos_entries (
    driver_id  text NOT NULL REFERENCES drivers (id),
    activity   text NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    PRIMARY KEY (driver_id, started_at)
);

CREATE TABLE inspections (
    id            text PRIMARY KEY,
    vehicle_id    text NOT NULL REFERENCES vehicles (id),
    driver_id     text NOT NULL REFERENCES drivers (id),
    at            timestamptz NOT NULL,
    safe          boolean NOT NULL,
    work_order_id text REFERENCES work_orders (id)
);

CREATE TABLE inspection_defects (
    inspection_id text NOT NULL REFERENCES inspections (id),
    item          text NOT NULL,
    critical      boolean NOT NULL,
    comment       text NOT NULL DEFAULT ''
);
