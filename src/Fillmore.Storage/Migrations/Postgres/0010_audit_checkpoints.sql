-- Signed checkpoints of the audit chain's head (docs/audit.md, "Checkpoints"). Append-only like
-- the chain: the application role may read and add, never change or remove.
CREATE TABLE audit_checkpoints (
    seq        BIGSERIAL PRIMARY KEY,
    created_at TEXT COLLATE "C" NOT NULL,
    head_id    BIGINT NOT NULL,
    head_hash  TEXT   NOT NULL,
    key_id     TEXT   NOT NULL,
    public_key TEXT   NOT NULL,
    signature  TEXT   NOT NULL
);

CREATE FUNCTION audit_checkpoints_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoints is append-only: checkpoints cannot be changed or deleted';
END;
$$;
CREATE TRIGGER audit_checkpoints_refuse_change BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change();
CREATE TRIGGER audit_checkpoints_refuse_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change();

REVOKE ALL ON audit_checkpoints FROM PUBLIC;
GRANT SELECT, INSERT ON audit_checkpoints TO fillmore_app;
GRANT USAGE ON SEQUENCE audit_checkpoints_seq_seq TO fillmore_app;
