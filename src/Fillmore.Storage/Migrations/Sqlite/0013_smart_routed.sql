-- Whether SMART chose the order's venue: a held order so routed is routed again at its release
-- (docs/routing.md), and only then may its venue change. Orders before this were not re-routed.
ALTER TABLE orders ADD COLUMN smart_routed INTEGER NOT NULL DEFAULT 0;
