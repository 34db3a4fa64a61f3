-- Node leases (IWorkLeases: several nodes on one database), the audit table made append-only by
-- trigger (whoever runs the statement, the schema owner included) and by grants (the application
-- role fillmore_app may only read and insert audit entries, so dropping the trigger is not enough).
-- Tables added by later migrations need their own GRANT to fillmore_app.

-- Lease times come from the database clock (now()), so the nodes' own clocks never matter.
CREATE TABLE node_leases (
    node_id    TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL,
    renewed_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION execution_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'execution_log is append-only: audit entries cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER execution_log_refuses_change BEFORE UPDATE OR DELETE ON execution_log
    FOR EACH ROW EXECUTE FUNCTION execution_log_refuse_change();
CREATE TRIGGER execution_log_refuses_truncate BEFORE TRUNCATE ON execution_log
    FOR EACH STATEMENT EXECUTE FUNCTION execution_log_refuse_change();

-- Roles belong to the whole server: another database may have created it already (or be creating it now).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fillmore_app') THEN
        CREATE ROLE fillmore_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT SELECT ON schema_migrations TO fillmore_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON accounts, orders, fills, trader_sequences, order_events, positions, daily_pnl,
    trading_controls, node_leases TO fillmore_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO fillmore_app;
REVOKE ALL ON execution_log FROM PUBLIC, fillmore_app;
GRANT SELECT, INSERT ON execution_log TO fillmore_app;
