CREATE TABLE patients (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    mrn           CHAR(10)     NOT NULL UNIQUE,
    first_name    VARCHAR(80)  NOT NULL,
    last_name     VARCHAR(80)  NOT NULL,
    date_of_birth DATE         NOT NULL,
    sex           CHAR(1)      NOT NULL DEFAULT 'U',
    phone         VARCHAR(32)  NULL,
    email         VARCHAR(254) NULL,
    insurer_code  VARCHAR(32)  NULL,
    policy_number VARCHAR(64)  NULL,
    sms_opt_out   TINYINT(1)   NOT NULL DEFAULT 0,
    created_at    DATETIME     NOT NULL,
    updated_at    DATETIME     NOT NULL,
    deleted_at    DATETIME     NULL,
    KEY idx_patients_name (last_name, first_name),
    KEY idx_patients_dob (date_of_birth)
);

CREATE TABLE allergies (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    patient_id   VARCHAR(40)  NOT NULL,
    substance    VARCHAR(120) NOT NULL,
    reaction     VARCHAR(255) NOT NULL DEFAULT '',
    severity     VARCHAR(16)  NOT NULL,
    recorded_by  VARCHAR(40)  NOT NULL,
    recorded_at  DATETIME     NOT NULL,
    retracted_at DATETIME     NULL,
    KEY idx_allergies_patient (patient_id),
    CONSTRAINT fk_allergies_patient FOREIGN KEY (patient_id) REFERENCES patients (id)
);

CREATE TABLE patient_records (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    patient_id VARCHAR(40) NOT NULL,
    author_id  VARCHAR(40) NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    code       VARCHAR(16) NOT NULL DEFAULT '',
    body       TEXT        NOT NULL,
    amends_id  BIGINT      NULL,
    created_at DATETIME    NOT NULL,
    KEY idx_records_patient (patient_id, created_at)
);
