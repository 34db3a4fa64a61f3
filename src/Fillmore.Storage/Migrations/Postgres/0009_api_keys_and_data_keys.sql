-- API keys created through the admin API (issue 20); see the SQLite migration 0010. Times are
-- ISO 8601 text in the "C" collation, so they compare as they sort.
CREATE TABLE api_keys (
    prefix       TEXT PRIMARY KEY,
    key_sha256   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    scope        TEXT NOT NULL,
    label        TEXT,
    created_at   TEXT COLLATE "C" NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT COLLATE "C",
    revoked_at   TEXT COLLATE "C",
    last_used_at TEXT COLLATE "C",
    replaced_by  TEXT
);
GRANT SELECT, INSERT, UPDATE ON api_keys TO fillmore_app;

-- The data keys of the encryption at rest; see the SQLite migration 0010.
CREATE TABLE data_keys (
    id            TEXT PRIMARY KEY,
    wrapped       TEXT NOT NULL,
    master_key_id TEXT NOT NULL,
    created_at    TEXT COLLATE "C" NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON data_keys TO fillmore_app;
