-- Order classes (brackets, OCO, OTO), trailing stops, GTD, orders held by Fillmore, amends.
-- The spec as submitted stays in its columns; what the venue is asked for now (the terms, after
-- an amend or a release) is in working_*; a replace the venue has not confirmed is in amend_*.
-- An amend may raise the quantity, so what is filled is bounded by the working quantity, not the
-- submitted one: SQLite cannot change a CHECK in place, so the table is rebuilt (the migration
-- runs before the store turns foreign keys on; the rows, their row_no and every index are kept).
CREATE TABLE orders_v7 (
    row_no                  INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    trader_id               TEXT NOT NULL,
    client_order_id         TEXT,
    symbol                  TEXT NOT NULL,
    side                    TEXT NOT NULL,
    quantity                INTEGER NOT NULL CHECK (quantity > 0),
    order_type              TEXT NOT NULL,
    price                   TEXT,
    stop_price              TEXT,
    time_in_force           TEXT NOT NULL,
    stop_loss               TEXT,
    take_profit             TEXT,
    status                  TEXT NOT NULL,
    filled_quantity         INTEGER NOT NULL,
    average_fill_price      TEXT,
    venue                   TEXT NOT NULL,
    reason                  TEXT,
    execution_path          TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    version                 INTEGER NOT NULL,
    reserve_price           TEXT,
    attempts                INTEGER NOT NULL DEFAULT 0,
    first_sent_at           TEXT,
    failure_acknowledged_at TEXT,
    order_class             TEXT NOT NULL DEFAULT 'SIMPLE',
    stop_loss_limit_price   TEXT,
    trail_price             TEXT,
    trail_percent           TEXT,
    expire_at               TEXT,
    parent_order_id         TEXT,
    leg_role                TEXT NOT NULL DEFAULT 'ENTRY',
    expires_at              TEXT,
    working_type            TEXT NOT NULL,
    working_quantity        INTEGER NOT NULL,
    working_price           TEXT,
    working_stop_price      TEXT,
    working_time_in_force   TEXT NOT NULL,
    working_trail_price     TEXT,
    working_trail_percent   TEXT,
    amend_quantity          INTEGER,
    amend_price             TEXT,
    amend_stop_price        TEXT,
    venue_revision          INTEGER NOT NULL DEFAULT 0,
    trigger_price           TEXT,
    watermark               TEXT,
    triggered_at            TEXT,
    cancel_intent           TEXT,
    CHECK (filled_quantity >= 0 AND filled_quantity <= working_quantity)
);

INSERT INTO orders_v7 (row_no, id, trader_id, client_order_id, symbol, side, quantity, order_type, price, stop_price,
    time_in_force, stop_loss, take_profit, status, filled_quantity, average_fill_price, venue, reason, execution_path,
    created_at, updated_at, version, reserve_price, attempts, first_sent_at, failure_acknowledged_at,
    working_type, working_quantity, working_price, working_stop_price, working_time_in_force)
SELECT row_no, id, trader_id, client_order_id, symbol, side, quantity, order_type, price, stop_price,
    time_in_force, stop_loss, take_profit, status, filled_quantity, average_fill_price, venue, reason, execution_path,
    created_at, updated_at, version, reserve_price, attempts, first_sent_at, failure_acknowledged_at,
    order_type, quantity, price, stop_price, time_in_force
FROM orders;

DROP TABLE orders;
ALTER TABLE orders_v7 RENAME TO orders;

CREATE UNIQUE INDEX ux_orders_client_order_id ON orders (trader_id, client_order_id) WHERE client_order_id IS NOT NULL;
CREATE INDEX ix_orders_trader ON orders (trader_id, row_no);
CREATE INDEX ix_orders_open ON orders (status)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');
CREATE INDEX ix_orders_trader_open ON orders (trader_id)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');
CREATE INDEX ix_orders_created ON orders (created_at);
CREATE INDEX ix_orders_parent ON orders (parent_order_id) WHERE parent_order_id IS NOT NULL;
