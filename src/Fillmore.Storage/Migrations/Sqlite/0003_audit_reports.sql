-- Audit queries, execution reports and the metrics summary: fills of every trader by time,
-- orders by creation time (the metrics window).
CREATE INDEX ix_fills_time ON fills (timestamp);
CREATE INDEX ix_orders_created ON orders (created_at);
