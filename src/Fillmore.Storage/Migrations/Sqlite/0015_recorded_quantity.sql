-- The quantity of each order's stored fills, kept by the writer beside filled_quantity (the venue's
-- totals). The reconciler lists the orders short of their fills on every pass (every few seconds);
-- that list was found by summing every stored order's fills, a pass whose cost grew with the whole
-- history of the store. It is now read from a partial index that holds only the orders short of
-- their fills: normally none. An order SMART split (venue SMART) is filled by its parts, whose
-- fills are stored under them; it never has fills of its own and is not short of them.
ALTER TABLE orders ADD COLUMN recorded_quantity INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET recorded_quantity = recorded.quantity
FROM (SELECT order_row, SUM(quantity) AS quantity FROM fills GROUP BY order_row) AS recorded
WHERE recorded.order_row = orders.row_no;
CREATE INDEX ix_orders_fills_short ON orders (row_no)
    WHERE filled_quantity > recorded_quantity AND venue <> 'SMART';
