-- Events are only ever read by (trader_id, seq). The index on order_id served no query and cost a
-- random index page per event (order ids are random UUIDs); the SQLite store drops it too.
DROP INDEX IF EXISTS ix_order_events_order;
