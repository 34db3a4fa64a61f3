-- Fillmore on PostgreSQL: the whole schema of the SQLite migrations 0001..0003 in one step.
-- Times are TEXT in the canonical UTC form yyyy-MM-ddTHH:mm:ss.fffffffZ (COLLATE "C", so they
-- sort as they compare): timestamptz keeps only microseconds and would change .NET's 100 ns
-- ticks, so an audit entry re-hashed from its row would no longer match its stored hash.
-- Money and prices are numeric (exact); ids are TEXT in the canonical lower-case form the hash covers.

CREATE TABLE accounts (
    trader_id             TEXT PRIMARY KEY,
    cash                  numeric NOT NULL DEFAULT 0,
    version               bigint NOT NULL DEFAULT 1,
    updated_at            TEXT COLLATE "C" NOT NULL,
    max_position_shares   bigint,
    max_position_notional numeric,
    max_order_notional    numeric,
    max_open_orders       integer,
    daily_loss_limit      numeric,
    short_selling_enabled boolean NOT NULL DEFAULT false,
    trading_halted        boolean NOT NULL DEFAULT false
);

CREATE TABLE orders (
    row_no             bigserial NOT NULL UNIQUE,   -- insertion order: "newest first" without clock ties
    id                 TEXT PRIMARY KEY,            -- UUID v4, also the venue's client order id
    trader_id          TEXT NOT NULL,
    client_order_id    TEXT,
    symbol             TEXT NOT NULL,
    side               TEXT NOT NULL,
    quantity           bigint NOT NULL CHECK (quantity > 0),
    order_type         TEXT NOT NULL,
    price              numeric,
    stop_price         numeric,
    time_in_force      TEXT NOT NULL,
    stop_loss          numeric,
    take_profit        numeric,
    status             TEXT NOT NULL,
    filled_quantity    bigint NOT NULL CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    average_fill_price numeric,
    venue              TEXT NOT NULL,
    reason             TEXT,
    execution_path     TEXT NOT NULL,
    created_at         TEXT COLLATE "C" NOT NULL,
    updated_at         TEXT COLLATE "C" NOT NULL,
    version            bigint NOT NULL,
    reserve_price      numeric,
    owner_node         TEXT NOT NULL                -- the node that last wrote the order works it (IWorkLeases)
);
CREATE UNIQUE INDEX ux_orders_client_order_id ON orders (trader_id, client_order_id) WHERE client_order_id IS NOT NULL;
CREATE INDEX ix_orders_trader ON orders (trader_id, row_no);
CREATE INDEX ix_orders_open ON orders (status)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');
CREATE INDEX ix_orders_trader_open ON orders (trader_id)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');
CREATE INDEX ix_orders_owner_open ON orders (owner_node)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');
CREATE INDEX ix_orders_created ON orders (created_at);

CREATE TABLE fills (
    row_no       bigserial NOT NULL UNIQUE,         -- recording order: the executions' keyset tie-breaker
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id),
    trader_id    TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    quantity     bigint NOT NULL CHECK (quantity > 0),
    price        numeric NOT NULL,
    venue        TEXT NOT NULL,
    commission   numeric NOT NULL,
    timestamp    TEXT COLLATE "C" NOT NULL,
    recorded_at  TEXT COLLATE "C" NOT NULL,
    CONSTRAINT ux_fills_execution UNIQUE (venue, execution_id)   -- a venue execution counts once, ever
);
CREATE INDEX ix_fills_order ON fills (order_id);
CREATE INDEX ix_fills_trader_time ON fills (trader_id, timestamp);
CREATE INDEX ix_fills_time ON fills (timestamp);

-- The audit trail. id is the position in the single SHA-256 chain (see docs/audit.md); the
-- writers of every node take one advisory lock per transaction, so ids stay gap-free and ordered.
CREATE TABLE execution_log (
    id             bigint PRIMARY KEY,
    order_id       TEXT NOT NULL,
    trader_id      TEXT NOT NULL,
    action         TEXT NOT NULL,
    status         TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    side           TEXT NOT NULL,
    quantity       bigint NOT NULL,
    price          numeric,
    venue          TEXT NOT NULL,
    timestamp      TEXT COLLATE "C" NOT NULL,
    reason         TEXT,
    retry_attempt  integer,
    error_code     TEXT,
    execution_path TEXT NOT NULL,
    actor          TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX ix_execution_log_order ON execution_log (order_id, id);
CREATE INDEX ix_execution_log_trader ON execution_log (trader_id, id);

-- The event outbox. seq is per trader and gap-free: it comes from trader_sequences inside the
-- same transaction as the change, so a rolled-back change never consumes a number.
CREATE TABLE trader_sequences (
    trader_id TEXT PRIMARY KEY,
    last_seq  bigint NOT NULL
);

CREATE TABLE order_events (
    id          bigserial PRIMARY KEY,              -- global commit order
    trader_id   TEXT NOT NULL,
    seq         bigint NOT NULL,
    event_type  TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,                      -- the event's wire JSON (OrderEventJson), byte for byte
    recorded_at TEXT COLLATE "C" NOT NULL,
    UNIQUE (trader_id, seq)
);
CREATE INDEX ix_order_events_order ON order_events (order_id);

CREATE TABLE positions (
    trader_id    TEXT NOT NULL,
    symbol       TEXT NOT NULL,
    quantity     bigint NOT NULL,                   -- negative when short
    average_cost numeric NOT NULL,
    updated_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (trader_id, symbol)
);

CREATE TABLE daily_pnl (
    trader_id   TEXT NOT NULL,
    trading_day TEXT NOT NULL,                      -- yyyy-MM-dd in the exchange time zone
    realised    numeric NOT NULL,
    PRIMARY KEY (trader_id, trading_day)
);

CREATE TABLE trading_controls (
    key        TEXT PRIMARY KEY,
    value      TEXT,
    updated_at TEXT COLLATE "C" NOT NULL
);
