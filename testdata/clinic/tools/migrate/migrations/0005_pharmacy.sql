CREATE TABLE prescriptions (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    patient_id    VARCHAR(40)  NOT NULL,
    prescriber_id VARCHAR(40)  NOT NULL,
    drug_code     VARCHAR(16)  NOT NULL,
    drug_name     VARCHAR(120) NOT NULL,
    dose          VARCHAR(32)  NOT NULL,
    frequency     VARCHAR(8)   NOT NULL,
    quantity      INT          NOT NULL,
    refills       INT          NOT NULL,
    schedule      TINYINT      NOT NULL DEFAULT 0,
    status        VARCHAR(16)  NOT NULL,
    written_at    DATETIME     NOT NULL,
    expires_at    DATETIME     NOT NULL,
    KEY idx_rx_patient (patient_id, status)
);

CREATE TABLE dispensations (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    prescription_id VARCHAR(40)  NOT NULL,
    pharmacist_id   VARCHAR(40)  NOT NULL,
    quantity        INT          NOT NULL,
    lots            VARCHAR(255) NOT NULL,
    dispensed_at    DATETIME     NOT NULL,
    KEY idx_dispensations_rx (prescription_id)
);

CREATE TABLE drug_inventory (
    drug_code     VARCHAR(16) NOT NULL,
    lot           VARCHAR(32) NOT NULL,
    on_hand       INT         NOT NULL,
    reserved      INT         NOT NULL DEFAULT 0,
    reorder_level INT         NOT NULL DEFAULT 0,
    expires_on    DATE        NOT NULL,
    PRIMARY KEY (drug_code, lot)
);
