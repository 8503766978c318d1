CREATE TABLE lab_orders (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    patient_id     VARCHAR(40)  NOT NULL,
    ordered_by     VARCHAR(40)  NOT NULL,
    appointment_id VARCHAR(40)  NULL,
    priority       VARCHAR(8)   NOT NULL,
    notes          VARCHAR(500) NOT NULL DEFAULT '',
    status         VARCHAR(16)  NOT NULL,
    ordered_at     DATETIME     NOT NULL,
    collected_at   DATETIME     NULL,
    resulted_at    DATETIME     NULL,
    KEY idx_lab_orders_patient (patient_id),
    KEY idx_lab_orders_appt (appointment_id),
    KEY idx_lab_orders_status (status, collected_at)
);

CREATE TABLE lab_order_tests (
    order_id  VARCHAR(40) NOT NULL,
    test_code VARCHAR(16) NOT NULL,
    PRIMARY KEY (order_id, test_code)
);

CREATE TABLE lab_results (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_id    VARCHAR(40) NOT NULL,
    test_code   VARCHAR(16) NOT NULL,
    analyte     VARCHAR(16) NOT NULL,
    value       DOUBLE      NOT NULL,
    unit        VARCHAR(16) NOT NULL DEFAULT '',
    flag        VARCHAR(2)  NOT NULL,
    ref_low     DOUBLE      NOT NULL,
    ref_high    DOUBLE      NOT NULL,
    verified_by VARCHAR(40) NOT NULL,
    resulted_at DATETIME    NOT NULL,
    KEY idx_lab_results_order (order_id, test_code)
);
