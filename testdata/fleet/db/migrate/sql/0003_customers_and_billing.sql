CREATE TABLE customers (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    vat_number    text NOT NULL UNIQUE,
    billing_email text NOT NULL,
    address       jsonb NOT NULL,
    status        text NOT NULL,
    key_hash      text NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE customer_contacts (
    customer_id text NOT NULL REFERENCES customers (id),
    name        text NOT NULL,
    email       text NOT NULL,
    role        text NOT NULL,
    notify      boolean NOT NULL DEFAULT true
);

-- doc holds the request as submitted; status and trip_id are the columns we query on.
CREATE TABLE shipment_requests (
    id          text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers (id),
    reference   text NOT NULL,
    doc         jsonb NOT NULL,
    status      text NOT NULL,
    trip_id     text REFERENCES trips (id),
    created_at  timestamptz NOT NULL
);

CREATE TABLE notifications (
    id          text PRIMARY KEY,
    customer_id text NOT NULL,
    recipient   text NOT NULL,
    template    text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    status      text NOT NULL,
    attempts    integer NOT NULL DEFAULT 0,
    next_try    timestamptz NOT NULL,
    sent_at     timestamptz
);

CREATE TABLE rate_cards (
    id             text PRIMARY KEY,
    currency       char(3) NOT NULL,
    per_km_cents   bigint NOT NULL,
    per_stop_cents bigint NOT NULL DEFAULT 0,
    minimum_cents  bigint NOT NULL DEFAULT 0,
    class_factor   jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE contracts (
    id             text PRIMARY KEY,
    customer_id    text NOT NULL REFERENCES customers (id),
    rate_card_id   text NOT NULL REFERENCES rate_cards (id),
    starts         timestamptz NOT NULL,
    ends           timestamptz,
    payment_days   integer NOT NULL DEFAULT 30,
    fuel_surcharge boolean NOT NULL DEFAULT true,
    discount_pct   double precision NOT NULL DEFAULT 0
);

CREATE TABLE invoices (
    id          text PRIMARY KEY,
    number      text UNIQUE,
    customer_id text NOT NULL REFERENCES customers (id),
    period_from timestamptz NOT NULL,
    period_to   timestamptz NOT NULL,
    lines       jsonb NOT NULL,
    net_cents   bigint NOT NULL,
    vat_cents   bigint NOT NULL,
    currency    char(3) NOT NULL,
    reverse_vat boolean NOT NULL DEFAULT false,
    status      text NOT NULL,
    issued_at   timestamptz,
    due_at      timestamptz,
    created_at  timestamptz NOT NULL
);

CREATE TABLE invoice_trips (
    invoice_id text NOT NULL REFERENCES invoices (id),
    trip_id    text PRIMARY KEY
);

CREATE TABLE invoice_numbers (
    year integer PRIMARY KEY,
    last integer NOT NULL
);
