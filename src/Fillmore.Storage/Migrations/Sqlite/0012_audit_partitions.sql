-- The audit trail partitioned (docs/audit.md, "The hash chains"): each entry belongs to the partition
-- of its trader and is chained within it (partition, partition_seq). The rows written before this
-- migration keep their single chain: they are the legacy segment, its head recorded here once,
-- and every partition starts from it. The id (INTEGER PRIMARY KEY) stays the listing order.
-- No unique index on (partition, partition_seq) here, unlike PostgreSQL: the file has one writer,
-- which numbers every partition in its own transactions, and the verifier names a duplicated or
-- skipped place anyway; the index cost about 5 KiB of WAL per order (docs/benchmarks.md). On
-- PostgreSQL, where several nodes write, the index is the database's word that none share a place.
ALTER TABLE execution_log ADD COLUMN partition INTEGER;
ALTER TABLE execution_log ADD COLUMN partition_seq INTEGER;

CREATE TABLE audit_legacy_head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    head_id   INTEGER NOT NULL,
    head_hash TEXT    NOT NULL
);
INSERT INTO audit_legacy_head (singleton, head_id, head_hash)
SELECT 1, COALESCE(max(id), 0),
       COALESCE((SELECT hash FROM execution_log ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM execution_log;

CREATE TRIGGER audit_legacy_head_refuses_update BEFORE UPDATE ON audit_legacy_head
BEGIN
    SELECT RAISE(ABORT, 'audit_legacy_head is fixed: the legacy segment''s head cannot be changed');
END;

CREATE TRIGGER audit_legacy_head_refuses_delete BEFORE DELETE ON audit_legacy_head
BEGIN
    SELECT RAISE(ABORT, 'audit_legacy_head is fixed: the legacy segment''s head cannot be deleted');
END;

-- The legacy segment is closed: an entry without its partition is refused from now on.
CREATE TRIGGER execution_log_refuses_legacy_insert BEFORE INSERT ON execution_log
    WHEN NEW.partition IS NULL OR NEW.partition_seq IS NULL
BEGIN
    SELECT RAISE(ABORT, 'execution_log is partitioned: an entry needs its partition and partition_seq');
END;

-- One row per partition, created when the store is first opened with the configured count (the
-- count is then fixed). The single writer moves a partition's row forward in the transaction that
-- extends its chain.
CREATE TABLE audit_heads (
    partition INTEGER PRIMARY KEY CHECK (partition >= 0),
    seq       INTEGER NOT NULL,
    hash      TEXT    NOT NULL
);

-- Checkpoints of version 2 sign every partition's head (docs/audit.md, "Checkpoints").
ALTER TABLE audit_checkpoints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_checkpoints ADD COLUMN partitions INTEGER;
ALTER TABLE audit_checkpoints ADD COLUMN legacy_head_id INTEGER;
ALTER TABLE audit_checkpoints ADD COLUMN legacy_head_hash TEXT;
ALTER TABLE audit_checkpoints ADD COLUMN heads TEXT;
