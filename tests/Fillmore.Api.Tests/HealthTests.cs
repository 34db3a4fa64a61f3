// Health that tells the truth, against real dependencies: /health/ready turns 503 with a code when
// the store cannot write (its SQLite file locked by another connection, or its PostgreSQL database
// turned read-only) or when no venue answers (the exchange process stopped), and back to 200 when
// they recover; GET /api/v1/health reports each dependency and keeps the first version's fields.
// Probes run on the host's FakeTimeProvider; the waits are bounded barriers on what the service says.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Text.Json;
using Fillmore.Api.Hosting;
using Fillmore.Core.Ports;
using Fillmore.Exchange;
using Fillmore.Storage.Tests;
using Fillmore.Venues.Remote;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanup = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--) await _cleanup[i].DisposeAsync();
    }

    private FillmoreFactory Service(Action<FillmoreFactory>? configure = null)
    {
        var factory = new FillmoreFactory();
        configure?.Invoke(factory);
        _cleanup.Add(factory);
        return factory;
    }

    private static async Task<JsonElement> HealthAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/health")).JsonAsync();

    private static async Task<(HttpStatusCode, string?)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, response.IsSuccessStatusCode ? null : (await response.JsonAsync()).Str("code"));
    }

    private static Task UntilReadyIsAsync(HttpClient client, HttpStatusCode status, string? code) =>
        Wait.UntilAsync(async () => await ReadyAsync(client) == (status, code), $"/health/ready answers {status} {code}",
            TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_healthy_node_reports_every_dependency_and_the_first_versions_fields()
    {
        var client = Service().CreateClient();
        var health = await HealthAsync(client);
        Assert.Equal(("ok", true), (health.Str("status"), health.GetProperty("ready").GetBoolean()));
        Assert.Equal(JsonValueKind.String, health.GetProperty("timestamp").ValueKind);
        var store = health.GetProperty("store");
        Assert.Equal(("sqlite", true), (store.Str("provider"), store.GetProperty("writable").GetBoolean()));
        var venue = Assert.Single(health.GetProperty("venues").EnumerateArray());
        Assert.Equal(("SIM", "paper", true, true), (venue.Str("name"), venue.Str("kind"),
            venue.GetProperty("reachable").GetBoolean(), venue.GetProperty("connected").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, health.GetProperty("redis").ValueKind);
        Assert.Equal((HttpStatusCode.OK, (string?)null), await ReadyAsync(client));
    }

    [Fact]
    public async Task A_report_stream_that_is_down_makes_the_node_degraded_not_unready()
    {
        var factory = Service();
        var client = factory.CreateClient();
        factory.Venue.DisconnectStream();
        var health = await HealthAsync(client);
        Assert.Equal(("degraded", true), (health.Str("status"), health.GetProperty("ready").GetBoolean()));
        Assert.False(health.GetProperty("venues")[0].GetProperty("connected").GetBoolean());
        Assert.Equal((HttpStatusCode.OK, (string?)null), await ReadyAsync(client));
    }

    // The SQLite file's write lock is held by another connection (as a backup tool or a second process would): the
    // health probe's write waits, and once it has waited longer than WriteStuckAfter the store cannot write.
    [Fact]
    public async Task A_store_that_cannot_write_turns_the_node_not_ready_and_back()
    {
        var factory = Service();
        var client = factory.CreateClient();
        var monitor = factory.Services.GetRequiredService<HealthMonitor>();
        await using var locker = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        factory.Time.Advance(TimeSpan.FromSeconds(5));   // the probe is due: no write since start-up
        await Wait.UntilAsync(async () => (await HealthAsync(client)).GetProperty("store").GetProperty("writing_since")
            .ValueKind == JsonValueKind.String, "the probe's write to be waiting for the lock");
        Assert.Equal((HttpStatusCode.OK, (string?)null), await ReadyAsync(client));   // not stuck for long yet
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "STORE_UNWRITABLE"), await ReadyAsync(client));
        var down = await HealthAsync(client);
        Assert.Equal(("down", false), (down.Str("status"), down.GetProperty("store").GetProperty("writable").GetBoolean()));
        Assert.Equal(1, monitor.Probes);   // a hanging write is its own evidence: no second probe piles up

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        await UntilReadyIsAsync(client, HttpStatusCode.OK, null);
        var store = (await HealthAsync(client)).GetProperty("store");
        Assert.True(store.GetProperty("writable").GetBoolean());
        Assert.Equal(JsonValueKind.Number, store.GetProperty("last_commit_latency_ms").ValueKind);
    }

    // The database refuses writes (a primary turned read-only, as after a failover): every write fails at once, the
    // node is not ready; the next probe after writes are allowed again makes it ready.
    [PostgresFact]
    public async Task A_postgres_store_that_turned_read_only_turns_the_node_not_ready_and_back()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        _cleanup.Add(database);
        var factory = Service(f =>
        {
            f.Settings["Fillmore:Store:Provider"] = "postgres";
            f.Settings["Fillmore:Store:PostgresConnectionString"] = database.AppConnectionString;
            f.Settings["Fillmore:Store:PostgresMigrationConnectionString"] = database.AdminConnectionString;
        });
        var client = factory.CreateClient();
        Assert.Equal((HttpStatusCode.OK, (string?)null), await ReadyAsync(client));

        await ReadOnlyAsync(database, true);
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        await UntilReadyIsAsync(client, HttpStatusCode.ServiceUnavailable, "STORE_UNWRITABLE");
        Assert.Equal(JsonValueKind.String,
            (await HealthAsync(client)).GetProperty("store").GetProperty("last_failure_at").ValueKind);

        await ReadOnlyAsync(database, false);
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        await UntilReadyIsAsync(client, HttpStatusCode.OK, null);

        // The reconciler's rounds that met the store's dropped connections failed; the loop goes on.
        var metrics = factory.Services.GetRequiredService<Core.Execution.EngineMetrics>();
        var rounds = metrics.ReconciliationsFinished;
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => metrics.ReconciliationsFinished > rounds, "another reconciliation round");
    }

    // New sessions of the database are read-only (or not): the store's sessions are ended, so it reconnects into one.
    private static async Task ReadOnlyAsync(PostgresTestDatabase database, bool readOnly)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString!) { Pooling = false }
            .ToString();
        await PostgresServer.ExecuteAsync(admin, readOnly
            ? $"ALTER DATABASE {database.Name} SET default_transaction_read_only = on"
            : $"ALTER DATABASE {database.Name} RESET default_transaction_read_only");
        await PostgresServer.ExecuteAsync(admin,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}'");
    }

    // The paper exchange as its own server, stopped and started again on the same port, as an operator would.
    [Fact]
    public async Task No_reachable_venue_turns_the_node_not_ready_and_its_return_turns_it_back()
    {
        var port = Venues.Tests.Probe.FreePort();
        var exchange = await StartExchangeAsync(port);
        var venue = new RemoteVenue(new RemoteVenueOptions { Url = $"http://127.0.0.1:{port}",
            QuotePollInterval = TimeSpan.FromMilliseconds(100), ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        _cleanup.Add(venue);
        Assert.True(await venue.WaitUntilReadyAsync());
        var factory = Service(f => f.TestServices = services =>
        {
            services.AddSingleton<IVenue>(venue);
            services.AddSingleton<IMarketData>(venue);
        });
        var client = factory.CreateClient();
        await UntilReadyIsAsync(client, HttpStatusCode.OK, null);
        Assert.Equal("exchange", (await HealthAsync(client)).GetProperty("venues")[0].Str("kind"));

        await exchange.StopAsync();
        await exchange.DisposeAsync();
        await UntilReadyIsAsync(client, HttpStatusCode.ServiceUnavailable, "NO_VENUE_REACHABLE");
        var down = (await HealthAsync(client)).GetProperty("venues")[0];
        Assert.False(down.GetProperty("reachable").GetBoolean());
        Assert.Contains("cannot be reached", down.Str("detail"));
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), down.Str("detail"));

        exchange = await StartExchangeAsync(port);
        _cleanup.Add(exchange);
        await UntilReadyIsAsync(client, HttpStatusCode.OK, null);
        await Wait.UntilAsync(async () => (await HealthAsync(client)).Str("status") == "ok",
            "the report stream to reopen as well", TimeSpan.FromSeconds(30));
    }

    private static async Task<WebApplication> StartExchangeAsync(int port)
    {
        var exchange = ExchangeHost.Build(["--urls", $"http://127.0.0.1:{port}", "--Exchange:QuoteInterval", "01:00:00"]);
        await exchange.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return exchange;
    }
}
