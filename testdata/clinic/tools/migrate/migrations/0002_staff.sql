CREATE TABLE staff_members (
    id         VARCHAR(40)  NOT NULL PRIMARY KEY,
    first_name VARCHAR(80)  NOT NULL,
    last_name  VARCHAR(80)  NOT NULL,
    role       VARCHAR(20)  NOT NULL,
    email      VARCHAR(254) NOT NULL UNIQUE,
    phone      VARCHAR(32)  NULL,
    department VARCHAR(64)  NULL,
    active     TINYINT(1)   NOT NULL DEFAULT 1,
    hired_at   DATETIME     NOT NULL
);

CREATE TABLE staff_credentials (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    staff_id    VARCHAR(40) NOT NULL,
    type        VARCHAR(32) NOT NULL,
    number      VARCHAR(64) NOT NULL,
    issuer      VARCHAR(80) NOT NULL,
    issued_on   DATE        NOT NULL,
    expires_on  DATE        NOT NULL,
    verified_at DATETIME    NULL,
    KEY idx_credentials_staff (staff_id),
    KEY idx_credentials_expiry (expires_on)
);

CREATE TABLE shifts (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    staff_id  VARCHAR(40) NOT NULL,
    starts_at DATETIME    NOT NULL,
    ends_at   DATETIME    NOT NULL,
    location  VARCHAR(64) NOT NULL DEFAULT '',
    on_call   TINYINT(1)  NOT NULL DEFAULT 0,
    KEY idx_shifts_staff_time (staff_id, starts_at)
);
