// verify-audit --postgres: the chain and its checkpoints checked straight from a PostgreSQL
// database, in a read-only session, as for a SQLite file: intact, then entries cut from the end
// (by the schema owner, with the triggers disabled, as an attacker with that role could) that only
// the checkpoint kept outside shows.
namespace Fillmore.Api.Tests;

using System.Security.Cryptography;
using System.Text.Json;
using Fillmore.Api.Contracts;
using Fillmore.Api.Hosting;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage.Postgres;
using Fillmore.Storage.Tests;
using Npgsql;

public sealed class VerifyAuditPostgresTests
{
    [PostgresFact]
    public async Task The_chain_and_a_checkpoint_are_verified_from_PostgreSQL_and_a_cut_is_caught()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var signer = new AuditCheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var file = Path.Combine(Directory.CreateTempSubdirectory("fillmore-verify-pg-").FullName, "checkpoint.json");
        using (var store = await PostgresOrderStore.OpenAsync(database.Options(), new NoEvents(), TimeProvider.System))
        {
            for (var i = 0; i < 4; i++) await store.CommitAsync(NewOrder());
            var checkpoint = signer.Sign(await store.ReadAuditHeadsAsync(), DateTimeOffset.UtcNow);
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(AuditCheckpointResponse.From(checkpoint),
                FillmoreJsonContext.Web.AuditCheckpointResponse));
        }
        var (exit, output, _) = await AuditTrailTests.RunVerifyAuditAsync("--postgres", database.AppConnectionString,
            "--checkpoint", file);
        Assert.Equal(VerifyAuditCommand.Intact, exit);
        Assert.Equal(8, JsonDocument.Parse(output).RootElement.GetProperty("head_id").GetInt64());

        await using (var owner = new NpgsqlConnection(database.AdminConnectionString))
        {
            await owner.OpenAsync();
            await using var cut = new NpgsqlCommand("ALTER TABLE execution_log DISABLE TRIGGER USER; "
                + "DELETE FROM execution_log WHERE id > 6;", owner);
            await cut.ExecuteNonQueryAsync();
        }
        (exit, _, _) = await AuditTrailTests.RunVerifyAuditAsync("--postgres", database.AppConnectionString);
        Assert.Equal(VerifyAuditCommand.Intact, exit);   // the chain alone cannot tell
        (exit, output, _) = await AuditTrailTests.RunVerifyAuditAsync("--postgres", database.AppConnectionString,
            "--checkpoint", file);
        Assert.Equal(VerifyAuditCommand.Broken, exit);
        var verdict = JsonDocument.Parse(output).RootElement;
        // One trader, one partition: entries 7 and 8 were its 7th and 8th; the checkpoint names the 8th.
        Assert.Equal((7L, "REMOVED", AuditPartitioner.Of("alice", 16)), (verdict.GetProperty("first_broken_seq").GetInt64(),
            verdict.Str("problem"), verdict.GetProperty("first_broken_partition").GetInt32()));
        Assert.False(verdict.TryGetProperty("first_broken_id", out _));   // the entry is gone: no row to name
    }

    [Fact]
    public async Task Two_databases_at_once_are_a_usage_error()
    {
        var (exit, _, error) = await AuditTrailTests.RunVerifyAuditAsync("--db", "x.db", "--postgres", "Host=127.0.0.1");
        Assert.Equal(VerifyAuditCommand.Error, exit);
        Assert.StartsWith("usage: verify-audit", error);
    }

    private static OrderChange NewOrder()
    {
        var now = DateTimeOffset.UtcNow;
        var order = Order.CreatePending(new OrderId(Guid.NewGuid()), new TraderId("alice"), null,
            new OrderSpec(Symbol.Of("AAPL"), Side.Buy, 1, OrderType.Market, null, null, TimeInForce.Day, null, null),
            "SIM", ExecutionPath.V2, now);
        return OrderChange.NewOrder(order).Audited(AuditRecord.Of(order, AuditAction.Submitted, Actor.Trader, now))
            .Audited(AuditRecord.Of(order, AuditAction.Approved, Actor.System, now));
    }

    private sealed class NoEvents : IEventPublisher
    {
        public void Publish(IReadOnlyList<Fillmore.Core.Streaming.OrderEvent> committed) { }
    }
}
