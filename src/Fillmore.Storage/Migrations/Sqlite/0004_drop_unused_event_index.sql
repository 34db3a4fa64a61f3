-- Events are only ever read by (trader_id, seq). The index on order_id served no query, and because
-- order ids are random UUIDs every event dirtied a random page of it: about a tenth of the bytes
-- each commit wrote to the WAL (docs/benchmarks.md, third pass).
DROP INDEX IF EXISTS ix_order_events_order;
