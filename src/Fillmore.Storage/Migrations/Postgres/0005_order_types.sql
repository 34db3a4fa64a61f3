-- Order classes (brackets, OCO, OTO), trailing stops, GTD, orders held by Fillmore, amends.
-- The spec as submitted stays in its columns; what the venue is asked for now (the terms, after
-- an amend or a release) is in working_*; a replace the venue has not confirmed is in amend_*.
ALTER TABLE orders ADD COLUMN order_class TEXT NOT NULL DEFAULT 'SIMPLE';
ALTER TABLE orders ADD COLUMN stop_loss_limit_price numeric;
ALTER TABLE orders ADD COLUMN trail_price numeric;
ALTER TABLE orders ADD COLUMN trail_percent numeric;
ALTER TABLE orders ADD COLUMN expire_at TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN parent_order_id TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN leg_role TEXT NOT NULL DEFAULT 'ENTRY';
ALTER TABLE orders ADD COLUMN expires_at TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN working_type TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN working_quantity bigint;
ALTER TABLE orders ADD COLUMN working_price numeric;
ALTER TABLE orders ADD COLUMN working_stop_price numeric;
ALTER TABLE orders ADD COLUMN working_trail_price numeric;
ALTER TABLE orders ADD COLUMN working_trail_percent numeric;
ALTER TABLE orders ADD COLUMN working_time_in_force TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN amend_quantity bigint;
ALTER TABLE orders ADD COLUMN amend_price numeric;
ALTER TABLE orders ADD COLUMN amend_stop_price numeric;
ALTER TABLE orders ADD COLUMN venue_revision integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN trigger_price numeric;
ALTER TABLE orders ADD COLUMN watermark numeric;
ALTER TABLE orders ADD COLUMN triggered_at TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN cancel_intent TEXT COLLATE "C";

UPDATE orders SET working_type = order_type, working_quantity = quantity, working_price = price,
    working_stop_price = stop_price, working_time_in_force = time_in_force, working_trail_price = trail_price,
    working_trail_percent = trail_percent;

ALTER TABLE orders ALTER COLUMN working_type SET NOT NULL;
ALTER TABLE orders ALTER COLUMN working_quantity SET NOT NULL;
ALTER TABLE orders ALTER COLUMN working_time_in_force SET NOT NULL;

-- An amend may raise the quantity: what is filled is bounded by the working quantity, not the submitted one.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_check;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_filled_quantity_check;
ALTER TABLE orders ADD CONSTRAINT orders_filled_within_working CHECK (filled_quantity >= 0 AND filled_quantity <= working_quantity);

CREATE INDEX ix_orders_parent ON orders (parent_order_id) WHERE parent_order_id IS NOT NULL;
