-- API keys created through the admin API (issue 20). Only the key's SHA-256 is stored, under its
-- public prefix; times are ISO 8601 text like every other time column. Revoked and expired keys
-- stay (the listing shows them; the audit trail names them).
CREATE TABLE api_keys (
    prefix       TEXT PRIMARY KEY,
    key_sha256   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    scope        TEXT NOT NULL,
    label        TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT,
    replaced_by  TEXT
);

-- The data keys of the encryption at rest (docs/security.md), each wrapped under the master key,
-- which is never stored. api_keys.key_sha256 and api_keys.label hold values encrypted with them.
CREATE TABLE data_keys (
    id            TEXT PRIMARY KEY,
    wrapped       TEXT NOT NULL,
    master_key_id TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
