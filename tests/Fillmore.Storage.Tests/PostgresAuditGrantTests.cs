// The audit table is append-only twice over on PostgreSQL: a trigger refuses UPDATE, DELETE and
// TRUNCATE to everyone (the superuser included), and the application role has no privilege to
// run them at all, so even with the trigger dropped by the schema owner the service cannot edit
// history. Tampering that does get through (as the owner) is caught by the verifier.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage.Postgres;
using Npgsql;

[RequiresPostgres]
public sealed class PostgresAuditGrantTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private PostgresTestDatabase _db = null!;
    private PostgresOrderStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync();
        _store = await PostgresOrderStore.OpenAsync(_db.Options(), new RecordingPublisher(), TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            var order = Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
                new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 10, OrderType.Limit, 150.25m, null, TimeInForce.Gtc, null, null), "SIM", ExecutionPath.V2, T0);
            Assert.True((await _store.CommitAsync(OrderChange.NewOrder(order).Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, T0)))).Ok);
        }
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _db.DisposeAsync();
    }

    [StoreFact]
    public async Task The_trigger_refuses_even_the_superuser()
    {
        foreach (var sql in new[] { "UPDATE execution_log SET reason = 'edited'", "DELETE FROM execution_log", "TRUNCATE execution_log" })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(_db.AdminConnectionString, sql));
            Assert.Contains("append-only", ex.MessageText);
        }
        Assert.Equal(3L, await PostgresServer.ScalarAsync(_db.AdminConnectionString, "SELECT COUNT(*) FROM execution_log"));
    }

    [StoreFact]
    public async Task Without_the_trigger_the_application_role_still_has_no_privilege()
    {
        await PostgresServer.ExecuteAsync(_db.AdminConnectionString,
            "DROP TRIGGER execution_log_refuses_change ON execution_log; DROP TRIGGER execution_log_refuses_truncate ON execution_log");
        foreach (var sql in new[] { "UPDATE execution_log SET reason = 'edited'", "DELETE FROM execution_log", "TRUNCATE execution_log" })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(_db.AppUnpooled, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        }
        Assert.True((await AuditTrailCheck.RunAsync(_store.ReadAuditChainAsync, pageSize: 2)).Valid);

        // The owner, without the trigger, can edit: the chain then names the entry.
        await PostgresServer.ExecuteAsync(_db.AdminConnectionString, "UPDATE execution_log SET quantity = 11 WHERE id = 2");
        var verdict = await AuditTrailCheck.RunAsync(_store.ReadAuditChainAsync, pageSize: 2);
        Assert.Equal((false, 2L), (verdict.Valid, verdict.FirstBrokenId));
    }

    [StoreFact]
    public async Task A_stored_value_in_a_form_fillmore_never_writes_is_reported_as_damaged()
    {
        await PostgresServer.ExecuteAsync(_db.AdminConnectionString,
            "ALTER TABLE execution_log DISABLE TRIGGER execution_log_refuses_change; UPDATE execution_log SET symbol = 'aapl' WHERE id = 3");
        var row = (await _store.ReadAuditChainAsync(2, 1))[0];
        Assert.Contains("'aapl'", row.Damage);
        var verdict = await AuditTrailCheck.RunAsync(_store.ReadAuditChainAsync);
        Assert.Equal((false, 3L), (verdict.Valid, verdict.FirstBrokenId));
    }
}
