-- The quantity of each order's stored fills, kept by the writer beside filled_quantity (the venue's
-- totals). A node lists the orders it owns that are open, in doubt or short of their fills on every
-- reconciliation pass (every few seconds); the last of these was found by summing every owned
-- order's fills, a pass whose cost grew with the whole history of the store (and whose planned cost
-- was high enough for the server to JIT-compile it every time). It is now read from a partial index
-- that holds only the orders short of their fills: normally none. An order SMART split (venue
-- SMART) is filled by its parts, whose fills are stored under them; it never has fills of its own
-- and is not short of them.
ALTER TABLE orders ADD COLUMN recorded_quantity bigint NOT NULL DEFAULT 0;
UPDATE orders o SET recorded_quantity = recorded.quantity
FROM (SELECT order_row, SUM(quantity) AS quantity FROM fills GROUP BY order_row) AS recorded
WHERE recorded.order_row = o.row_no;
CREATE INDEX ix_orders_fills_short ON orders (owner_node)
    WHERE filled_quantity > recorded_quantity AND venue <> 'SMART';
