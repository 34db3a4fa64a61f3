-- Signed checkpoints of the audit chain's head (docs/audit.md, "Checkpoints"). Append-only like
-- the chain: a checkpoint is evidence about the past and is never edited.
CREATE TABLE audit_checkpoints (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT    NOT NULL,
    head_id    INTEGER NOT NULL,
    head_hash  TEXT    NOT NULL,
    key_id     TEXT    NOT NULL,
    public_key TEXT    NOT NULL,
    signature  TEXT    NOT NULL
);

CREATE TRIGGER audit_checkpoints_refuse_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only: checkpoints cannot be changed');
END;

CREATE TRIGGER audit_checkpoints_refuse_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only: checkpoints cannot be deleted');
END;
