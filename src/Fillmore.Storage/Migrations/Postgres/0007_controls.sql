-- Execution controls (issue 16); see the SQLite migration 0008 for what each column holds.
ALTER TABLE orders ADD COLUMN max_slippage_bps numeric;
ALTER TABLE orders ADD COLUMN max_wait_seconds integer;
ALTER TABLE orders ADD COLUMN slippage_limit_bps numeric;
ALTER TABLE orders ADD COLUMN arrival_price numeric;
ALTER TABLE orders ADD COLUMN timeout_at TEXT COLLATE "C";
ALTER TABLE accounts ADD COLUMN default_max_slippage_bps numeric;
ALTER TABLE accounts ADD COLUMN max_slippage_bps numeric;

-- Control entries are audit entries about no order: status, symbol, side and path are NULL.
ALTER TABLE execution_log ALTER COLUMN status DROP NOT NULL;
ALTER TABLE execution_log ALTER COLUMN symbol DROP NOT NULL;
ALTER TABLE execution_log ALTER COLUMN side DROP NOT NULL;
ALTER TABLE execution_log ALTER COLUMN execution_path DROP NOT NULL;
