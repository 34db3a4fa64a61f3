-- Facts the engine decides with, kept on the order instead of read back from the audit trail
-- (which is written, never consulted to decide): how many sends were recorded, when the first
-- was, and when the trader closed out a FAILED order. Existing orders get them from their trail.
-- Ghosts (venue orders Fillmore never placed) get a table of their own, so that "reported
-- already?" is a lookup, not an audit scan.

ALTER TABLE orders ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN first_sent_at TEXT;
ALTER TABLE orders ADD COLUMN failure_acknowledged_at TEXT;

UPDATE orders SET
    attempts = (SELECT count(*) FROM execution_log e WHERE e.order_id = orders.id AND e.action = 'EXECUTED'),
    first_sent_at = (SELECT min(e.timestamp) FROM execution_log e WHERE e.order_id = orders.id AND e.action = 'EXECUTED'),
    failure_acknowledged_at = (SELECT max(e.timestamp) FROM execution_log e
                               WHERE e.order_id = orders.id AND e.action = 'FAILURE_ACKNOWLEDGED');

CREATE TABLE ghosts (
    order_id      TEXT PRIMARY KEY,                  -- the venue's client order id
    venue         TEXT NOT NULL,
    symbol        TEXT NOT NULL,
    side          TEXT NOT NULL,
    quantity      INTEGER NOT NULL,
    venue_status  TEXT NOT NULL,
    first_seen_at TEXT NOT NULL
);
INSERT INTO ghosts (order_id, venue, symbol, side, quantity, venue_status, first_seen_at)
    SELECT order_id, venue, symbol, side, quantity, 'WORKING', min(timestamp) FROM execution_log
    WHERE error_code = 'GHOST_ORDER' GROUP BY order_id;
