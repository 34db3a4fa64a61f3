-- Execution controls (issue 16). Orders carry their controls: the slippage limit in force (the
-- order's own, or its account's default) and the arrival price it is measured against, and the
-- maximum wait with the time it runs out. Accounts carry an administrator's slippage limits.
ALTER TABLE orders ADD COLUMN max_slippage_bps TEXT;        -- as submitted (part of the spec)
ALTER TABLE orders ADD COLUMN max_wait_seconds INTEGER;     -- as submitted (part of the spec)
ALTER TABLE orders ADD COLUMN slippage_limit_bps TEXT;      -- in force: the order's, else the account default
ALTER TABLE orders ADD COLUMN arrival_price TEXT;           -- the touch when it went to the market
ALTER TABLE orders ADD COLUMN timeout_at TEXT;              -- created_at + the wait in force
ALTER TABLE accounts ADD COLUMN default_max_slippage_bps TEXT;
ALTER TABLE accounts ADD COLUMN max_slippage_bps TEXT;

-- Control entries (halts, the execution flag, account changes) are audit entries about no order:
-- their status, symbol, side and execution path are NULL. SQLite cannot drop NOT NULL in place,
-- so the append-only table is rebuilt with every row, id and hash as it was (DROP TABLE is not an
-- UPDATE or DELETE, so its guards do not fire; they are recreated on the new table).
CREATE TABLE execution_log_v8 (
    id             INTEGER PRIMARY KEY,
    order_id       TEXT NOT NULL,
    trader_id      TEXT NOT NULL,
    action         TEXT NOT NULL,
    status         TEXT,
    symbol         TEXT,
    side           TEXT,
    quantity       INTEGER NOT NULL,
    price          TEXT,
    venue          TEXT NOT NULL,
    timestamp      TEXT NOT NULL,
    reason         TEXT,
    retry_attempt  INTEGER,
    error_code     TEXT,
    execution_path TEXT,
    actor          TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
INSERT INTO execution_log_v8 SELECT id, order_id, trader_id, action, status, symbol, side, quantity, price, venue,
    timestamp, reason, retry_attempt, error_code, execution_path, actor, prev_hash, hash FROM execution_log;
DROP TABLE execution_log;
ALTER TABLE execution_log_v8 RENAME TO execution_log;
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
