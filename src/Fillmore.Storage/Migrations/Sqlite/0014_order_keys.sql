-- Integer order keys (docs/benchmarks.md, "The integer order key"). An order's audit entries and
-- fills were found through its UUID, so every entry and fill went into a B-tree keyed by a random
-- value and dirtied a page of it that no other recent row shared: about a quarter of the writer's
-- work per order. They are now found through the order's row_no, which grows with every new order,
-- so an order's entries and fills go next to those of the other recent orders, on pages the writer
-- has just touched.
-- order_row is the store's key, not audit content: the hash does not cover it, and the verifier
-- checks that it names the entry's order (docs/audit.md). An entry about no order (a ghost's, a
-- control's) has none; those few stay found through order_id.
ALTER TABLE execution_log ADD COLUMN order_row INTEGER;
ALTER TABLE fills ADD COLUMN order_row INTEGER;

-- The entries written before get their key. This is the only change ever made to stored entries,
-- to a column outside the hash, with the guard lifted inside this migration's transaction alone.
DROP TRIGGER execution_log_refuses_update;
UPDATE execution_log SET order_row = (SELECT row_no FROM orders WHERE orders.id = execution_log.order_id);
CREATE TRIGGER execution_log_refuses_update BEFORE UPDATE ON execution_log
BEGIN
    SELECT RAISE(ABORT, 'execution_log is append-only: audit entries cannot be changed');
END;
UPDATE fills SET order_row = (SELECT row_no FROM orders WHERE orders.id = fills.order_id);

-- The id (rowid) is part of every SQLite index, so (order_row) lists an order's entries in id order.
DROP INDEX ix_execution_log_order;
DROP INDEX ix_fills_order;
CREATE INDEX ix_execution_log_order_row ON execution_log (order_row) WHERE order_row IS NOT NULL;
CREATE INDEX ix_execution_log_unkeyed ON execution_log (order_id) WHERE order_row IS NULL;
CREATE INDEX ix_fills_order_row ON fills (order_row);
