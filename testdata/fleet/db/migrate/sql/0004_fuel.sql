CREATE TABLE fuel_cards (
    id          text PRIMARY KEY,
    pan_hash    text NOT NULL UNIQUE,
    last4       char(4) NOT NULL,
    vehicle_id  text REFERENCES vehicles (id),
    driver_id   text REFERENCES drivers (id),
    blocked     boolean NOT NULL DEFAULT false,
    limit_cents bigint NOT NULL DEFAULT 0,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    expires_at  timestamptz NOT NULL
);

CREATE TABLE fuel_transactions (
    id           text PRIMARY KEY,
    external_ref text NOT NULL UNIQUE,
    card_id      text NOT NULL REFERENCES fuel_cards (id),
    vehicle_id   text,
    at           timestamptz NOT NULL,
    product      text NOT NULL,
    litres       double precision NOT NULL,
    amount_cents bigint NOT NULL,
    currency     char(3) NOT NULL,
    station      text NOT NULL DEFAULT '',
    odometer_km  double precision NOT NULL DEFAULT 0,
    flags        text NOT NULL DEFAULT ''
);

CREATE TABLE fuel_price_index (
    week_start      date PRIMARY KEY,
    cents_per_litre double precision NOT NULL,
    source          text NOT NULL
);
