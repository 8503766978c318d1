CREATE TABLE appointments (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    patient_id      VARCHAR(40)  NOT NULL,
    practitioner_id VARCHAR(40)  NOT NULL,
    starts_at       DATETIME     NOT NULL,
    ends_at         DATETIME     NOT NULL,
    visit_type      VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    reason          VARCHAR(500) NOT NULL DEFAULT '',
    room            VARCHAR(16)  NULL,
    created_at      DATETIME     NOT NULL,
    cancelled_at    DATETIME     NULL,
    KEY idx_appt_practitioner (practitioner_id, starts_at),
    KEY idx_appt_patient (patient_id, starts_at)
);

CREATE TABLE appointment_reminders (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    appointment_id VARCHAR(40)  NOT NULL,
    channel        VARCHAR(8)   NOT NULL,
    sent_at        DATETIME     NOT NULL,
    failure        VARCHAR(255) NULL,
    KEY idx_reminders_appt (appointment_id)
);
