-- The ledger: account limits and halt switch, positions, realised P&L per trading day, the cash
-- each open buy reserves, and trading controls (the global halt survives restarts).

ALTER TABLE accounts ADD COLUMN max_position_shares INTEGER;
ALTER TABLE accounts ADD COLUMN max_position_notional TEXT;
ALTER TABLE accounts ADD COLUMN max_order_notional TEXT;
ALTER TABLE accounts ADD COLUMN max_open_orders INTEGER;
ALTER TABLE accounts ADD COLUMN daily_loss_limit TEXT;
ALTER TABLE accounts ADD COLUMN short_selling_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN trading_halted INTEGER NOT NULL DEFAULT 0;

ALTER TABLE orders ADD COLUMN reserve_price TEXT;
CREATE INDEX ix_orders_trader_open ON orders (trader_id)
    WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED', 'DENIED', 'EXPIRED', 'FAILED');

CREATE TABLE positions (
    trader_id    TEXT NOT NULL,
    symbol       TEXT NOT NULL,
    quantity     INTEGER NOT NULL,                  -- negative when short
    average_cost TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (trader_id, symbol)
);

CREATE TABLE daily_pnl (
    trader_id   TEXT NOT NULL,
    trading_day TEXT NOT NULL,                      -- yyyy-MM-dd in the exchange time zone
    realised    TEXT NOT NULL,
    PRIMARY KEY (trader_id, trading_day)
);

CREATE TABLE trading_controls (
    key        TEXT PRIMARY KEY,
    value      TEXT,
    updated_at TEXT NOT NULL
);
