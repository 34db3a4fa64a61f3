-- FIX sessions (docs/fix.md): each session's numbering, every application message it sent (kept
-- for resends until the session is reset), and every order ever sent over FIX (kept for good: it
-- proves whether an order reached a FIX venue, and holds the ClOrdID the venue knows it by).
-- Times are TEXT in UTC (SqlText), as in every other table.

CREATE TABLE fix_sessions (
    session_id     TEXT PRIMARY KEY,                -- "FIX.4.4:CLIENT1->EXECUTOR"
    next_outbound  BIGINT NOT NULL CHECK (next_outbound >= 1),
    next_inbound   BIGINT NOT NULL CHECK (next_inbound >= 1),
    numbered_since TEXT COLLATE "C" NOT NULL,     -- when the current numbering began (creation or reset)
    updated_at     TEXT COLLATE "C" NOT NULL
);

CREATE TABLE fix_messages (
    session_id   TEXT NOT NULL,
    seq_num      BIGINT NOT NULL,
    msg_type     TEXT NOT NULL,
    order_id     TEXT,
    cl_ord_id    TEXT,
    sending_time TEXT COLLATE "C" NOT NULL,
    body         TEXT NOT NULL,                     -- the fields after the standard header, SOH-separated
    PRIMARY KEY (session_id, seq_num)
);

CREATE TABLE fix_orders (
    order_id   TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    cl_ord_id  TEXT NOT NULL,
    symbol     TEXT NOT NULL,
    side       TEXT NOT NULL,
    quantity   BIGINT NOT NULL,
    first_seq  BIGINT NOT NULL,
    first_sent TEXT COLLATE "C" NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON fix_sessions, fix_messages, fix_orders TO fillmore_app;
