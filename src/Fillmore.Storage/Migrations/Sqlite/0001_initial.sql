-- Fillmore on SQLite: orders, fills, the audit trail, the event outbox, accounts.
-- Decimals are TEXT (exact, invariant culture, no trailing zeros); times are TEXT in UTC,
-- yyyy-MM-ddTHH:mm:ss.fffffffZ, so they sort as they compare.

CREATE TABLE accounts (
    trader_id  TEXT PRIMARY KEY,
    cash       TEXT NOT NULL DEFAULT '0',
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE orders (
    row_no             INTEGER PRIMARY KEY,          -- insertion order: "newest first" without clock ties
    id                 TEXT NOT NULL UNIQUE,         -- UUID v4, also the venue's client order id
    trader_id          TEXT NOT NULL,
    client_order_id    TEXT,
    symbol             TEXT NOT NULL,
    side               TEXT NOT NULL,
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    order_type         TEXT NOT NULL,
    price              TEXT,
    stop_price         TEXT,
    time_in_force      TEXT NOT NULL,
    stop_loss          TEXT,
    take_profit        TEXT,
    status             TEXT NOT NULL,
    filled_quantity    INTEGER NOT NULL CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    average_fill_price TEXT,
    venue              TEXT NOT NULL,
    reason             TEXT,
    execution_path     TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_orders_client_order_id ON orders (trader_id, client_order_id) WHERE client_order_id IS NOT NULL;
CREATE INDEX ix_orders_trader ON orders (trader_id, row_no);
CREATE INDEX ix_orders_open ON orders (status)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');

CREATE TABLE fills (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id),
    trader_id    TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    price        TEXT NOT NULL,
    venue        TEXT NOT NULL,
    commission   TEXT NOT NULL,
    timestamp    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (venue, execution_id)                     -- a venue execution counts once, ever
);
CREATE INDEX ix_fills_order ON fills (order_id);
CREATE INDEX ix_fills_trader_time ON fills (trader_id, timestamp);

-- The audit trail. id is the position in the single SHA-256 chain (see docs/audit.md).
CREATE TABLE execution_log (
    id             INTEGER PRIMARY KEY,
    order_id       TEXT NOT NULL,
    trader_id      TEXT NOT NULL,
    action         TEXT NOT NULL,
    status         TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    side           TEXT NOT NULL,
    quantity       INTEGER NOT NULL,
    price          TEXT,
    venue          TEXT NOT NULL,
    timestamp      TEXT NOT NULL,
    reason         TEXT,
    retry_attempt  INTEGER,
    error_code     TEXT,
    execution_path TEXT NOT NULL,
    actor          TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX ix_execution_log_order ON execution_log (order_id, id);
CREATE INDEX ix_execution_log_trader ON execution_log (trader_id, id);

CREATE TRIGGER execution_log_refuses_update BEFORE UPDATE ON execution_log
BEGIN
    SELECT RAISE(ABORT, 'execution_log is append-only: audit entries cannot be changed');
END;

CREATE TRIGGER execution_log_refuses_delete BEFORE DELETE ON execution_log
BEGIN
    SELECT RAISE(ABORT, 'execution_log is append-only: audit entries cannot be deleted');
END;

-- The event outbox. seq is per trader and gap-free: it comes from trader_sequences inside the
-- same transaction as the change, so a rolled-back change never consumes a number.
CREATE TABLE trader_sequences (
    trader_id TEXT PRIMARY KEY,
    last_seq  INTEGER NOT NULL
);

CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,                 -- global commit order
    trader_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    event_type  TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,                       -- the event's wire JSON (OrderEventJson)
    recorded_at TEXT NOT NULL,
    UNIQUE (trader_id, seq)
);
CREATE INDEX ix_order_events_order ON order_events (order_id);
