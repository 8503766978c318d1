CREATE TABLE trips (
    id            text PRIMARY KEY,
    customer_id   text NOT NULL,
    reference     text,
    class         text NOT NULL,
    vehicle_id    text REFERENCES vehicles (id),
    driver_id     text REFERENCES drivers (id),
    status        text NOT NULL,
    planned_start timestamptz NOT NULL,
    planned_km    double precision NOT NULL DEFAULT 0,
    planned_hours double precision NOT NULL DEFAULT 0,
    actual_km     double precision NOT NULL DEFAULT 0,
    started_at    timestamptz,
    completed_at  timestamptz
);
CREATE INDEX trips_customer_completed ON trips (customer_id, completed_at) WHERE status = 'completed';

CREATE TABLE trip_stops (
    trip_id     text NOT NULL REFERENCES trips (id),
    seq         integer NOT NULL,
    kind        text NOT NULL,
    address     jsonb NOT NULL,
    window_from timestamptz NOT NULL,
    window_to   timestamptz NOT NULL,
    pallets     integer NOT NULL DEFAULT 0,
    eta         timestamptz,
    arrived_at  timestamptz,
    PRIMARY KEY (trip_id, seq)
);

CREATE TABLE devices (
    imei         text NOT NULL,
    vehicle_id   text NOT NULL REFERENCES vehicles (id),
    installed_at timestamptz NOT NULL,
    removed_at   timestamptz
);
CREATE UNIQUE INDEX devices_current ON devices (imei) WHERE removed_at IS NULL;

CREATE TABLE positions (
    vehicle_id  text NOT NULL,
    device_id   text NOT NULL,
    at          timestamptz NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed_kph   real NOT NULL,
    odometer_km double precision NOT NULL DEFAULT 0,
    ignition    boolean NOT NULL,
    PRIMARY KEY (vehicle_id, at)
);

CREATE TABLE geofences (
    id      text PRIMARY KEY,
    name    text NOT NULL,
    kind    text NOT NULL,
    polygon jsonb NOT NULL,
    active  boolean NOT NULL DEFAULT true
);

CREATE TABLE geofence_events (
    fence_id   text NOT NULL REFERENCES geofences (id),
    vehicle_id text NOT NULL,
    enter      boolean NOT NULL,
    at         timestamptz NOT NULL
);

CREATE TABLE telematics_alerts (
    id         bigserial PRIMARY KEY,
    vehicle_id text NOT NULL,
    type       text NOT NULL,
    message    text NOT NULL,
    at         timestamptz NOT NULL,
    acked_by   text
);
