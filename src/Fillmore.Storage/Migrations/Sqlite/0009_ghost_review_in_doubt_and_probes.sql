-- (issue 16: orders in doubt, ghosts under review, the store's health probe)
-- Orders in doubt (every attempt and the final question unanswered) carry the fact on the row,
-- not only in their reason: the trader may retry or acknowledge them, and one acknowledged while
-- in doubt (FAILED) stays on the reconciler's work list until the venue says what it did.
-- Ghosts (venue orders Fillmore never placed) become reviewable: refreshed by every
-- reconciliation, closed when the venue no longer has them open, cancelled at the venue or
-- dismissed by an administrator; the venue's account when it names one; a version guards
-- concurrent writers (the reconcilers of several nodes, an administrator).

ALTER TABLE orders ADD COLUMN in_doubt_since TEXT;
UPDATE orders SET in_doubt_since = updated_at WHERE status = 'PENDING_SUBMIT' AND reason LIKE 'In doubt:%';
CREATE INDEX orders_in_doubt ON orders (in_doubt_since) WHERE in_doubt_since IS NOT NULL;

ALTER TABLE ghosts ADD COLUMN account TEXT;
ALTER TABLE ghosts ADD COLUMN filled_quantity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ghosts ADD COLUMN cancel_requested_at TEXT;
ALTER TABLE ghosts ADD COLUMN cancel_requested_by TEXT;
ALTER TABLE ghosts ADD COLUMN closed_at TEXT;
ALTER TABLE ghosts ADD COLUMN resolution TEXT;
ALTER TABLE ghosts ADD COLUMN close_reason TEXT;
ALTER TABLE ghosts ADD COLUMN resolved_by TEXT;
ALTER TABLE ghosts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ghosts_open ON ghosts (first_seen_at) WHERE closed_at IS NULL;

-- Health: each node overwrites its row when no order was written for a while, proving the store
-- can write now (an idle service's disk or database may have become read-only meanwhile).
CREATE TABLE store_probes (
    node_id   TEXT PRIMARY KEY,
    probed_at TEXT NOT NULL
);
