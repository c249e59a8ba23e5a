-- The feedback store. Portable SQL: the same migration runs on H2 (embedded default) and PostgreSQL.
-- No patient data beyond the opaque patient id of an issued card.

-- One row per card the service answered, written in batches off the request thread.
CREATE TABLE issued_card (
    card_uuid      VARCHAR(256)             NOT NULL PRIMARY KEY,
    rule_id        VARCHAR(256)             NOT NULL,
    indicator      VARCHAR(16)              NOT NULL,
    service_id     VARCHAR(256)             NOT NULL,
    hook_instance  VARCHAR(1024)            NOT NULL,
    patient_id     VARCHAR(1024),
    issued_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX issued_card_rule_time ON issued_card (rule_id, issued_at);

-- One row per distinct feedback entry. entry_key is the SHA-256 of the entry's canonical form, so the
-- same entry sent twice is stored once.
CREATE TABLE feedback (
    entry_key          CHAR(64)                 NOT NULL PRIMARY KEY,
    service_id         VARCHAR(256)             NOT NULL,
    card_uuid          VARCHAR(256)             NOT NULL,
    outcome            VARCHAR(16)              NOT NULL,
    reason_system      VARCHAR(1024),
    reason_code        VARCHAR(256),
    reason_display     VARCHAR(1024),
    user_comment       VARCHAR(8192),
    outcome_timestamp  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT feedback_outcome CHECK (outcome IN ('accepted', 'overridden'))
);
CREATE INDEX feedback_card ON feedback (card_uuid);
CREATE INDEX feedback_time ON feedback (outcome_timestamp);

-- The suggestions an accepted entry names (card.suggestions[].uuid).
CREATE TABLE feedback_suggestion (
    entry_key        CHAR(64)     NOT NULL REFERENCES feedback (entry_key),
    suggestion_uuid  VARCHAR(256) NOT NULL,
    PRIMARY KEY (entry_key, suggestion_uuid)
);
