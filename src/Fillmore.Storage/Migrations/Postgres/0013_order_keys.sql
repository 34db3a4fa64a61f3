-- Integer order keys (docs/benchmarks.md, "The integer order key"). An order's audit entries and
-- fills were found through its UUID, so every entry and fill went into a B-tree keyed by a random
-- value and dirtied a page of it that no other recent row shared. They are now found through the
-- order's row_no, which grows with every new order (from one sequence, whichever node inserts),
-- so an order's entries and fills go next to those of the other recent orders.
-- order_row is the store's key, not audit content: the hash does not cover it, and the verifier
-- checks that it names the entry's order (docs/audit.md). An entry about no order (a ghost's, a
-- control's) has none; those few stay found through order_id. Every node must run this version:
-- a node from before would write entries without the key, which the verifier reports.
ALTER TABLE execution_log ADD COLUMN order_row bigint;
ALTER TABLE fills ADD COLUMN order_row bigint;

-- The entries written before get their key. This is the only change ever made to stored entries,
-- to a column outside the hash, with the guard lifted inside this migration's transaction alone.
ALTER TABLE execution_log DISABLE TRIGGER execution_log_refuses_change;
UPDATE execution_log l SET order_row = o.row_no FROM orders o WHERE o.id = l.order_id;
ALTER TABLE execution_log ENABLE TRIGGER execution_log_refuses_change;
UPDATE fills f SET order_row = o.row_no FROM orders o WHERE o.id = f.order_id;

DROP INDEX ix_execution_log_order;
DROP INDEX ix_fills_order;
CREATE INDEX ix_execution_log_order_row ON execution_log (order_row, id) WHERE order_row IS NOT NULL;
CREATE INDEX ix_execution_log_unkeyed ON execution_log (order_id, id) WHERE order_row IS NULL;
CREATE INDEX ix_fills_order_row ON fills (order_row);
