-- The audit trail partitioned (docs/audit.md, "The hash chains"): each entry belongs to the partition
-- of its trader and is chained within it (partition, partition_seq), so writers on different
-- nodes lock only the partitions they write (audit_heads, FOR UPDATE) instead of one advisory
-- lock for the whole cluster. The rows written before this migration keep their single chain:
-- they are the legacy segment, its head recorded here once, and every partition starts from it.
-- The global id stays for listing order; it now comes from a sequence, because no lock orders the
-- writers of different partitions any more.
ALTER TABLE execution_log ADD COLUMN partition integer, ADD COLUMN partition_seq bigint;
ALTER TABLE execution_log ADD CONSTRAINT execution_log_partition_pair
    CHECK ((partition IS NULL) = (partition_seq IS NULL));
CREATE UNIQUE INDEX ux_execution_log_partition ON execution_log (partition, partition_seq)
    WHERE partition IS NOT NULL;

CREATE SEQUENCE execution_log_id_seq OWNED BY execution_log.id;
SELECT setval('execution_log_id_seq', COALESCE((SELECT max(id) FROM execution_log), 0) + 1, false);
ALTER TABLE execution_log ALTER COLUMN id SET DEFAULT nextval('execution_log_id_seq');
GRANT USAGE ON SEQUENCE execution_log_id_seq TO fillmore_app;

-- The legacy segment is closed: the ALTER TABLEs above waited for every transaction that was
-- writing to it, and the trigger below refuses any entry without a partition from now on (a node
-- of an older release still running fails loudly instead of extending a closed chain).
CREATE TABLE audit_legacy_head (
    singleton integer PRIMARY KEY CHECK (singleton = 1),
    head_id   bigint NOT NULL,
    head_hash TEXT   NOT NULL
);
INSERT INTO audit_legacy_head (singleton, head_id, head_hash)
SELECT 1, COALESCE(max(id), 0),
       COALESCE((SELECT hash FROM execution_log ORDER BY id DESC LIMIT 1), repeat('0', 64))
FROM execution_log;

CREATE FUNCTION audit_legacy_head_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_legacy_head is fixed: the legacy segment''s head cannot be changed (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER audit_legacy_head_refuses_change BEFORE UPDATE OR DELETE ON audit_legacy_head
    FOR EACH ROW EXECUTE FUNCTION audit_legacy_head_refuse_change();
CREATE TRIGGER audit_legacy_head_refuses_truncate BEFORE TRUNCATE ON audit_legacy_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_legacy_head_refuse_change();

CREATE FUNCTION execution_log_refuse_legacy_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'execution_log is partitioned: an entry needs its partition and partition_seq '
        '(is a node of an older release still running?)' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER execution_log_refuses_legacy_insert BEFORE INSERT ON execution_log
    FOR EACH ROW WHEN (NEW.partition IS NULL) EXECUTE FUNCTION execution_log_refuse_legacy_insert();

-- One row per partition, created when a node first opens the store with the configured count (the
-- count is then fixed: a node configured otherwise refuses to start). A writer locks the rows of
-- the partitions its transaction touches, in partition order, and moves them forward at commit.
CREATE TABLE audit_heads (
    partition integer PRIMARY KEY CHECK (partition >= 0),
    seq       bigint  NOT NULL,
    hash      TEXT    NOT NULL
);

REVOKE ALL ON audit_legacy_head, audit_heads FROM PUBLIC;
GRANT SELECT ON audit_legacy_head TO fillmore_app;
GRANT SELECT, INSERT, UPDATE ON audit_heads TO fillmore_app;

-- Checkpoints of version 2 sign every partition's head (docs/audit.md, "Checkpoints").
ALTER TABLE audit_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN partitions integer,
    ADD COLUMN legacy_head_id bigint, ADD COLUMN legacy_head_hash TEXT, ADD COLUMN heads TEXT;
