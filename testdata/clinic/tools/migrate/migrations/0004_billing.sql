CREATE TABLE invoices (
    id              VARCHAR(40) NOT NULL PRIMARY KEY,
    patient_id      VARCHAR(40) NOT NULL,
    appointment_id  VARCHAR(40) NULL,
    status          VARCHAR(16) NOT NULL,
    subtotal_cents  BIGINT      NOT NULL,
    tax_cents       BIGINT      NOT NULL DEFAULT 0,
    insurance_cents BIGINT      NOT NULL DEFAULT 0,
    paid_cents      BIGINT      NOT NULL DEFAULT 0,
    issued_at       DATETIME    NOT NULL,
    due_at          DATETIME    NOT NULL,
    KEY idx_invoices_patient (patient_id),
    KEY idx_invoices_appt (appointment_id)
);

CREATE TABLE invoice_lines (
    invoice_id  VARCHAR(40)  NOT NULL,
    line_no     INT          NOT NULL,
    code        VARCHAR(16)  NOT NULL,
    description VARCHAR(255) NOT NULL,
    quantity    INT          NOT NULL,
    unit_cents  BIGINT       NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE payments (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    invoice_id   VARCHAR(40) NOT NULL,
    amount_cents BIGINT      NOT NULL,
    method       VARCHAR(8)  NOT NULL,
    reference    VARCHAR(64) NOT NULL DEFAULT '',
    received_at  DATETIME    NOT NULL,
    KEY idx_payments_invoice (invoice_id),
    KEY idx_payments_received (received_at)
);

CREATE TABLE insurance_claims (
    id            VARCHAR(40) NOT NULL PRIMARY KEY,
    invoice_id    VARCHAR(40) NOT NULL,
    patient_id    VARCHAR(40) NOT NULL,
    insurer_code  VARCHAR(32) NOT NULL,
    policy_number VARCHAR(64) NOT NULL,
    amount_cents  BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL,
    external_ref  VARCHAR(64) NOT NULL DEFAULT '',
    submitted_at  DATETIME    NOT NULL,
    KEY idx_claims_invoice (invoice_id)
);

-- billing stamps appointments so that a visit is never invoiced twice
ALTER TABLE appointments ADD COLUMN billed_at DATETIME NULL;
